"""The kinds of value a data file holds, shared by every part of the model: text by shape
and language, addresses, colours and times, and the base every model class derives from.

Free text has a shape (one short line, one long line, or Markdown; limits in
docgen.limits) and a language (docgen.multilingual): a plain string or text per
language, read in one language at a time, so a validated Municipality holds the text of
one language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, StringConstraints, WithJsonSchema

from docgen import limits
from docgen.identifiers import check_email, check_phone
from docgen.multilingual import translatable


class Model(BaseModel):
    """Every model forbids unknown keys, so a misspelt key is an error rather than
    silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# Characters that have no place in a data file or a document: everything YAML 1.2 does
# not count as printable (C0 and C1 controls but tab and line breaks, DEL, surrogates,
# U+FFFE and U+FFFF). The file is checked for them as written (docgen.yaml_limits), and
# the text types check the values, since double quotes can spell them as escapes ("\x1b").
NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LINE_BREAK = re.compile(r"[\n\r\x85\u2028\u2029]")


def _printable(value: str) -> str:
    if found := NOT_PRINTABLE.search(value):
        raise ValueError(f"contains a control character (U+{ord(found[0]):04X}); delete it")
    return value


def _one_line(value: str) -> str:
    if LINE_BREAK.search(value):
        raise ValueError("must be on one line; remove the line break")
    return value


# Text by shape. Names and sentences appear in titles, table cells, file properties and
# file names, where a line break or an endless value breaks the layout.
Line = Annotated[
    str, StringConstraints(max_length=limits.NAME_CHARS), AfterValidator(_printable), AfterValidator(_one_line)
]
LongLine = Annotated[
    str, StringConstraints(max_length=limits.SENTENCE_CHARS), AfterValidator(_printable), AfterValidator(_one_line)
]
Markdown = Annotated[str, StringConstraints(max_length=limits.MARKDOWN_CHARS), AfterValidator(_printable)]

# Free text by shape and language: a plain string is the primary language, and the
# other languages built need their own text. A name reads the same in every language
# unless it is given per language.
Name = Annotated[Line, translatable(lambda text: True)]
Label = Annotated[Line, translatable()]  # a role, a unit, a job title, a title
Sentence = Annotated[LongLine, translatable()]
MarkdownText = Annotated[Markdown, translatable()]

Email = Annotated[str, AfterValidator(check_email)]
Phone = Annotated[str, AfterValidator(check_phone)]
Url = Annotated[HttpUrl, Field(description="A full web address starting with https://")]
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
CLOCK_PATTERN = r"^([01][0-9]|2[0-3])[.:][0-5][0-9]$"
CLAUSE_ID_PATTERN = r"^[a-z0-9-]+(\.[a-z0-9-]+)*$"
POSTCODE_PATTERN = r"^\d{3} ?\d{1,2}$"

# How to write a value that does not match its pattern, for error messages.
HOW_TO_WRITE = {
    COLOUR_PATTERN: "write a colour as #RRGGBB, e.g. #00543C",
    CLOCK_PATTERN: "write a time of day as HH.MM, e.g. 09.00",
    CLAUSE_ID_PATTERN: "write a clause id in lower case with dots, e.g. strategy.crisis.mayor-speaks",
    POSTCODE_PATTERN: "write a postcode as 4 digits (1430) or as 3 + 2 digits (713 80)",
}

Colour = Annotated[str, Field(pattern=COLOUR_PATTERN, description="A colour as #RRGGBB, e.g. #00543C")]
ClockTime = Annotated[str, Field(pattern=CLOCK_PATTERN, description="A time of day as HH.MM or HH:MM, e.g. 09.00")]
ClauseId = Annotated[
    str, Field(pattern=CLAUSE_ID_PATTERN, description="A clause id such as strategy.crisis.mayor-speaks")
]


MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class MonthDate(dt.date):
    """A date known only to its month («2015-03»): the first of the month, printed as
    «mars 2015» (docgen.adoption.in_words)."""


def _month_date(value: object) -> object:
    if isinstance(value, str) and re.fullmatch(MONTH_PATTERN, value.strip()):
        year, month = value.strip().split("-")
        return MonthDate(int(year), int(month), 1)
    return value


# A date to the day, or only to the month when that is all the records say.
DayOrMonth = Annotated[
    dt.date,
    BeforeValidator(_month_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$"}),
    Field(description="A date as YYYY-MM-DD, or as YYYY-MM when only the month is known"),
]
