"""The rebuild work of `docgen serve`, run in a fresh child process each time.

A fresh process for every stage, because docgen caches what it reads from templates/
for the length of a process (the clause library, the code fingerprint): a long-running
server would otherwise keep showing a template as it was when it started.

The web stage validates the data file and renders the documents' web pages (fast: the
officer sees the new text at once); the full stage then builds every format and turns
each PDF's pages into images.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from docgen.build import MANIFEST, assemble, build, plan, write_atomically
from docgen.entry import Entry
from docgen.errors import DataError, DocgenError, Problem
from docgen.load import load
from docgen.writers import WRITERS
from docgen.writers.png import page_images

PAGE_DPI = 60  # page previews: enough to check the layout, small enough to load at once
EXCERPT = 2  # lines shown before and after the line a problem is on


@dataclass(frozen=True)
class ProblemView:
    """A problem as `docgen validate` prints it, with the lines of the file around it."""

    text: str
    line: int
    excerpt: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class PreviewPage:
    """An HTML rendering made only for the preview, of a document with no web format."""

    kind: str
    language: str
    stem: str

    @property
    def path(self) -> str:
        return f"{self.language}/{self.stem}.html"


@dataclass(frozen=True)
class Outcome:
    """What the web stage found out about one municipality."""

    slug: str
    name: str = ""
    languages: tuple[str, ...] = ()
    problems: tuple[ProblemView, ...] = ()  # errors in the data file: nothing is built from it
    warnings: tuple[str, ...] = ()
    failures: tuple[str, ...] = ()  # documents that could not be assembled
    missing: bool = False  # the data file is gone (for good, or while an editor saves it)
    previews: tuple[PreviewPage, ...] = ()


def ignore_ctrl_c() -> None:
    """Ctrl-C in the terminal reaches every process of the server; a stage finishes
    what it is writing instead, and the server waits for it before it stops."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def web_stage(data_dir: Path, preview_dir: Path, slug: str) -> Outcome:
    """Validate one municipality and render the web page of each of its documents into
    the preview folder: what the officer sees within a second of saving. It leaves the
    build folder alone, so it can run while the full stage builds."""
    path = data_dir / f"{slug}.yaml"
    if not path.is_file():
        return Outcome(slug, missing=True)
    try:
        entry = load(path)
    except DataError as error:
        return Outcome(slug, problems=_views(error.problems))
    failures: list[str] = []
    previews = _preview_pages(entry, preview_dir / slug, failures)
    return Outcome(
        slug,
        name=_display_name(entry),
        languages=tuple(entry.municipality.all_languages),
        warnings=tuple(str(warning) for warning in entry.warnings),
        failures=tuple(failures),
        previews=previews,
    )


def full_stage(data_dir: Path, out_dir: Path, preview_dir: Path, slug: str) -> tuple[str, ...]:
    """`docgen build` for one municipality (only what changed), then the images of its
    PDFs' pages; the documents that could not be built."""
    if not (data_dir / f"{slug}.yaml").is_file():
        return ()
    report = build(data_dir, out_dir, [slug])
    if report.invalid:  # saved again, with a mistake, since the web stage checked it
        return ("the data file has problems; nothing was built from it",)
    _page_images(out_dir, preview_dir / "pages", slug)
    return tuple(report.failures)


def _display_name(entry: Entry) -> str:
    name: object = entry.municipality.name
    if isinstance(name, Mapping):  # a name given per language
        name = name.get(entry.municipality.language) or next(iter(name.values()), "")
    return str(name)


def _views(problems: list[Problem]) -> tuple[ProblemView, ...]:
    return tuple(ProblemView(str(problem), problem.line, _excerpt(problem)) for problem in problems)


def _excerpt(problem: Problem) -> tuple[tuple[int, str], ...]:
    try:
        lines = problem.path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ()
    first = max(problem.line - EXCERPT, 1)
    last = min(problem.line + EXCERPT, len(lines))
    return tuple((number, lines[number - 1]) for number in range(first, last + 1))


def _preview_pages(entry: Entry, folder: Path, failures: list[str]) -> tuple[PreviewPage, ...]:
    """The web page of every document, as `docgen build` writes it, and for the printed
    documents built without one (the activity plans, the A3 poster) the same rendering,
    so they too show their text before the PDF's layout is done."""
    made = []
    for job in plan([entry]):
        formats = {target.format for target in job.targets}
        if not formats & {"html", "pdf"}:  # texts for pasting are shown as they are
            continue
        page = PreviewPage(job.kind, job.language, job.output.stem)
        try:
            write_atomically(folder / page.path, WRITERS["html"].render(assemble(job)))
        except DocgenError as error:
            failures.append(f"{job.kind} ({job.language}): {error.format_message()}")
            continue
        made.append(page)
    return tuple(made)


def _page_images(out_dir: Path, pages_dir: Path, slug: str) -> None:
    """Every page of the municipality's PDFs as images, in a folder named by the PDF's
    SHA-256: a PDF that did not change keeps its images, a new one gets new ones."""
    manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    for output in manifest["outputs"]:
        if output["municipality"] != slug or output["format"] != "pdf":
            continue
        folder = pages_dir / output["sha256"]
        if folder.is_dir():
            continue
        pages_dir.mkdir(parents=True, exist_ok=True)
        # Written in full beside the final folder, then renamed: a page never sees half.
        unfinished = Path(tempfile.mkdtemp(dir=pages_dir, prefix=".unfinished-"))
        try:
            images = page_images((out_dir / output["path"]).read_bytes(), PAGE_DPI)
            for number, image in enumerate(images, start=1):
                (unfinished / f"{number}.png").write_bytes(image)
            os.replace(unfinished, folder)
        finally:
            shutil.rmtree(unfinished, ignore_errors=True)
