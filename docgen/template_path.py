"""Where a template is found: in the municipality's own folder first, then in docgen's.

A municipality replaces one of docgen's templates (an HTML layout or its CSS, a Word
template, a clause file) by putting a file at the same relative path under
`municipalities/<slug>/templates/`, e.g. `templates/docx/strategy.docx` after restyling
the Word template in Word. Like MkDocs' `custom_dir` and Sphinx's `templates_path`: a
search path, so everything it does not replace still comes from docgen and a new
docgen template reaches every municipality.

Which files can be replaced is one rule (`replaceable`); the check names the files that
replace nothing, and refuses a file that leads out of the municipality's folder.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from docgen import content
from docgen.entry import Entry, Finding, Loc
from docgen.errors import ContentError
from docgen.limits import TEMPLATE_BYTES
from docgen.paths import TEMPLATES
from docgen.reading import Unreadable, read_untrusted

# Where the check's findings point in the data file: nowhere, the folder is beside it.
_LOC: Loc = ()


def search_path(own: Path | None) -> tuple[Path, ...]:
    """The folders a template is looked for in, the first that has it winning."""
    return (own, TEMPLATES) if own is not None and own.is_dir() else (TEMPLATES,)


def find(relative: str, own: Path | None) -> Path | None:
    """The template at `relative` (e.g. 'docx/strategy.docx') as the municipality has it."""
    for root in search_path(own):
        if (root / relative).is_file():
            return root / relative
    return None


def root_of(relative: str, own: Path | None) -> Path:
    """The first folder of the search path that holds `relative`: the root a clause file
    is read from (docgen.content.clauses), docgen's own when nothing replaces it."""
    found = find(relative, own)
    return found.parents[len(PurePosixPath(relative).parts) - 1] if found else TEMPLATES


def clauses(language: str, kind: str, own: Path | None) -> tuple[content.ClauseSource, ...]:
    """The kind's default clauses in `language`, from the municipality's own clause file
    when it has one. That one is read afresh each time (it is small): unlike docgen's, it
    may change while `docgen serve` runs."""
    root = root_of(f"content/{language}/{kind}.md", own)
    read = content.clauses if root == TEMPLATES else content.clauses.__wrapped__
    return read(language, kind, root)


def replaceable() -> list[str]:
    """The relative paths of docgen's templates a municipality may replace: the HTML
    layouts and their CSS, the Word templates and each kind's clause file. Not the
    serve preview's pages, the fonts (a municipality gives its own in `profile.fonts`),
    the labels or the clauses every kind shares."""
    found = [
        *_files(TEMPLATES, "html"),
        *_files(TEMPLATES, "docx"),
        *(name for name in _files(TEMPLATES, "content") if name.endswith(".md")),
    ]
    return sorted(name for name in found if not name.startswith("html/serve/") and not name.endswith("/shared.md"))


def check_overrides(entry: Entry) -> Iterator[Finding]:
    """The municipality's own templates can be used: each lies inside its folder, is an
    ordinary file of bounded size, replaces one of docgen's templates (a warning names
    the closest one otherwise) and, for a clause file, has well-formed clause markers."""
    own = entry.templates
    if not own.is_dir():
        return
    folder = entry.folder.resolve()
    if not own.resolve().is_relative_to(folder):
        yield _LOC, f"{own} leads outside the folder {entry.folder}; keep your templates inside it", False
        return
    known = replaceable()
    for name in _files(own, ""):
        try:
            read_untrusted(own / name, folder, TEMPLATE_BYTES)
        except Unreadable as error:
            yield _LOC, f"the template {own / name} {error}", False
            continue
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else "; the README lists the templates you can replace"
            yield _LOC, f"the template {own / name} replaces none of docgen's{hint}", True
        elif name.startswith("content/"):
            yield from _clause_problems(own, name)


def _clause_problems(own: Path, name: str) -> Iterator[Finding]:
    _, language, file_name = PurePosixPath(name).parts
    try:
        clauses(language, PurePosixPath(file_name).stem, own)
    except ContentError as error:
        yield _LOC, str(error), False


def _files(root: Path, under: str) -> list[str]:
    """The files below `root / under`, as paths relative to `root` with '/'."""
    base = root / under
    return sorted(path.relative_to(root).as_posix() for path in base.rglob("*") if path.is_file() or path.is_symlink())
