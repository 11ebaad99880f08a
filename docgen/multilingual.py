"""Free text in the data file, in one language or in several.

Every free-text value is either a plain string, in the municipality's primary language,
or a mapping from language code to text:

    purpose: {nn: Nyhende og dialog, nb: Nyheter og dialog}

The loader validates a data file once for every language the municipality builds,
naming the language in pydantic's validation context (`reading`). Each free-text value
becomes its text in that language right there, so the kinds only ever see strings, and a
value without text in a language is a validation error at its own line: no document is
built with text in another language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from docgen.language import LANGUAGES

# In messages, which are written in English for every user.
LANGUAGE_NAMES = {"nb": "bokmål", "nn": "nynorsk", "sv": "Swedish"}

# What the schema shows editors: a string, or a mapping language → string.
_INPUT = str | dict[Literal["nb", "nn", "sv"], str]


def reading(language: str | None, primary: str | None) -> dict[str, str | None]:
    """The validation context for reading a data file in `language`."""
    return {"language": language, "primary": primary}


def languages_read(data: Mapping[str, Any]) -> list[str | None]:
    """The languages a data file is read in: its primary language, then the extra ones,
    as far as the file names them rightly (None: no valid primary language, which
    validation reports)."""
    primary = data.get("language") if data.get("language") in LANGUAGES else None
    extra = data.get("languages")
    extras = [x for x in extra if x in LANGUAGES and x != primary] if isinstance(extra, list) else []
    return [primary, *dict.fromkeys(extras)]


def _named(language: str) -> str:
    return f"{LANGUAGE_NAMES[language]} ({language})"


def _in_language(value: Any, info: ValidationInfo, same_in_every_language: Callable[[str], bool]) -> Any:
    context = info.context or {}
    language, primary = context.get("language"), context.get("primary")
    if not isinstance(value, dict):
        if isinstance(value, str) and language and primary and language != primary and not same_in_every_language(value):
            raise PydanticCustomError(
                "text_in_primary_language_only",
                f"is written in {_named(primary)} only, but the documents are also built in {_named(language)}; "
                f"write it as {{{primary}: …, {language}: …}}",
            )
        return value
    unknown = "', '".join(str(key) for key in value if key not in LANGUAGES)
    if unknown:
        raise PydanticCustomError(
            "language_unknown", f"'{unknown}' is not a language code; give the text per language as nb, nn or sv"
        )
    if not language:
        # The file's own language is not known (its `language` key is wrong and reported):
        # the value's shape is still checked.
        return next(iter(value.values()), "")
    if language not in value:
        raise PydanticCustomError(
            "text_missing_in_language",
            f"has no text in {_named(language)}, which the documents are built in; add {language}: … to it",
        )
    return value[language]


def translatable(same_in_every_language: Callable[[str], bool] = lambda text: False) -> BeforeValidator:
    """The validator of a free-text field. A plain string whose text reads the same in
    every language (a proper name, a keyword) passes `same_in_every_language`."""

    def validate(value: Any, info: ValidationInfo) -> Any:
        return _in_language(value, info, same_in_every_language)

    return BeforeValidator(validate, json_schema_input_type=_INPUT)

