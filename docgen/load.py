"""Read `municipalities/<slug>.yaml` into a validated Municipality.

Every problem in a file is reported at once, each located at its line and column and
worded for the person who keeps the file. Nothing is built from a file with problems.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from docgen.errors import DataError, Problem
from docgen.model import Municipality
from docgen.rules import check_rules

log = logging.getLogger("docgen")

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Entry:
    """A municipality as loaded: its slug, its file and its validated data."""

    slug: str
    path: Path
    municipality: Municipality
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def folder(self) -> Path:
        """Where the municipality's assets (logo, fonts) live."""
        return self.path.parent / self.slug


def discover(data_dir: Path, slugs: Iterable[str] = ()) -> list[Path]:
    """The data files in `data_dir`, all of them or the named ones, sorted by slug."""
    wanted = list(slugs)
    if wanted:
        paths = [data_dir / f"{slug}.yaml" for slug in wanted]
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise DataError([Problem(p, 0, 0, "", "no such municipality file") for p in missing])
        return paths
    return sorted(data_dir.glob("*.yaml"))


def load(path: Path) -> Entry:
    """Parse and validate one municipality; raise DataError with every problem found."""
    try:
        tree = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (error.problem or "the file cannot be read as YAML").strip()
        raise DataError([Problem(path, line, column, "", f"YAML syntax error: {problem}")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(path, 1, 1, "", f"cannot read the file: {error}")]) from None
    if not isinstance(tree, CommentedMap):
        raise DataError([Problem(path, 1, 1, "", "the file must be a set of 'key: value' lines")])

    try:
        municipality = Municipality.model_validate(_plain(tree))
    except ValidationError as error:
        raise DataError([_problem(path, tree, e) for e in error.errors()]) from None

    entry = Entry(path.stem, path, municipality)
    errors, warnings = [], []
    for loc, message, is_warning in check_rules(entry):
        line, column = position(tree, loc)
        (warnings if is_warning else errors).append(Problem(path, line, column, dotted(loc), message))
    if errors:
        raise DataError(errors)
    return Entry(path.stem, path, municipality, tuple(sorted(warnings)))


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def dotted(loc: Loc) -> str:
    """('accounts', 1, 'url') → 'accounts[1].url'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def position(tree: Any, loc: Loc) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of `loc` present in the YAML tree."""
    line, column = 1, 1
    node = tree
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line, column = node.lc.key(part)  # type: ignore[misc]
            line, column = line + 1, column + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.lc.item(part)  # type: ignore[misc]
            line, column = line + 1, column + 1
            node = node[part]
        else:
            break
    return line, column


def _problem(path: Path, tree: CommentedMap, error: Any) -> Problem:
    loc: Loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    line, column = position(tree, loc)
    return Problem(path, line, column, dotted(loc), _message(error, loc))


def _is_union_tag(part: str | int) -> bool:
    # pydantic puts the member type's name into the location of union errors.
    return isinstance(part, str) and ("[" in part or part in {"function-after", "str", "date", "int", "float"})


_PLAIN_WORDS = {
    "missing": "is required but missing",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "list_type": "must be a list (lines starting with '- ')",
    "dict_type": "must be a set of 'key: value' lines",
    "model_type": "must be a set of 'key: value' lines",
    "date_from_datetime_parsing": "is not a date that exists; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_parsing": "is not a date that exists; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_type": "must be a date written as YYYY-MM-DD, e.g. 2026-01-31",
    "url_parsing": "is not a valid web address; write it in full, e.g. https://www.example.no/",
    "url_scheme": "must be a web address starting with https:// or http://",
    "url_type": "must be a web address starting with https://",
    "string_too_short": "must not be empty",
}


def _message(error: Any, loc: Loc) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind in _PLAIN_WORDS:
        return _PLAIN_WORDS[kind]
    if kind in ("enum", "literal_error"):
        return f"must be one of: {error['ctx']['expected']}; you wrote {error['input']!r}"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not written the right way ({_description(loc) or 'see the schema'})"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return error["msg"].replace("Input should be", "must be")
    return str(error["msg"]).removeprefix("Value error, ").replace("Input should be", "must be")


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that the mapping at `loc` is validated against."""
    model: Any = Municipality
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _unknown_key(loc: Loc) -> str:
    key = str(loc[-1])
    model = _model_at(loc[:-1])
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else (f"; known keys here: {', '.join(known)}" if known else "")
    return f"unknown key '{key}'{hint}"


def _description(loc: Loc) -> str | None:
    model = _model_at(loc[:-1])
    if model and loc and loc[-1] in model.model_fields:
        return model.model_fields[str(loc[-1])].description
    return None
