"""The build: plan targets, render them (in parallel, skipping what has not changed),
write each file atomically, and record everything in build/manifest.json.

    load every municipality → plan jobs → assemble → fingerprint → render what changed
    → write → manifest

A job is one document (municipality × kind × language × output) in all its formats, so
the document is assembled once however many formats it is written in. Whether a file
already in the build folder is current is decided in two steps (docgen.fingerprint):
when none of its inputs changed (data file, assets, docgen's code and templates) it is,
without assembling anything; otherwise the document is assembled, here in the main
process (it is cheap), and the file is rendered again only if the document's content,
its writer or its templates changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from docgen import __version__, fingerprint
from docgen.document import Document
from docgen.errors import DataError, DocgenError, RenderError
from docgen.kinds import KINDS, Output
from docgen.load import Entry, discover, load
from docgen.writers import WRITERS
from docgen.writers.pdf import layout_key, warm_up

log = logging.getLogger("docgen")

MANIFEST = "manifest.json"
STATE = ".docgen-state.json"  # each file's fingerprints, to skip unchanged targets


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


@dataclass
class Report:
    written: list[Target] = field(default_factory=list)
    unchanged: list[Target] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # build failures (exit 1)
    invalid: list[DataError] = field(default_factory=list)  # bad data (exit 2)
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 2 if self.invalid else 1 if self.failures else 0


def load_all(data_dir: Path, slugs: Iterable[str] = ()) -> tuple[list[Entry], list[DataError]]:
    entries, invalid = [], []
    for path in discover(data_dir, slugs):
        try:
            entries.append(load(path))
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
    for entry in entries:
        for language in entry.municipality.all_languages:
            if languages and language not in languages:
                continue
            for name, kind in KINDS.items():
                if kinds and name not in kinds:
                    continue
                for output in kind.outputs(entry, language):
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
                        for fmt in output.formats
                        if fmt in WRITERS and (not formats or fmt in formats)
                    )
                    if targets:
                        jobs.append(Job(entry, name, language, output, targets))
    return jobs


def assemble(job: Job) -> Document:
    """The job's document, assembled from the data and the clause library."""
    return KINDS[job.kind].document(job.entry, job.language, job.output)


def render(job: Job, document: Document | None = None) -> list[tuple[Target, bytes]]:
    """Write the job's document (assembled here unless given) in each of its formats."""
    kind = KINDS[job.kind]
    document = document or assemble(job)
    try:
        return [(target, WRITERS[target.format].render(document)) for target in job.targets]
    except RenderError as error:
        explained = kind.explain(error, document)
        if explained is error:
            raise
        raise explained from error


def _render_safely(job: Job, document: Document | None = None) -> tuple[list[tuple[Target, bytes]], str | None]:
    try:
        return render(job, document), None
    except DocgenError as error:
        return [], error.format_message()
    except Exception as error:  # a bug must not stop the other municipalities
        log.exception("unexpected error in %s", job.targets[0].path)
        return [], f"{type(error).__name__}: {error}"


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
    entries, report.invalid = load_all(data_dir, slugs)
    if report.invalid and fail_fast:
        return report
    for entry in entries:
        report.warnings += [str(warning) for warning in entry.warnings]
    jobs = plan(entries, kinds, languages, formats)
    state = _read_json(out_dir / STATE)
    before = _dumps(state)
    inputs: dict[Target, str] = {}
    contents: dict[Target, str] = {}
    todo: list[tuple[Job, Document | None]] = []
    for job in jobs:
        inputs.update(fingerprint.of_inputs(job.entry, job.targets))
        changed = [target for target in job.targets if not _is_current(out_dir, target, "inputs", inputs[target], state)]
        report.unchanged += [target for target in job.targets if target not in changed]
        if not changed:
            continue
        document = _assemble_safely(job)
        if document is None:
            todo.append((replace(job, targets=tuple(changed)), None))
            continue
        contents.update(fingerprint.of_targets(document, changed))
        stale = [target for target in changed if not _is_current(out_dir, target, "content", contents[target], state)]
        report.unchanged += [target for target in changed if target not in stale]
        if stale:
            todo.append((replace(job, targets=tuple(stale)), document))

    done = len(jobs) - len(todo)
    if on_progress:
        on_progress(done, len(jobs))
    for job, (files, failure) in _run(todo, workers, fail_fast):
        done += 1
        if failure:
            report.failures.append(f"{job.targets[0].municipality} {job.kind} ({job.language}): {failure}")
        for target, data in files:
            write_atomically(out_dir / target.path, data)
            state[target.path] = {
                "inputs": inputs[target],
                "content": contents.get(target),
                "sha256": _sha256(data),
                "target": asdict(target),
            }
            report.written.append(target)
        if on_progress:
            on_progress(done, len(jobs))
        if failure and fail_fast:
            break

    if _dumps(state) != before or not (out_dir / MANIFEST).is_file():  # nothing changed: write nothing
        write_atomically(out_dir / STATE, _dumps(state))
        _write_manifest(out_dir, state)
    return report


def _assemble_safely(job: Job) -> Document | None:
    """The job's document, or None when it cannot be assembled: that job is then tried
    again in the render step, which reports the error like any other failure."""
    try:
        return assemble(job)
    except Exception:
        return None


def _run(jobs: list[tuple[Job, Document | None]], workers: int | None, fail_fast: bool):
    """Render jobs in worker processes (one process per core), yielding as they finish."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        for job, document in jobs:
            yield job, _render_safely(job, document)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=warm_up) as pool:
        futures = [(batch, pool.submit(_render_batch, batch)) for batch in _share_layouts(jobs)]
        for batch, future in futures:
            for (job, _), result in zip(batch, future.result()):
                yield job, result
                if result[1] and fail_fast:
                    for _, pending in futures:
                        pending.cancel()
                    return


def _share_layouts(jobs: list[tuple[Job, Document | None]]) -> list[list[tuple[Job, Document | None]]]:
    """The jobs in batches, one per worker task: jobs whose documents differ in paper size
    only (the A4 and A3 poster) go together, so the worker lays the document out once."""
    batches: dict[object, list[tuple[Job, Document | None]]] = {}
    for number, (job, document) in enumerate(jobs):
        key = layout_key(document) if document is not None else number
        batches.setdefault(key, []).append((job, document))
    return list(batches.values())


def _render_batch(batch: list[tuple[Job, Document | None]]) -> list[tuple[list[tuple[Target, bytes]], str | None]]:
    return [_render_safely(job, document) for job, document in batch]


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; outputs are for sharing, so give them the
        # permissions an ordinary new file gets under the user's umask.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write_manifest(out_dir: Path, state: dict) -> None:
    """List every file docgen has written into the build folder and that is still there."""
    outputs = [
        {**recorded["target"], "sha256": recorded["sha256"]}
        for path, recorded in sorted(state.items())
        if (out_dir / path).is_file()
    ]
    write_atomically(out_dir / MANIFEST, _dumps({"generator": f"docgen {__version__}", "outputs": outputs}))


def _is_current(out_dir: Path, target: Target, kind: str, fingerprint: str, state: dict) -> bool:
    """The file is there as docgen wrote it, and its fingerprint of `kind` is the same."""
    recorded = state.get(target.path)
    path = out_dir / target.path
    return bool(
        recorded
        and recorded.get(kind) == fingerprint
        and path.is_file()
        and _sha256(path.read_bytes()) == recorded.get("sha256")
    )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _dumps(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
