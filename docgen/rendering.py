"""Rendering jobs: a document assembled from the data, written in each of its formats,
in worker processes when there are several jobs and cores.

A job that fails gives its error as text instead of raising, so one bad document never
stops the others; the warnings raised while it was rendered come back with it.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Generator, Iterator, Mapping
from contextlib import contextmanager
from concurrent.futures import Future
from dataclasses import dataclass, replace

from docgen.caught import caught_warnings
from docgen.document import Document
from docgen.errors import DocgenError, RenderError
from docgen.kinds import KINDS
from docgen.planning import Job, Target
from docgen.workers import WorkerPool, first_done
from docgen.writers import Writer, batch_writers, render_formats
from docgen.writers.pdf import LAID_OUT, fonts_loaded, layout_key

log = logging.getLogger("docgen")

# A job to render, with its document when the build has already assembled it.
Task = tuple[Job, Document | None]


@dataclass(frozen=True)
class Rendered:
    """What rendering one job gave: its files, or why there are none, and its warnings."""

    files: list[tuple[Target, bytes]]
    failure: str | None = None
    warnings: tuple[str, ...] = ()


def assemble(job: Job) -> Document:
    """The job's document, assembled from the data and the clause library."""
    return KINDS[job.kind].document(job.entry, job.language, job.output)


def render(job: Job, document: Document | None = None, writers: Mapping[str, Writer] | None = None) -> list[tuple[Target, bytes]]:
    """Write the job's document (assembled here unless given) in each of its formats,
    with the batch's `writers` (the PDF from a layout an earlier job of the batch made)."""
    kind = KINDS[job.kind]
    document = document or assemble(job)
    try:
        files = render_formats(document, [target.format for target in job.targets], writers or batch_writers())
        return [(target, files[target.format]) for target in job.targets]
    except RenderError as error:
        explained = kind.explain(error, document)
        if explained is error:
            raise
        raise explained from error


def render_safely(job: Job, document: Document | None = None, writers: Mapping[str, Writer] | None = None) -> Rendered:
    """The job rendered, or the reason it could not be, never an exception."""
    warnings: list[str] = []
    try:
        with caught_warnings() as warnings:
            files = render(job, document, writers)
    except DocgenError as error:
        return Rendered([], error.format_message(), tuple(warnings))
    except Exception as error:  # a bug must not stop the other municipalities
        log.exception("unexpected error in %s", job.targets[0].path)
        return Rendered([], f"{type(error).__name__}: {error}", tuple(warnings))
    return Rendered(files, None, tuple(warnings))


def run(tasks: list[Task], pool: WorkerPool) -> Generator[tuple[Job, Rendered], None, None]:
    """Render the jobs, in the pool's worker processes or in this one (`_divided` says
    which), yielding each as soon as it is done. Jobs that share a layout are rendered
    together and come back together. Closing the iterator before the end (the build
    does, with --fail-fast) cancels every job not yet started."""
    here, there = _divided(tasks, pool)
    batches = _share_layouts(there)
    pool.fit(len(batches))
    pending: dict[Future[list[Rendered]], list[Task]] = {pool.submit(_render_batch, batch): batch for batch in batches}
    try:
        for batch in _share_layouts(here):
            yield from zip((job for job, _ in batch), _render_batch(batch), strict=True)
        while pending:
            for future in first_done(pending):
                batch = pending.pop(future)
                for (job, _), rendered in zip(batch, future.result()):
                    yield job, rendered
    finally:
        for waiting in pending:
            waiting.cancel()


def _divided(tasks: list[Task], pool: WorkerPool) -> tuple[list[Task], list[Task]]:
    """The tasks to render in this process, and those for the workers.

    With fewer jobs than workers (after an edit that changed one document), each job's
    PDF and its other formats are made side by side: the PDF here when this process has
    laid documents out before (docgen warm's builds have, and their memory is their
    own), otherwise by a worker as well. Workers not started yet are not started for
    one worker alone, or for a single job that needs no layout."""
    if not pool.started and pool.workers == 1:
        return tasks, []
    if len(tasks) >= pool.workers:
        return [], tasks
    here: list[Task] = []
    there: list[Task] = []
    for job, document in tasks:
        laid_out = tuple(target for target in job.targets if target.format in LAID_OUT)
        rest = tuple(target for target in job.targets if target.format not in LAID_OUT)
        if laid_out:
            (here if fonts_loaded() else there).append((replace(job, targets=laid_out), document))
        if rest:
            there.append((replace(job, targets=rest), document))
    if not pool.started and not here and len(there) <= 1:
        return tasks, []
    return here, there


def _share_layouts(tasks: list[Task]) -> list[list[Task]]:
    """The jobs in batches, one per worker task: jobs whose documents differ in paper size
    only (the A4 and A3 poster) go together, so the worker lays the document out once."""
    batches: dict[object, list[Task]] = {}
    for number, (job, document) in enumerate(tasks):
        laid_out = document is not None and any(target.format in LAID_OUT for target in job.targets)
        key = layout_key(document) if laid_out and document is not None else number
        batches.setdefault(key, []).append((job, document))
    return list(batches.values())


def _render_batch(batch: list[Task]) -> list[Rendered]:
    writers = batch_writers()  # the batch's documents differ in paper size only
    with collected_once():
        return [render_safely(job, document, writers) for job, document in batch]


@contextmanager
def collected_once() -> Iterator[None]:
    """Python's cycle collector paused while documents are rendered, and run once after.

    A layout makes hundreds of thousands of objects, and its garbage lies in reference
    cycles (WeasyPrint's boxes point to their parents), which only the collector frees.
    Left to run by itself, it went through the objects the layout still used again and
    again; run once at the end, it goes through them once and frees the garbage before
    the next job. Every tenth time (Python's own threshold) it also goes through the old
    generation: paused, the collector never starts there by itself, and a long build's
    worker grew by what it never freed (356 MB at national.py 200)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        old = gc.get_count()[2] >= gc.get_threshold()[2]  # young collections since the last full one
        gc.collect(2 if old else 1)
