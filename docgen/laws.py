"""The laws the clause library cites, with the date each came into force
(templates/content/laws.yaml), and the check that a document is not dated before one of
them: a strategy dated 2015 that cites the 2025 archive act is not a plausible document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from ruamel.yaml import YAML

from docgen import content
from docgen.entry import Entry, Finding
from docgen.errors import ContentError
from docgen.kinds import built
from docgen.paths import TEMPLATES

LAWS = TEMPLATES / "content" / "laws.yaml"


@dataclass(frozen=True)
class Law:
    id: str
    country: str
    title: dict[str, str]
    cited_as: tuple[str, ...]
    in_force: dt.date

    def named(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()))


@cache
def library() -> tuple[Law, ...]:
    entries = YAML(typ="safe").load(LAWS.read_text(encoding="utf-8"))
    return tuple(
        Law(
            str(e["id"]),
            str(e["country"]),
            {str(k): str(v) for k, v in e["title"].items()},
            tuple(str(c) for c in e["cited_as"]),
            e["in_force"],
        )
        for e in entries
    )


def cited(texts: Iterable[str]) -> list[Law]:
    """The laws the texts cite, in the library's order."""
    joined = "\n".join(texts)
    return [law for law in library() if any(name in joined for name in law.cited_as)]


def texts_of(entry: Entry, language: str) -> list[str]:
    """Every clause text of every kind the municipality builds in `language`, with its
    own replacements and additions."""
    return [clause.text for kind in built(entry.municipality).values() for clause in kind.chosen(entry, language)] + [
        clause.text for clause in content.clauses(language, "shared")
    ]


def check_dates(entry: Entry) -> Iterator[Finding]:
    """A warning at adoption.date when an adopted document is dated before a law it cites
    came into force. A draft may be written ahead of a law, so drafts are not checked."""
    municipality = entry.municipality
    adoption = municipality.adoption
    if adoption.status != "adopted" or adoption.date is None:
        return
    language = municipality.language
    try:
        texts = texts_of(entry, language)
    except ContentError:  # a broken clause library is reported when the documents are built
        return
    later = [law for law in cited(texts) if law.in_force > adoption.date]
    if later:
        named = ", ".join(f"{law.named(language)} (in force {law.in_force.isoformat()})" for law in later)
        yield (
            ("adoption", "date"),
            f"the documents are dated {adoption.date.isoformat()}, before a law they cite came into force: "
            f"{named}; set adoption.date (and version) to the date this revision is adopted, "
            "or set adoption.status: draft until it is",
            True,
        )
