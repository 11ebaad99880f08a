"""Clause conditions: a clause the data chooses.

A clause marker may end in a condition on one field of the data file,

    <!-- strategy.roles.approval.notification when policy.new_accounts=notification -->

and the clause is then used only when that field has that value. Choices are data
(docgen.model), their text lives in the clause library, and this module is the one
place that reads a field by its dotted path and compares it with the condition.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from docgen.errors import ContentError
from docgen.model_walk import step, unwrap


@dataclass(frozen=True)
class Condition:
    path: tuple[str, ...]  # ("policy", "new_accounts")
    value: str  # as written in the data file: an enum value, true/false, a number

    @classmethod
    def parse(cls, text: str) -> Condition:
        field, _, value = text.partition("=")
        if not value:
            raise ContentError(f"a clause condition is written field=value, not {text!r}")
        return cls(tuple(field.strip().split(".")), value.strip())

    def __str__(self) -> str:
        return f"{'.'.join(self.path)}={self.value}"

    def holds(self, data: BaseModel) -> bool:
        found: Any = data
        for name in self.path:
            found = getattr(found, name, None)
        return as_written(found) == self.value


def as_written(value: object) -> str:
    """A data value as the data file writes it: enums by value, booleans in lower case."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "none" if value is None else str(value)


def allowed(model: type[BaseModel], path: tuple[str, ...]) -> tuple[str, ...]:
    """The values a condition on `path` may name, read from the model: an enum's or a
    Literal's values, or true/false. Raises ContentError for a path the model lacks or
    a field that is not a choice."""
    annotation: Any = model
    for name in path:
        annotation = step(annotation, name)
        if annotation is None:
            raise ContentError(f"a clause condition names {'.'.join(path)}, which the data file does not have")
    values = _choices(unwrap(annotation))
    if not values:
        raise ContentError(f"{'.'.join(path)} is not a choice a clause condition can name")
    return values


def _choices(annotation: Any) -> tuple[str, ...]:
    if annotation is bool:
        return ("true", "false")
    if get_origin(annotation) is Literal:
        return tuple(as_written(arg) for arg in get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(as_written(member) for member in annotation)
    return ()
