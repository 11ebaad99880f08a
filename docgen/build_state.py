"""The build folder's record of what docgen wrote there.

Two files: the state (`.docgen-state.json`, docgen's own) notes for each output file its
target, fingerprints, hash, size and time of change, and the warnings its document gave
when it was rendered; the manifest (`manifest.json`, for people and other tools) lists
every output still on disk. The manifest is written from the state.

As each job's files are put in place, the build notes them at once, so a build that is
killed later does not redo them: one line appended to the journal
(`.docgen-state.journal`), which reading the state replays and saving it empties.
Rewriting the whole state after every job instead made a national build quadratic: with
200 municipalities the state is megabytes, written after each of thousands of jobs.

Whether a file is still as docgen wrote it is decided by its size and time of change
(as make and rsync do): only a file whose time changed with its size the same is read
and hashed, so a build with nothing to do reads none of the outputs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from docgen import __version__
from docgen.atomic import write_atomically
from docgen.build_folder import BuildFolder
from docgen.errors import DocgenError
from docgen.planning import Target

MANIFEST = "manifest.json"
STATE = ".docgen-state.json"
JOURNAL = ".docgen-state.journal"

# What the state notes about one output file, by its path in the build folder.
Recorded = dict[str, Any]
State = dict[str, Recorded]
# A file's fingerprints by what they cover: "inputs" (its data, cheap to check first) and
# "content" (the assembled document; see docgen.fingerprint).
Fingerprints = dict[str, str]


def read_state(out_dir: Path) -> State:
    """The state as last saved, with what the journal noted since."""
    state = _read_json(out_dir / STATE)
    try:
        lines = (out_dir / JOURNAL).read_bytes().splitlines()
    except OSError:
        return state
    for line in lines:
        try:
            noted = json.loads(line)
        except ValueError:  # the last line, cut short when the build was killed
            continue
        if isinstance(noted, dict):
            state.update(noted)
    return state


def is_current(out_dir: Path, target: Target, kind: str, fingerprint: str, state: State) -> bool:
    """The file is there as docgen wrote it, and its fingerprint of `kind` is the same."""
    recorded = state.get(target.path)
    return bool(recorded and recorded.get(kind) == fingerprint and as_written(out_dir / target.path, recorded))


def as_written(path: Path, recorded: Recorded) -> bool:
    """The file holds the bytes docgen wrote. A file with the recorded size and time of
    change is taken as it was, unread; one touched since is hashed, and if its bytes are
    the same its new time is noted, so it is not hashed again."""
    try:
        info = path.stat()
    except OSError:
        return False
    if info.st_size != recorded.get("size", info.st_size):
        return False
    if info.st_mtime_ns == recorded.get("mtime_ns"):
        return True
    if _file_sha256(path) != recorded["sha256"]:
        return False
    recorded.update(size=info.st_size, mtime_ns=info.st_mtime_ns)
    return True


def set_aside(out_dir: Path, state: State, targets: Iterable[Target]) -> State:
    """Take the files this build is about to replace out of the manifest before any of
    them is replaced, so that the manifest never lists bytes that are not on disk, even
    if the build is killed half-way. Returns their entries, to put back the ones whose
    file is left as it was (a document that fails)."""
    aside = {target.path: state.pop(target.path) for target in targets if target.path in state}
    if aside:
        save(out_dir, state)
    return aside


def restore_untouched(out_dir: Path, state: State, targets: Iterable[Target], aside: State) -> None:
    """Put back the entries of files still as they were: a document that failed, or one
    the build did not get to (stopped, or a full disk)."""
    for target in targets:
        old = aside.get(target.path)
        if old and target.path not in state and as_written(out_dir / target.path, old):
            state[target.path] = old


def remove(out_dir: Path, state: State, paths: list[str]) -> list[str]:
    """Take `paths` out of the state, and off the disk where the file is still as docgen
    wrote it (a file changed by hand stays, unlisted); the paths removed."""
    for path in paths:
        if as_written(out_dir / path, state.pop(path)):
            (out_dir / path).unlink()
    return paths


def recorded_warnings(state: State, targets: Iterable[Target]) -> list[str]:
    """The warnings noted for these files when their documents were last rendered."""
    return [warning for target in targets for warning in state.get(target.path, {}).get("warnings", ())]


def put_in_place(
    folder: BuildFolder,
    state: State,
    files: Sequence[tuple[Target, bytes]],
    prints: dict[Target, Fingerprints],
    warnings: Sequence[str] = (),
) -> None:
    """Put a job's files in place and note them in the state and its journal at once,
    so a build that is killed later does not redo them; the manifest is written from the
    state at the end."""
    noted: State = {}
    for target, data in files:
        path = folder.path(target.path)
        write_atomically(path, data)
        info = path.stat()
        noted[target.path] = {
            **prints.get(target, {}),
            "sha256": _sha256(data),
            "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
            "target": asdict(target),
            **({"warnings": list(warnings)} if warnings else {}),
        }
    state.update(noted)
    if noted:
        with (folder.root / JOURNAL).open("ab") as journal:
            journal.write(_compact(noted) + b"\n")


def save(out_dir: Path, state: State) -> None:
    """Write the state and the manifest made from it."""
    try:
        _save_state(out_dir, state)
        _write_manifest(out_dir, state)
    except OSError as error:
        raise DocgenError(f"cannot write the manifest in {out_dir}: {error.strerror or error}") from None


def record(out_dir: Path, files: Iterable[tuple[Target, bytes]]) -> None:
    """Write files made outside a build (docgen diff's) and list them in the manifest."""
    with BuildFolder(out_dir) as folder:
        state = read_state(out_dir)
        put_in_place(folder, state, list(files), {})
        save(out_dir, state)


def _save_state(out_dir: Path, state: State) -> None:
    write_atomically(out_dir / STATE, _compact(state))
    (out_dir / JOURNAL).unlink(missing_ok=True)  # all it noted is in the state now


def _compact(value: object) -> bytes:
    """JSON on one line: only docgen reads the state and its journal."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_manifest(out_dir: Path, state: State) -> None:
    """List every file docgen has written into the build folder and that is still there."""
    outputs = [
        {**recorded["target"], "sha256": recorded["sha256"], **_warnings_of(recorded)}
        for path, recorded in sorted(state.items())
        if (out_dir / path).is_file()
    ]
    write_atomically(out_dir / MANIFEST, dumps({"generator": f"docgen {__version__}", "outputs": outputs}))


def _warnings_of(recorded: Recorded) -> dict[str, list[str]]:
    # Listed only when there are any, so a manifest without warnings is as it always was.
    return {"warnings": recorded["warnings"]} if recorded.get("warnings") else {}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str | None:
    try:
        return _sha256(path.read_bytes())
    except OSError:
        return None


def _read_json(path: Path) -> State:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def dumps(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
