"""The build: plan targets, render them (in parallel, skipping what has not changed),
write each file atomically, and record everything in build/manifest.json.

    load every municipality → plan jobs → fingerprint → assemble and render what changed
    → write → manifest

Each step has its module: docgen.planning (entries and jobs), docgen.fingerprint,
docgen.rendering (assembling, writers, worker processes), docgen.build_state (what is
on disk: the state file and the manifest). This module runs them in order and gathers
the report.

Whether a file already in the build folder is current is decided in two steps (docgen.
fingerprint): when none of its inputs changed (data file, assets, docgen's code and
templates) it is, without assembling anything; otherwise the document is assembled,
here in the main process (it is cheap), and the file is rendered again only if the
document's content, its writer or its templates changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from docgen import build_state, fingerprint
from docgen.atomic import write_atomically
from docgen.build_folder import FATAL_ERRNOS, BuildFolder
from docgen.build_state import MANIFEST, Fingerprints, State, record
from docgen.document import Document
from docgen.entry import Entry
from docgen.errors import DataError
from docgen.load_cache import cache_folder
from docgen.planning import Job, Target, load_all, plan, without_clashes
from docgen.rendering import Rendered, Task, assemble, render, run
from docgen.stale import unplanned
from docgen.workers import WorkerPool, default_workers, interrupt_on_sigterm, worker_pool
from docgen.writers.pdf import LAID_OUT, fonts_loaded, warm_up

# What other modules take from the build (docgen diff, serve, the tests).
__all__ = ["MANIFEST", "Job", "Report", "Target", "assemble", "build", "load_all", "plan", "record", "render",
           "write_atomically"]


@dataclass
class Report:
    written: list[Target] = field(default_factory=list)
    unchanged: list[Target] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # build failures (exit 1)
    invalid: list[DataError] = field(default_factory=list)  # bad data (exit 2)
    warnings: list[str] = field(default_factory=list)  # the data's, and each document's
    removed: list[str] = field(default_factory=list)  # outputs no longer planned

    @property
    def exit_code(self) -> int:
        return 2 if self.invalid else 1 if self.failures else 0

    def exit_code_when(self, strict: bool) -> int:
        """The exit code; when `strict`, a build that warned fails (1)."""
        return self.exit_code or int(strict and bool(self.warnings))


def build(
    data_dir: Path,
    out_dir: Path,
    slugs: Iterable[str] = (),
    kinds: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
    fail_fast: bool = False,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Report:
    report = Report()
    with worker_pool(workers or default_workers(), warm_up) as pool:
        if not (out_dir / MANIFEST).is_file():
            _start_early(pool)  # into an empty folder everything is rendered: while this process reads the data
        entries, report.invalid = load_all(data_dir, slugs, cache=cache_folder())
        if report.invalid and fail_fast:
            return report
        for entry in entries:
            report.warnings += [str(warning) for warning in entry.warnings]
        planned = plan(entries, kinds, languages, formats)
        jobs, clashes = without_clashes(planned)
        report.invalid += clashes
        pool.fit(len(jobs))
        with BuildFolder(out_dir) as folder, interrupt_on_sigterm():
            state = build_state.read_state(out_dir)
            before = build_state.dumps(state)
            prints, todo = _out_of_date(out_dir, entries, jobs, state, report, pool)
            done = len(jobs) - len(todo)
            if on_progress:
                on_progress(done, len(jobs))
            replaced = [target for job, _ in todo for target in job.targets]
            aside = build_state.set_aside(out_dir, state, replaced)
            try:
                # Closed on leaving the loop early (--fail-fast, a full disk): no further job starts.
                with closing(run(todo, pool)) as results:
                    for job, rendered in results:
                        done += 1
                        can_go_on = _keep(folder, state, prints, job, rendered, report)
                        if on_progress:
                            on_progress(done, len(jobs))
                        if not can_go_on or (rendered.failure and fail_fast):
                            break
                if not (kinds or languages or formats):  # a filtered build plans only some outputs
                    paths = {target.path for job in planned for target in job.targets}
                    stale = unplanned(state, paths, {entry.slug for entry in entries})
                    report.removed = build_state.remove(out_dir, state, stale)
            finally:  # also when stopped by Ctrl-C or SIGTERM: list everything on disk
                build_state.restore_untouched(out_dir, state, replaced, aside)
                if aside or build_state.dumps(state) != before or not (out_dir / MANIFEST).is_file():
                    build_state.save(out_dir, state)  # (when nothing changed, nothing is written)
    report.warnings = list(dict.fromkeys(report.warnings))  # a document's warning once, not per format
    return report


def _keep(
    folder: BuildFolder, state: State, prints: dict[Target, Fingerprints], job: Job, rendered: Rendered, report: Report
) -> bool:
    """Put a rendered job's files in place and report it, its failure and its warnings
    (noted with its files, to be reported again while they are current). False when
    the disk can take no more files."""
    warnings = [f"{job.document_path}: {warning}" for warning in rendered.warnings]
    report.warnings += warnings
    if rendered.failure:
        report.failures.append(f"{job.targets[0].municipality} {job.kind} ({job.language}): {rendered.failure}")
    try:
        build_state.put_in_place(folder, state, rendered.files, prints, warnings)
    except OSError as error:
        report.failures.append(f"cannot write {folder.root / job.targets[0].path}: {error.strerror or error}")
        return error.errno not in FATAL_ERRNOS
    report.written += [target for target, _ in rendered.files]
    return True


def _out_of_date(
    out_dir: Path, entries: list[Entry], jobs: list[Job], state: State, report: Report, pool: WorkerPool
) -> tuple[dict[Target, Fingerprints], list[Task]]:
    """The jobs to render, each with only its targets that are not current (and its
    document, when it could be assembled), and the fingerprints to record for them.
    Current targets go into the report as unchanged, with the warnings their documents
    gave when they were rendered."""
    prints: dict[Target, Fingerprints] = {}
    todo: list[Task] = []
    data = {entry.path: fingerprint.of_data(entry) for entry in entries}
    for job in jobs:
        inputs = fingerprint.of_inputs(data[job.entry.path], job.targets)
        changed = [t for t in job.targets if not build_state.is_current(out_dir, t, "inputs", inputs[t], state)]
        prints.update({target: {"inputs": inputs[target]} for target in changed})
        stale = changed
        document = _assemble_safely(job) if changed else None
        if document is not None:
            contents = fingerprint.of_targets(document, changed)
            for target in changed:
                prints[target]["content"] = contents[target]
            stale = [t for t in changed if not build_state.is_current(out_dir, t, "content", contents[t], state)]
        current = [target for target in job.targets if target not in stale]
        report.unchanged += current
        report.warnings += build_state.recorded_warnings(state, current)
        if stale:
            todo.append((replace(job, targets=tuple(stale)), document))
            if any(target.format in LAID_OUT for target in stale):
                _start_early(pool)  # while the other documents are assembled
    return prints, todo


def _start_early(pool: WorkerPool) -> None:
    """Start the workers now, so that they import WeasyPrint and load the fonts while
    this process goes on; not when this process has them already (docgen warm's builds
    do), as its workers then start warm, and as many as it may not need would only
    compete with it."""
    if pool.workers > 1 and not fonts_loaded():
        pool.start()


def _assemble_safely(job: Job) -> Document | None:
    """The job's document, or None when it cannot be assembled: that job is then tried
    again in the render step, which reports the error like any other failure."""
    try:
        return assemble(job)
    except Exception:
        return None
