"""Checks on `content:` that need the clause library as the build reads it: the ids an
omit, replace or add names exist in every language's clause file (the municipality's own
where it has one), a value is set only for a placeholder that exists, and an omit or
replace aimed at a clause whose condition this file does not meet is warned about (the
change would silently do nothing)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from docgen import content, shared
from docgen.content import ClauseSource, Missing
from docgen.context import placeholders
from docgen.entry import Entry, Finding, Loc
from docgen.errors import ContentError
from docgen.kinds import KINDS
from docgen.model import ContentChoices, Municipality

# A kind's clauses per language: {language: clauses}.
Libraries = Mapping[str, tuple[ClauseSource, ...]]


def library(entry: Entry, kind: str, language: str) -> tuple[ClauseSource, ...]:
    """The clauses `kind` is built from in `language`, looked up as the build looks them
    up: by the kind itself, which reads the municipality's own clause file before docgen's
    (docgen.template_path). The shared clauses cannot be replaced, so they are docgen's."""
    return KINDS[kind].library(entry, language) if kind in KINDS else content.clauses(language, kind)


def check_content(entry: Entry) -> Iterator[Finding]:
    municipality = entry.municipality
    for kind, choices in municipality.content.items():
        if kind not in KINDS and kind != shared.KIND:
            continue  # reported by rules._content
        try:
            libraries = {language: library(entry, kind, language) for language in municipality.all_languages}
        except ContentError:
            # A clause file of the municipality's own that cannot be read is reported by
            # template_path.check_overrides; docgen's own files are checked by its tests.
            continue
        yield from _ids(entry, kind, choices, libraries)
        if choices.values:
            names = text_placeholders(municipality, entry.text_language, kind)
            for name in choices.values:
                if name not in names:
                    yield (
                        ("content", kind, "values", name),
                        f"there is no placeholder {{{name}}}; the {kind} texts have: {', '.join(sorted(names))}",
                        False,
                    )
        primary = libraries[entry.text_language]
        yield from _unchosen(municipality, primary, kind, [*choices.omit], "omit")
        yield from _unchosen(municipality, primary, kind, list(choices.replace), "replace")


def text_placeholders(municipality: Municipality, language: str, kind: str) -> set[str]:
    """The placeholders whose value is a piece of text, which `content.<kind>.values`
    may set (block placeholders such as {accounts_table} are the documents' own)."""
    defaults = placeholders(municipality.model_copy(update={"content": {}}), language, kind)
    return {name for name, value in defaults.items() if isinstance(value, (str, Missing))}


def _ids(entry: Entry, kind: str, choices: ContentChoices, libraries: Libraries) -> Iterator[Finding]:
    """Every id the choices name is a clause in each language the documents are built in:
    in a language whose clause file lacks it, the change would silently not be made."""
    known = {language: {clause.id for clause in clauses} for language, clauses in libraries.items()}
    # Where the municipality has a clause file of its own, the message names the files,
    # since the ids can then differ between its languages and docgen's.
    own = any(clause.path.is_relative_to(entry.templates) for clauses in libraries.values() for clause in clauses[:1])
    files = {language: _file(entry, language, clauses) for language, clauses in libraries.items()} if own else {}
    added = {clause.id for clause in choices.add}
    for i, clause_id in enumerate(choices.omit):
        if problem := _unknown(clause_id, known, files):
            yield ("content", kind, "omit", i), problem, False
    for clause_id in choices.replace:
        if problem := _unknown(clause_id, known, files):
            yield ("content", kind, "replace", clause_id), problem, False
    for i, clause in enumerate(choices.add):
        side, anchor = ("after", clause.after) if clause.after else ("before", clause.before)
        if problem := _unknown(str(anchor), {language: ids | added for language, ids in known.items()}, files):
            yield ("content", kind, "add", i, side), problem, False
        if any(clause.id in ids for ids in known.values()):
            yield ("content", kind, "add", i, "id"), f"{clause.id} is already a clause; pick a new id", False


def _unknown(clause_id: str, known: Mapping[str, set[str]], files: Mapping[str, str]) -> str | None:
    """Why `clause_id` cannot be used, or None when every language has it; naming the
    clause files that lack it when `files` gives them."""
    lacking = [language for language, ids in known.items() if clause_id not in ids]
    if not lacking:
        return None
    where = f" in {', '.join(files[language] for language in lacking)}" if files else ""
    close = difflib.get_close_matches(clause_id, sorted(known[lacking[0]]), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"there is no clause {clause_id}{where}{hint}"


def _file(entry: Entry, language: str, clauses: tuple[ClauseSource, ...]) -> str:
    """Whose clause file `clauses` were read from, and where, for a message."""
    if not clauses:
        return f"your {language} file (it has no clauses)"
    path = clauses[0].path
    return f"your file {path}" if path.is_relative_to(entry.templates) else f"docgen's {language} file {path}"


def _unchosen(
    municipality: Municipality, clauses: tuple[ClauseSource, ...], kind: str, ids: list[str], action: str
) -> Iterator[Finding]:
    by_id = {clause.id: clause for clause in clauses}
    for index, clause_id in enumerate(ids):
        clause = by_id.get(clause_id)
        if clause and clause.condition and not clause.condition.holds(municipality):
            loc: Loc = ("content", kind, action, index) if action == "omit" else ("content", kind, action, clause_id)
            yield (
                loc,
                f"{clause_id} is used only when {clause.condition}, which this file does not choose,"
                f" so the {action} changes nothing; aim it at the clause your choice uses",
                True,
            )
