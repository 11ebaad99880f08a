"""`docgen diff`: compare a municipality's documents with an earlier version and
write the redline (HTML, DOCX) and the change list (Markdown, text) beside the other
outputs, listed in the manifest.

    load today's data → plan the kind's documents → find the earlier versions →
    compare each pair → write what changed
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import click

from docgen.build import Job, Target, assemble, load_all, plan, record
from docgen.diff import earlier
from docgen.diff.changes import change_list
from docgen.diff.compare import Comparison, compare
from docgen.diff.redline import redline_docx, redline_html
from docgen.diff.words import labels, summary
from docgen.stale import ON_REQUEST

VARIANT = ON_REQUEST  # the outputs' variant in the manifest, which builds keep
OUTPUTS: dict[str, tuple[str, Callable[[Comparison, str], bytes]]] = {
    "html": (".html", lambda comparison, since: redline_html(comparison)),
    "docx": (".docx", lambda comparison, since: redline_docx(comparison)),
    "md": (".md", lambda comparison, since: change_list(comparison, since, markdown=True)),
    "txt": (".txt", lambda comparison, since: change_list(comparison, since, markdown=False)),
}


@dataclass(frozen=True)
class Outcome:
    """One document compared: what the command reports, and the files it wrote."""

    job: Job
    summary: str  # «3 avsnitt endret, 1 nytt» or «Ingen endringer»
    written: tuple[Target, ...]


def diff(slug: str, since: str, data_dir: Path, out_dir: Path, kind: str = "strategy",
         languages: Iterable[str] = ()) -> list[Outcome]:
    entries, invalid = load_all(data_dir, [slug])
    if invalid:
        raise invalid[0]
    jobs = plan(entries, [kind], list(languages) or None)
    if not jobs:
        raise click.UsageError(f"{slug} has no {kind} document in {', '.join(languages) or 'its languages'}")
    before = _earlier(since, entries[0].path, slug, kind, languages, jobs)
    outcomes, files = [], []
    for job in jobs:
        new = assemble(job)
        old = before.documents.get((job.language, job.output.stem), dataclasses.replace(new, sections=()))
        comparison = compare(old, new)
        written: list[Target] = []
        if not comparison.unchanged:
            for target, data in _outputs(job, comparison, before.description):
                files.append((target, data))
                written.append(target)
        outcomes.append(Outcome(job, summary(comparison, job.language), tuple(written)))
    record(out_dir, files)
    return outcomes


def _earlier(since: str, data_file: Path, slug: str, kind: str, languages: Iterable[str],
             jobs: list[Job]) -> earlier.Earlier:
    reference = Path(since)
    if reference.is_dir():
        return earlier.from_build(reference, slug, [(job.language, job.output.stem) for job in jobs])
    if reference.is_file():
        return earlier.from_data(reference, kind, languages)
    return earlier.from_git(since, data_file, kind, languages)


def _outputs(job: Job, comparison: Comparison, since: str) -> list[tuple[Target, bytes]]:
    word = labels(job.language)["file"]
    return [
        (
            Target(job.entry.slug, job.kind, job.language, fmt,
                   f"{job.entry.slug}/{job.language}/{job.output.stem}-{word}{suffix}", job.output.account, VARIANT),
            render(comparison, since),
        )
        for fmt, (suffix, render) in OUTPUTS.items()
    ]
