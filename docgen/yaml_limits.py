"""Bounds on the shape of a YAML data file, checked on the parser's event stream before
anything is built from it.

The parser is iterative, so this pass is safe on any input; the composer and everything
after it recurse and copy, so they only ever see a file that passed: nesting at most
YAML_DEPTH deep, at most YAML_ALIASES aliases, and at most YAML_NODES values once every
alias is expanded (ten levels of aliases in 1 KB would otherwise expand to billions).
A control character the YAML reader would choke on is reported at its line first.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent, ScalarEvent

from docgen.errors import DataError, Problem
from docgen.limits import YAML_ALIASES, YAML_DEPTH, YAML_NODES
from docgen.model import NOT_PRINTABLE

def check_characters(path: Path, text: str) -> None:
    """Refuse control characters, each at its line and column (the first on each line)."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): it breaks at \x1c too
        if found := NOT_PRINTABLE.search(line):
            message = f"a control character (U+{ord(found[0]):04X}) that has no place in a data file; delete it"
            problems.append(Problem(path, number, found.start() + 1, "", message))
    if problems:
        raise DataError(problems)


def check_shape(path: Path, text: str) -> None:
    """Refuse deep nesting and alias expansion beyond the limits, at the line where the
    limit is crossed. Syntax errors propagate as the parser's MarkedYAMLError."""
    sizes: dict[str, int] = {}  # anchor → number of values it stands for, expanded
    open_sizes: list[tuple[str | None, int]] = []  # the collections we are inside
    aliases = total = 0

    def fail(event: NodeEvent, message: str) -> DataError:
        mark = event.start_mark
        return DataError([Problem(path, mark.line + 1, mark.column + 1, "", message)])

    for event in YAML(typ="rt").parse(text):
        if isinstance(event, AliasEvent):
            aliases += 1
            if aliases > YAML_ALIASES:
                raise fail(event, f"more than {YAML_ALIASES} aliases ('*name'); write the values out instead")
            size = sizes.get(event.anchor, 1)
        elif isinstance(event, CollectionStartEvent):
            if len(open_sizes) >= YAML_DEPTH:
                raise fail(event, f"nested more than {YAML_DEPTH} levels deep; no docgen field needs that")
            open_sizes.append((event.anchor, 1))
            continue
        elif isinstance(event, CollectionEndEvent):
            anchor, size = open_sizes.pop()
            if anchor:
                sizes[anchor] = size
            if open_sizes:
                parent_anchor, parent_size = open_sizes[-1]
                open_sizes[-1] = (parent_anchor, parent_size + size)
            continue
        elif isinstance(event, ScalarEvent):
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        else:
            continue
        total += size
        if total > YAML_NODES:
            raise fail(event, f"expands to more than {YAML_NODES:,} values through its aliases".replace(",", " "))
        if open_sizes:
            anchor, parent_size = open_sizes[-1]
            open_sizes[-1] = (anchor, parent_size + size)
