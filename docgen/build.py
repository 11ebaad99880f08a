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
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from docgen import __version__, fingerprint
from docgen.build_folder import FATAL_ERRNOS, BuildFolder
from docgen.document import Document
from docgen.errors import DataError, DocgenError, Problem, RenderError
from docgen.kinds import KINDS, Output, built
from docgen.load import Entry, discover, load
from docgen.load_cache import cache_folder, load_cached
from docgen.stale import unplanned
from docgen.workers import WorkerPool, interrupt_on_sigterm, worker_pool
from docgen.writers import WRITERS, render_formats
from docgen.writers.snapshot import SnapshotWriter
from docgen.writers.pdf import LAID_OUT, layout_key, warm_up

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


# A file's fingerprints by what they cover: "inputs" (its data, cheap to check first) and
# "content" (the assembled document; see docgen.fingerprint).
Fingerprints = dict[str, str]


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
    removed: list[str] = field(default_factory=list)  # outputs no longer planned

    @property
    def exit_code(self) -> int:
        return 2 if self.invalid else 1 if self.failures else 0


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


def assemble(job: Job) -> Document:
    """The job's document, assembled from the data and the clause library."""
    return KINDS[job.kind].document(job.entry, job.language, job.output)


def render(job: Job, document: Document | None = None) -> list[tuple[Target, bytes]]:
    """Write the job's document (assembled here unless given) in each of its formats."""
    kind = KINDS[job.kind]
    document = document or assemble(job)
    try:
        files = render_formats(document, [target.format for target in job.targets])
        return [(target, files[target.format]) for target in job.targets]
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
    entries, report.invalid = load_all(data_dir, slugs, cache=cache_folder())
    if report.invalid and fail_fast:
        return report
    for entry in entries:
        report.warnings += [str(warning) for warning in entry.warnings]
    planned = plan(entries, kinds, languages, formats)
    jobs = _without_clashes(planned, report)
    pool_size = min(workers or os.cpu_count() or 1, len(jobs)) or 1
    with BuildFolder(out_dir) as folder, interrupt_on_sigterm(), worker_pool(pool_size, warm_up) as pool:
        state = _read_json(out_dir / STATE)
        before = _dumps(state)
        prints: dict[Target, Fingerprints] = {}
        todo: list[tuple[Job, Document | None]] = []
        data = {entry.path: fingerprint.of_data(entry) for entry in entries}
        for job in jobs:
            inputs = fingerprint.of_inputs(data[job.entry.path], job.targets)
            changed = [target for target in job.targets if not _is_current(out_dir, target, "inputs", inputs[target], state)]
            report.unchanged += [target for target in job.targets if target not in changed]
            prints.update({target: {"inputs": inputs[target]} for target in changed})
            if not changed:
                continue
            document = _assemble_safely(job)
            if document is None:
                todo.append((replace(job, targets=tuple(changed)), None))
                continue
            contents = fingerprint.of_targets(document, changed)
            for target in changed:
                prints[target]["content"] = contents[target]
            stale = [target for target in changed if not _is_current(out_dir, target, "content", contents[target], state)]
            report.unchanged += [target for target in changed if target not in stale]
            if stale:
                todo.append((replace(job, targets=tuple(stale)), document))
                if pool.workers > 1 and any(target.format in LAID_OUT for target in stale):
                    pool.start()  # the workers warm up while the other documents are assembled

        done = len(jobs) - len(todo)
        if on_progress:
            on_progress(done, len(jobs))
        set_aside = _set_aside(out_dir, state, [job for job, _ in todo])
        try:
            for job, (files, failure) in _run(todo, pool, fail_fast):
                done += 1
                if failure:
                    report.failures.append(f"{job.targets[0].municipality} {job.kind} ({job.language}): {failure}")
                try:
                    _record(folder, state, files, prints)
                    report.written += [target for target, _ in files]
                except OSError as error:
                    report.failures.append(f"cannot write {out_dir / job.targets[0].path}: {error.strerror or error}")
                    if error.errno in FATAL_ERRNOS:
                        break
                if on_progress:
                    on_progress(done, len(jobs))
                if failure and fail_fast:
                    break
            if not (kinds or languages or formats):  # a filtered build plans only some outputs
                paths = {target.path for job in planned for target in job.targets}
                report.removed = _remove(out_dir, state, unplanned(state, paths, {entry.slug for entry in entries}))
        finally:  # also when stopped by Ctrl-C or SIGTERM: list everything on disk
            _restore_untouched(out_dir, state, [job for job, _ in todo], set_aside)
            if set_aside or _dumps(state) != before or not (out_dir / MANIFEST).is_file():
                _save(out_dir, state)  # (when nothing changed, nothing is written)
    return report


