"""The build: plan targets, render them (in parallel, skipping what has not changed),
write each file atomically, and record everything in build/manifest.json.

    load every municipality → plan jobs → render each job → write → manifest

A job is one document (municipality × kind × language × output) in all its formats, so
the document is assembled once however many formats it is written in.
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
from functools import cache
from pathlib import Path

from docgen import __version__, snapshot
from docgen.document import Document
from docgen.errors import DataError, DocgenError, RenderError
from docgen.kinds import KINDS, Output
from docgen.load import Entry, discover, load
from docgen.paths import PACKAGE, TEMPLATES
from docgen.writers import WRITERS

log = logging.getLogger("docgen")

MANIFEST = "manifest.json"
STATE = ".docgen-state.json"  # input fingerprints, to skip unchanged targets


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
                        # Every document keeps its snapshot beside its outputs (for docgen diff).
                        kept = replace(targets[0], format=snapshot.FORMAT,
                                       path=f"{entry.slug}/{language}/{output.stem}{snapshot.SUFFIX}")
                        jobs.append(Job(entry, name, language, output, (*targets, kept)))
    return jobs


def assemble(job: Job) -> Document:
    """The job's document, assembled from the data and the clause library."""
    return KINDS[job.kind].document(job.entry, job.language, job.output)


def render(job: Job) -> list[tuple[Target, bytes]]:
    """Assemble the job's document once and write it in each of its formats."""
    kind = KINDS[job.kind]
    document = assemble(job)
    try:
        return [(target, _write(target.format, document)) for target in job.targets]
    except RenderError as error:
        explained = kind.explain(error, document)
        if explained is error:
            raise
        raise explained from error


def _write(format: str, document: Document) -> bytes:
    return snapshot.dumps(document) if format == snapshot.FORMAT else WRITERS[format].render(document)


def _render_safely(job: Job) -> tuple[list[tuple[Target, bytes]], str | None]:
    try:
        return render(job), None
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
    fingerprints = {id(job): _fingerprint(job) for job in jobs}
    todo = []
    for job in jobs:
        if all(_is_current(out_dir, target, fingerprints[id(job)], state) for target in job.targets):
            report.unchanged += job.targets
        else:
            todo.append(job)

    done = len(jobs) - len(todo)
    if on_progress:
        on_progress(done, len(jobs))
    for job, (files, failure) in _run(todo, workers, fail_fast):
        done += 1
        if failure:
            report.failures.append(f"{job.targets[0].municipality} {job.kind} ({job.language}): {failure}")
        for target, data in files:
            write_atomically(out_dir / target.path, data)
            state[target.path] = {"inputs": fingerprints[id(job)], "sha256": _sha256(data), "target": asdict(target)}
            report.written.append(target)
        if on_progress:
            on_progress(done, len(jobs))
        if failure and fail_fast:
            break

    write_atomically(out_dir / STATE, _dumps(state))
    _write_manifest(out_dir, state)
    return report


def record(out_dir: Path, files: Iterable[tuple[Target, bytes]]) -> None:
    """Write files made outside a build (docgen diff's) and list them in the manifest."""
    state = _read_json(out_dir / STATE)
    for target, data in files:
        write_atomically(out_dir / target.path, data)
        state[target.path] = {"inputs": None, "sha256": _sha256(data), "target": asdict(target)}
    write_atomically(out_dir / STATE, _dumps(state))
    _write_manifest(out_dir, state)


def _run(jobs: list[Job], workers: int | None, fail_fast: bool):
    """Render jobs in worker processes (one process per core), yielding as they finish."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, _render_safely(job)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = [(job, pool.submit(_render_safely, job)) for job in jobs]
        for job, future in futures:
            result = future.result()
            yield job, result
            if result[1] and fail_fast:
                for _, pending in futures:
                    pending.cancel()
                return


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


def _is_current(out_dir: Path, target: Target, fingerprint: str, state: dict) -> bool:
    recorded = state.get(target.path)
    path = out_dir / target.path
    return bool(
        recorded
        and recorded.get("inputs") == fingerprint
        and path.is_file()
        and _sha256(path.read_bytes()) == recorded.get("sha256")
    )


def _fingerprint(job: Job) -> str:
    """Everything a job's output depends on: docgen itself, the data file and its assets."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(job.entry.path.read_bytes())
    if job.entry.folder.is_dir():
        for asset in sorted(job.entry.folder.rglob("*")):
            if asset.is_file():
                digest.update(asset.name.encode() + asset.read_bytes())
    digest.update(json.dumps([asdict(t) for t in job.targets], sort_keys=True).encode())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    digest = hashlib.sha256(__version__.encode())
    for folder in (PACKAGE, TEMPLATES):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _dumps(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
