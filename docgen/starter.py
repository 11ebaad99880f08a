"""The text of `docgen new`: a starter data file written from the data model itself.

Every field of the model is written in model order with its description as a comment,
so a field added to the model appears in the starter without an edit here: with its
sample value (docgen.starter_samples), commented out with an example when it is an
optional one to opt in to, with its default, or, optional and without any of these,
not at all. A required field without a sample is an error, so the starter always
validates as written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from ruamel.yaml import YAML

from docgen.conditions import as_written
from docgen.model import Municipality
from docgen.model_walk import model_of, step
from docgen.starter_samples import Samples, samples

INDENT = 2
COMMENT_COLUMN = 40
# A heading before the top-level field that starts each part of the file.
_PARTS = {
    "name": "Who you are",
    "profile": "How your documents look",
    "roles": "Who does what, in your own words (written as they fit inside a sentence)",
    "adoption": "Adoption",
    "policy": "The rules your documents state",
    "accounts": "Your accounts: one entry per account",
    "content": "Changes to the default text, per document kind (optional)",
    "publishing_plan": "Publishing plan (optional): posts planned ahead, checked against the policy",
}


def _introduction(slug: str, name: str) -> str:
    return f"""\
# yaml-language-server: $schema=../schema/municipality.schema.json
#
# Data for {name}, written by `docgen new`. Every value below is a placeholder that is
# valid as it stands. Replace them with your own, then run `docgen validate {slug}`.
# Lines starting with '#' are comments; remove the '# ' before an optional field to use it.
# Your logo and fonts go in the folder {slug}/ beside this file.
#
# Text in more than one language: a plain text value is in your main language. When you
# build extra languages (see `languages`), give every text value in each of them, the way
# this purpose is given in nynorsk and bokmål: {{nn: Nyhende og dialog, nb: Nyheter og dialog}}
# `docgen validate` names every value that lacks a language. Names (of the municipality,
# accounts and people) may stay plain: they are the same in every language.
"""


class MissingSample(LookupError):
    """A required field of the model has no sample value for the starter file."""


@dataclass(frozen=True)
class _Line:
    indent: int  # columns before the key
    text: str
    note: str | None = None  # the comment after the value
    comment_at: int | None = None  # where '# ' goes when the line is commented out
    item: bool = False  # the first line of a list item: '- ' before the key


def starter_yaml(slug: str, name: str, language: str, today: dt.date | None = None) -> str:
    found = samples(slug, name, language, today or dt.date.today())
    parts = [_introduction(slug, name)]
    for key, lines in _fields(Municipality, None, "", found, 0, None):
        if key in _PARTS:
            parts.append(f"\n# --- {_PARTS[key]} ".ljust(92, "-") + "\n")
        parts.extend(_render(line) + "\n" for line in lines)
    return "".join(parts)


def _fields(
    model: type[BaseModel], given: Mapping[str, Any] | None, path: str, found: Samples, indent: int, comment_at: int | None
) -> Iterator[tuple[str, list[_Line]]]:
    """Each field of `model` that the starter shows, with its lines. `given` holds the
    values of this mapping when the samples give it whole (a list item, an example)."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        where = f"{path}.{key}" if path else key
        at = comment_at
        if given is not None and key in given:
            value = given[key]
        elif where in found.values:
            value = found.values[where]
        elif where in found.examples:
            value, at = found.examples[where], indent if comment_at is None else comment_at
        elif info.is_required() and model_of(info.annotation):
            value = {}  # its fields have their own samples
        elif info.is_required():
            raise MissingSample(f"docgen new has no sample value for the required field {where}; add one in starter_samples")
        else:
            value = info.get_default(call_default_factory=True)
            if value is None:
                continue
        yield key, _field(key, info, value, where, found, indent, at)


def _field(key: str, info: FieldInfo, value: Any, path: str, found: Samples, indent: int, at: int | None) -> list[_Line]:
    note = info.description or _first_line((model_of(info.annotation) or BaseModel).__doc__)
    inner = indent + INDENT
    if isinstance(value, BaseModel) or (isinstance(value, Mapping) and model_of(info.annotation)):
        model = model_of(info.annotation)
        assert model is not None
        given = None if isinstance(value, BaseModel) else value
        return [_Line(indent, f"{key}:", note, at), *_flat(_fields(model, given, path, found, inner, at))]
    if isinstance(value, Mapping) and value:
        lines = [_Line(indent, f"{key}:", note, at)]
        for name, item in value.items():
            lines += _field(name, FieldInfo(annotation=step(info.annotation, name)), item, path, found, inner, at)
        return lines
    item_model = model_of(step(info.annotation, 0)) if isinstance(value, list) else None
    if item_model and value:
        lines = [_Line(indent, f"{key}:", note, at)]
        for item in value:
            given = item if isinstance(item, Mapping) else None
            item_lines = _flat(_fields(item_model, given, path, found, inner + INDENT, at))
            lines += [_Line(inner + INDENT, item_lines[0].text, item_lines[0].note, at, item=True), *item_lines[1:]]
        return lines
    return [_Line(indent, f"{key}: {_scalar(value)}", note, at)]


def _flat(fields: Iterator[tuple[str, list[_Line]]]) -> list[_Line]:
    return [line for _, lines in fields for line in lines]


def _render(line: _Line) -> str:
    indent = line.indent - INDENT if line.item else line.indent
    code = " " * indent + ("- " if line.item else "") + line.text
    if line.comment_at is not None:
        code = " " * line.comment_at + "# " + code[line.comment_at :]
    return f"{code:<{COMMENT_COLUMN - 1}} # {line.note}" if line.note else code


def _scalar(value: Any) -> str:
    """`value` as the data file writes it: plain when YAML reads it back as the same
    text, else quoted; a list in brackets."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bool, int, float)) or not isinstance(value, str):
        return as_written(value)
    return value if _reads_back(value) else json.dumps(value, ensure_ascii=False)


def _reads_back(text: str) -> bool:
    try:
        return bool(text) and YAML(typ="safe").load(f"[{text}]") == [text]
    except Exception:  # anything the parser refuses needs quotes
        return False


def _first_line(text: str | None) -> str | None:
    return text.strip().splitlines()[0] if text else None

