"""How the documents' adoption reads: who adopted or laid them down, when, and under
which case reference, in each language.

A date may be known to the day or only to the month («2015-03», printed «mars 2015»). A
draft may leave its date, body and case reference out: they print as lines to fill in,
never as values made up for it. A document in force whose details are lost prints what
is known and leaves the rest out.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton

from docgen import language as lang
from docgen.model import Adoption, MonthDate

# Files need a date in their metadata, and the same inputs must give the same bytes, so a
# draft without a date carries this one there (the DOCX writer's default revision date
# too). It is never printed.
NO_DATE = dt.date(2000, 1, 1)


def in_words(value: dt.date, language: str) -> str:
    """«1. mars 2015», or «mars 2015» for a date known only to the month (Babel's
    month-and-year skeleton)."""
    if isinstance(value, MonthDate):
        return format_skeleton("yMMMM", value, locale=language)
    return lang.long_date(value, language)


def document_date(adoption: Adoption) -> dt.date:
    """The date the files' metadata carries."""
    return adoption.date or NO_DATE


def status(adoption: Adoption, language: str) -> str:
    """Utkast, Vedtatt or Fastsatt (by a council or an officer), Gjeldende."""
    words: dict[str, str] = lang.labels(language)["status"]
    return words[adoption.by] if adoption.status == "adopted" else words[adoption.status]


def title_page_facts(adoption: Adoption, language: str) -> tuple[tuple[str, str], ...]:
    """Status, adopting body, date, case reference, version and next revision, labelled
    in `language`. A draft shows a line to fill in for each of body, date and case
    reference it does not give; otherwise a fact the data does not give is left out."""
    label = lang.labels(language)["facts"]
    draft = adoption.status == "draft"
    unknown = label["blank"] if draft else None
    reference = adoption.case_reference or ""
    # A minute's paragraph ("§ 145") is not a case number and is labelled as what it is.
    reference_label = label["case_paragraph"] if reference.startswith("§") else label["case_reference"]
    pairs = {
        label["status"]: status(adoption, language),
        label["body_draft" if draft else "body"][adoption.by]: adoption.body or unknown,
        label["date"]: in_words(adoption.date, language) if adoption.date else unknown,
        reference_label: reference or unknown,
        label["version"]: adoption.version,
        label["revision_date"]: in_words(adoption.revision_date, language) if adoption.revision_date else None,
    }
    return tuple((name, value) for name, value in pairs.items() if value)
