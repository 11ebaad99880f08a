"""The loader, the business rules and the document kinds form layers, not a cycle: what
they share (Entry, Loc, Finding) lives below all three, in docgen.entry, so no import
has to hide inside a function or behind TYPE_CHECKING to break a loop."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import docgen

PACKAGE = Path(docgen.__file__).parent
LAYERED = ("docgen.entry", "docgen.load", "docgen.rules", "docgen.laws", "docgen.plan_rules", "docgen.kinds")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module, known: set[str]) -> tuple[set[str], set[str]]:
    """The docgen modules imported at module level (TYPE_CHECKING blocks included) and
    those imported inside functions."""
    top: set[str] = set()
    inner: set[str] = set()

    def targets(node: ast.Import | ast.ImportFrom) -> set[str]:
        if isinstance(node, ast.Import):
            return {alias.name for alias in node.names}
        base = node.module or ""
        named = {f"{base}.{alias.name}" for alias in node.names}
        return {name for name in named if name in known} or {base}

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                (inner if in_function else top).update(n for n in targets(child) if n in known)
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(tree, False)
    return top, inner


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    top: dict[str, set[str]] = {}
    inner: dict[str, set[str]] = {}
    for name, path in paths.items():
        top[name], inner[name] = _imports(ast.parse(path.read_text(encoding="utf-8")), set(paths))
    return top, inner


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph.get(name, ()))
    return seen


def _in_layers(name: str) -> bool:
    return any(name == layer or name.startswith(layer + ".") for layer in LAYERED)


def test_no_layered_module_imports_itself_back() -> None:
    top, _ = _graph()
    cycles = [name for name in top if _in_layers(name) and name in _reachable(top, name)]
    assert cycles == []


def test_no_import_in_a_function_reaches_back_into_the_layers() -> None:
    _, inner = _graph()
    hidden = {name: sorted(filter(_in_layers, found)) for name, found in inner.items() if _in_layers(name)}
    assert {name: found for name, found in hidden.items() if found} == {}


def test_the_graph_sees_the_imports_the_layers_do_make() -> None:
    # The checks above are only as good as the graph: it must see that the rules use the
    # kinds and that everything meets in docgen.entry.
    top, _ = _graph()
    assert "docgen.kinds" in top["docgen.rules"]
    assert "docgen.entry" in top["docgen.kinds.base"] and "docgen.entry" in top["docgen.load"]


def test_each_layer_imports_first_in_a_fresh_interpreter() -> None:
    for module in LAYERED:
        result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
        assert result.returncode == 0, f"{module}: {result.stderr}"
