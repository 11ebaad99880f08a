"""How a problem in a data file is told: the YAML parser's and pydantic's errors in plain
words for the person who keeps the file, each at the line and column of the value.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from docgen.entry import Loc, dotted
from docgen.errors import Problem
from docgen.model import Municipality
from docgen.model_text import HOW_TO_WRITE
from docgen.model_walk import model_of, step


# The parser's words for common mistakes, and what to do about them.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a ':' where none is expected; check this line's indentation, or put the value in quotes"),
    ("found duplicate key", "this key appears twice in the same place; keep one of them"),
    ("found character '\\t'", "a tab character; indent with spaces only"),
    ("end of stream", "a quote that is never closed; end the text with the same quote mark"),
    ("expected <block end>", "the lines here are not indented like the ones above; line them up"),
    ("could not find expected ':'", "a line without ':' where a 'key: value' line is expected"),
)


def syntax_problem(path: Path, error: MarkedYAMLError) -> Problem:
    problem = (error.problem or "the file cannot be read as YAML").strip()
    hint = next((words for pattern, words in _SYNTAX_HINTS if pattern in problem), problem)
    # An unclosed quote is only noticed at the end of the file: point at where it opened.
    mark = error.context_mark if "end of stream" in problem and error.context_mark else error.problem_mark
    mark = mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, "", f"YAML syntax error: {hint}")


def position(tree: Any, loc: Loc) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of `loc` present in the YAML tree."""
    line, column = 1, 1
    node = tree
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line, column = node.lc.key(part)
            line, column = line + 1, column + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.lc.item(part)
            line, column = line + 1, column + 1
            node = node[part]
        else:
            break
    return line, column


def shape_problem(path: Path, tree: CommentedMap, error: Any) -> Problem:
    loc: Loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    line, column = position(tree, loc)
    return Problem(path, line, column, dotted(loc), _message(error, loc))


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds tags such as '[key]' (a mapping's key) or 'function-after[…]' to locations.
    return isinstance(part, str) and "[" in part


_PLAIN_WORDS = {
    "missing": "is required but missing",
    "string_type": "must be text, not {value}",
    "int_type": "must be a whole number; you wrote {value}",
    "int_parsing": "must be a whole number; you wrote {value}",
    "int_from_float": "must be a whole number; you wrote {value}",
    "float_parsing": "must be a number; you wrote {value}",
    "bool_parsing": "must be true or false; you wrote {value}",
    "bool_type": "must be true or false; you wrote {value}",
    "float_type": "must be a number; you wrote {value}",
    "bool_type": "must be true or false; you wrote {value}",
    "list_type": "must be a list (lines starting with '- '), not {value}",
    "dict_type": "must be a set of 'key: value' lines, not {value}",
    "model_type": "must be a set of 'key: value' lines, not {value}",
    "model_attributes_type": "must be a set of 'key: value' lines, not {value}",
    "date_from_datetime_parsing": "{value} is not a date that exists; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_from_datetime_inexact": "{value} is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_parsing": "{value} is not a date that exists; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_type": "must be a date written as YYYY-MM-DD, e.g. 2026-01-31; you wrote {value}",
    "url_parsing": "{value} is not a valid web address; write it in full, e.g. https://www.example.no/",
    "url_scheme": "{value} must be a web address starting with https:// or http://",
    "url_type": "must be a web address starting with https://; you wrote {value}",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
}


def _shown(value: Any) -> str:
    """The offending value as the person wrote it, or what kind of thing it is."""
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return repr(str(value))


def _message(error: Any, loc: Loc) -> str:
    kind = error["type"]
    value = _shown(error.get("input"))
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "string_too_long":
        return f"is {len(str(error['input']))} characters long; at most {error['ctx']['max_length']} are allowed"
    if kind in _PLAIN_WORDS:
        return _PLAIN_WORDS[kind].format(value=value)
    if kind in ("enum", "literal_error"):
        return f"must be one of: {error['ctx']['expected']}; you wrote {value}"
    if kind == "string_pattern_mismatch":
        how = HOW_TO_WRITE.get(error["ctx"]["pattern"]) or _description(loc) or "see the schema"
        return f"{value} is not written the right way; {how}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{error['msg'].replace('Input should be', 'must be')}; you wrote {value}"
    return str(error["msg"]).removeprefix("Value error, ").replace("Input should be", "must be")


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that the mapping at `loc` is validated against."""
    annotation: Any = Municipality
    for part in loc:
        annotation = step(annotation, part)
    return model_of(annotation)


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
