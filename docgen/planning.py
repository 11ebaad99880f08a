"""What a build makes: every municipality loaded, and one job per document.

A job is one document (municipality × kind × language × output) in all its formats, so
the document is assembled once however many formats it is written in; each format is a
target, one output file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docgen.entry import Entry
from docgen.errors import DataError, Problem
from docgen.kinds import Output, built
from docgen.load import discover, load
from docgen.load_cache import load_cached
from docgen.writers import WRITERS
from docgen.writers.snapshot import SnapshotWriter


@dataclass(frozen=True)
class Target:
    """One output file, as listed in the manifest."""

    municipality: str
    kind: str
    language: str
    format: str
    path: str  # relative to the build folder, with forward slashes
    account: str | None = None
    variant: str | None = None


@dataclass(frozen=True)
class Job:
    entry: Entry
    kind: str
    language: str
    output: Output
    targets: tuple[Target, ...]

    @property
    def document_path(self) -> str:
        """Where the document's files go, less the suffix: how reports name the document."""
        return f"{self.entry.slug}/{self.language}/{self.output.stem}"


def load_all(data_dir: Path, slugs: Iterable[str] = (), cache: Path | None = None) -> tuple[list[Entry], list[DataError]]:
    """Every municipality, or the named ones; with `cache` (docgen.load_cache's folder),
    unchanged data files are taken from there instead of being validated again."""
    entries, invalid = [], []
    for path in discover(data_dir, slugs):
        try:
            entries.append(load_cached(path, cache) if cache else load(path))
        except DataError as error:
            invalid.append(error)
    return entries, invalid


def plan(
    entries: Iterable[Entry],
    kinds: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
) -> list[Job]:
    """Every job the filters allow, in a stable order."""
    kinds, languages, formats = (set(x) if x else None for x in (kinds, languages, formats))
    jobs = []
    for each in entries:
        for language in each.municipality.all_languages:
            if languages and language not in languages:
                continue
            entry = each.in_language(language)  # the data's free text in this language
            for name, kind in built(entry.municipality).items():
                if kinds and name not in kinds:
                    continue
                for output in kind.outputs(entry, language):
                    wanted = [fmt for fmt in output.formats if fmt in WRITERS and (not formats or fmt in formats)]
                    if not wanted:
                        continue
                    # Every document keeps its snapshot beside its outputs (for docgen diff).
                    targets = tuple(
                        Target(
                            municipality=entry.slug,
                            kind=name,
                            language=language,
                            format=fmt,
                            path=f"{entry.slug}/{language}/{output.stem}{WRITERS[fmt].suffix}",
                            account=output.account,
                            variant=output.variant,
                        )
                        for fmt in (*wanted, SnapshotWriter.format)
                    )
                    jobs.append(Job(entry, name, language, output, targets))
    return jobs


def without_clashes(jobs: list[Job]) -> tuple[list[Job], list[DataError]]:
    """The jobs, less any two that would write the same file, and a data error for each
    clash: neither is built, so neither silently overwrites the other.
    (Validation names the clash at its line; this guards the planner itself.)"""
    writers: dict[str, list[Job]] = {}
    for job in jobs:
        for target in job.targets:
            writers.setdefault(target.path, []).append(job)
    clashing: set[int] = set()
    errors = []
    for path, sharing in writers.items():
        if len(sharing) > 1 and not clashing >= {id(job) for job in sharing}:  # once per clash, not per file
            first, second = sharing[:2]
            both = f"{first.output.describe(first.kind)} and {second.output.describe(second.kind)}"
            message = f"two documents would be written to {path}: {both}; neither is written"
            errors.append(DataError([Problem(first.entry.path, 1, 1, "", message)]))
            clashing |= {id(job) for job in sharing}
    return [job for job in jobs if id(job) not in clashing], errors