def _without_clashes(jobs: list[Job], report: Report) -> list[Job]:
    """The jobs, less any two that would write the same file: both are reported as a
    data error and neither is built, so neither silently overwrites the other.
    (Validation names the clash at its line; this guards the planner itself.)"""
    writers: dict[str, list[Job]] = {}
    for job in jobs:
        for target in job.targets:
            writers.setdefault(target.path, []).append(job)
    clashing: set[int] = set()
    for path, sharing in writers.items():
        if len(sharing) > 1 and not clashing >= {id(job) for job in sharing}:  # once per clash, not per file
            first, second = sharing[:2]
            both = f"{first.output.describe(first.kind)} and {second.output.describe(second.kind)}"
            message = f"two documents would be written to {path}: {both}; neither is written"
            report.invalid.append(DataError([Problem(first.entry.path, 1, 1, "", message)]))
            clashing |= {id(job) for job in sharing}
    return [job for job in jobs if id(job) not in clashing]


def _set_aside(out_dir: Path, state: dict, jobs: list[Job]) -> dict:
    """Take the files this build is about to replace out of the manifest before any of
    them is replaced, so that the manifest never lists bytes that are not on disk, even
    if the build is killed half-way. Returns their entries, to put back the ones whose
    file is left as it was (a document that fails)."""
    set_aside = {t.path: state.pop(t.path) for job in jobs for t in job.targets if t.path in state}
    if set_aside:
        _save(out_dir, state)
    return set_aside


def _restore_untouched(out_dir: Path, state: dict, jobs: list[Job], set_aside: dict) -> None:
    """Put back the entries of files still as they were: a document that failed, or one
    the build did not get to (stopped, or a full disk)."""
    for target in (t for job in jobs for t in job.targets):
        old = set_aside.get(target.path)
        if old and target.path not in state and _file_sha256(out_dir / target.path) == old["sha256"]:
            state[target.path] = old


def _remove(out_dir: Path, state: dict, paths: list[str]) -> list[str]:
    """Take `paths` out of the state, and off the disk where the file is still as docgen
    wrote it (a file changed by hand stays, unlisted); the paths removed."""
    for path in paths:
        if _file_sha256(out_dir / path) == state.pop(path)["sha256"]:
            (out_dir / path).unlink()
    return paths


def _record(
    folder: BuildFolder, state: dict, files: list[tuple[Target, bytes]], prints: dict[Target, Fingerprints]
) -> None:
    """Put a job's files in place and note them in the state at once, so a build that is
    killed later does not redo them; the manifest is written from the state at the end."""
    for target, data in files:
        write_atomically(folder.path(target.path), data)
        state[target.path] = {**prints.get(target, {}), "sha256": _sha256(data), "target": asdict(target)}
    if files:
        _save_state(folder.root, state)


def _save(out_dir: Path, state: dict) -> None:
    try:
        _save_state(out_dir, state)
        _write_manifest(out_dir, state)
    except OSError as error:
        raise DocgenError(f"cannot write the manifest in {out_dir}: {error.strerror or error}") from None


def _save_state(out_dir: Path, state: dict) -> None:
    # Compact: it is rewritten after every job, and only docgen reads it.
    write_atomically(out_dir / STATE, json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def record(out_dir: Path, files: Iterable[tuple[Target, bytes]]) -> None:
    """Write files made outside a build (docgen diff's) and list them in the manifest."""
    with BuildFolder(out_dir) as folder:
        state = _read_json(out_dir / STATE)
        _record(folder, state, list(files), {})
        _save(out_dir, state)


def _assemble_safely(job: Job) -> Document | None:
    """The job's document, or None when it cannot be assembled: that job is then tried
    again in the render step, which reports the error like any other failure."""
    try:
        return assemble(job)
    except Exception:
        return None


def _run(jobs: list[tuple[Job, Document | None]], pool: WorkerPool, fail_fast: bool):
    """Render jobs in the worker processes (in this one when there is only one job and
    the workers have not been started), yielding as they finish."""
    if not pool.started and (pool.workers == 1 or len(jobs) <= 1):
        for job, document in jobs:
            yield job, _render_safely(job, document)
        return
    futures: list[tuple[list[tuple[Job, Document | None]], Future]] = [
        (batch, pool.submit(_render_batch, batch)) for batch in _share_layouts(jobs)
    ]
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
        and _file_sha256(path) == recorded.get("sha256")
    )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str | None:
    try:
        return _sha256(path.read_bytes())
    except OSError:
        return None


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _dumps(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
