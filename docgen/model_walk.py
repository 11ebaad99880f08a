"""Walking the data model's types: from a model to the type of one of its fields, a
list's items or a mapping's values. The error messages (which keys are known here) and
the starter file (which fields to write) both read the model this way."""

from __future__ import annotations

from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel


def unwrap(annotation: Any) -> Any:
    """Annotated[X, …] → X; X | None → X."""
    while get_origin(annotation) in (Annotated, Union, UnionType):
        arguments = [a for a in get_args(annotation) if a is not type(None)]
        annotation = arguments[0] if arguments else None
    return annotation


def step(annotation: Any, part: str | int) -> Any:
    """The type one level down: a model's field, a list's item or a mapping's value."""
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(str(part))
        return info.annotation if info else None
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin is list and isinstance(part, int) and arguments:
        return arguments[0]
    if origin is dict and len(arguments) == 2:
        return arguments[1]
    return None


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class `annotation` stands for, if it is one."""
    annotation = unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
