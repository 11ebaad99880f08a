"""Checks on `content:` that need the clause library as the data chooses it: a value
set for a placeholder that does not exist, and an omit or replace aimed at a clause
whose condition this file does not meet (the change would silently do nothing)."""

from __future__ import annotations

from collections.abc import Iterator

from docgen import content, shared
from docgen.content import Missing
from docgen.context import placeholders
from docgen.errors import ContentError
from docgen.kinds import KINDS
from docgen.entry import Entry, Finding, Loc
from docgen.model import Municipality


def check_content(entry: Entry) -> Iterator[Finding]:
    municipality = entry.municipality
    for kind, choices in municipality.content.items():
        if kind not in KINDS and kind != shared.KIND:
            continue  # reported by rules._content
        if choices.values:
            names = text_placeholders(municipality, entry.text_language, kind)
            for name in choices.values:
                if name not in names:
                    yield (
                        ("content", kind, "values", name),
                        f"there is no placeholder {{{name}}}; the {kind} texts have: {', '.join(sorted(names))}",
                        False,
                    )
        yield from _unchosen(municipality, entry.text_language, kind, [*choices.omit], "omit")
        yield from _unchosen(municipality, entry.text_language, kind, list(choices.replace), "replace")


def text_placeholders(municipality: Municipality, language: str, kind: str) -> set[str]:
    """The placeholders whose value is a piece of text, which `content.<kind>.values`
    may set (block placeholders such as {accounts_table} are the documents' own)."""
    defaults = placeholders(municipality.model_copy(update={"content": {}}), language, kind)
    return {name for name, value in defaults.items() if isinstance(value, (str, Missing))}


def _unchosen(municipality: Municipality, language: str, kind: str, ids: list[str], action: str) -> Iterator[Finding]:
    try:
        library = {clause.id: clause for clause in content.clauses(language, kind)}
    except ContentError:
        return  # reported by rules._content
    for index, clause_id in enumerate(ids):
        clause = library.get(clause_id)
        if clause and clause.condition and not clause.condition.holds(municipality):
            loc: Loc = ("content", kind, action, index) if action == "omit" else ("content", kind, action, clause_id)
            yield (
                loc,
                f"{clause_id} is used only when {clause.condition}, which this file does not choose,"
                f" so the {action} changes nothing; aim it at the clause your choice uses",
                True,
            )
