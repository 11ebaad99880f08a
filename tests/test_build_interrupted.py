"""A build that is killed or stopped: its worker processes go with it, Ctrl-C and
SIGTERM end it cleanly, and after kill -9 at any moment the manifest still matches the
files on disk; the next build completes, and every file in it opens."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from docgen.build import MANIFEST
from docgen.build_state import STATE
from docgen.paths import PROJECT

SLUGS = ("dome", "nora")
# Enough work to take a few seconds, cheap enough to repeat: forms per account and the register.
OPTIONS = ["--kind", "activity-plan", "--kind", "account-register", "--format", "docx", "--format", "md"]


def start(data: Path, out: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "docgen", "build", "--data", str(data), "--out", str(out), *OPTIONS, *extra]
    # A build killed with kill -9 cannot remove its workers' temporary folder (they do, as
    # they exit): whatever is left stays in the test's own folder, not in the system's.
    temporary = out.parent / "tmp"
    temporary.mkdir(exist_ok=True)
    return subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(temporary)})


def children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in listed]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has stopped running; only its entry is left


def wait_for(condition, timeout: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def manifest_entries(out: Path) -> list[dict]:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError):
        return []


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def assert_manifest_matches_disk(out: Path) -> list[dict]:
    outputs = manifest_entries(out)
    for output in outputs:
        data = (out / output["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == output["sha256"], f"{output['path']} differs from the manifest"
    return outputs


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for slug in SLUGS:
        shutil.copy(EXAMPLES / f"{slug}.yaml", folder / f"{slug}.yaml")
        shutil.copytree(EXAMPLES / slug, folder / slug)
    return folder


def change_every_document(data: Path, mark: str) -> None:
    for slug in SLUGS:
        path = data / f"{slug}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nname: ", f"\nname: {mark} ", 1), encoding="utf-8")


def test_workers_die_with_their_parent(data: Path, tmp_path: Path):
    """After kill -9 of the build, its workers exit, and remove the temporary folder the
    build could no longer remove."""
    build = start(data, tmp_path / "out", "--jobs", "2")
    wait_for(lambda: len(children(build.pid)) >= 2, what="two worker processes")
    workers = children(build.pid)
    assert list((tmp_path / "tmp").glob("docgen-workers-*"))
    build.kill()
    build.wait()
    wait_for(lambda: not any(alive(worker) for worker in workers), timeout=10, what="the workers to exit")
    assert not list((tmp_path / "tmp").glob("docgen-workers-*"))


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_sigterm_and_ctrl_c_stop_a_build_cleanly(data: Path, tmp_path: Path, stop: signal.Signals):
    out = tmp_path / "out"
    build = start(data, out, "--jobs", "2")
    wait_for(lambda: len(children(build.pid)) >= 2 and any(out.rglob("*.md")), what="the build to be under way")
    workers = children(build.pid)
    build.send_signal(stop)
    _, errors = build.communicate(timeout=30)
    assert build.returncode == 1
    assert "build stopped; every file it wrote is complete" in errors
    assert "Traceback" not in errors
    wait_for(lambda: not any(alive(worker) for worker in workers), timeout=10, what="the workers to exit")
    # The manifest lists what the build wrote, but for the one job (two formats and its
    # snapshot) it may have been renaming into place when the signal came; and it lists
    # nothing else.
    written = {str(path.relative_to(out)) for path in out.rglob("*") if path.suffix in (".md", ".docx", ".json")}
    written -= {MANIFEST, STATE}  # docgen's own, not outputs
    listed = {o["path"] for o in assert_manifest_matches_disk(out)}
    assert listed <= written and len(written - listed) <= 3, sorted(written - listed)
    assert not list(out.rglob("*.tmp"))


def test_kill_9_at_any_point_leaves_a_true_manifest_and_the_next_build_completes(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert start(data, out, "--jobs", "1").wait(timeout=300) == 0
    complete = len(manifest_entries(out))
    # Rebuilds in which every document changes, killed after more and more of them are replaced.
    for round_, replaced in enumerate((1, 4, 9)):
        change_every_document(data, f"R{round_}")
        build = start(data, out, "--jobs", "1")
        started = {o["path"]: o["sha256"] for o in manifest_entries(out)}

        def progress() -> int:  # files replaced on disk so far
            return sum(1 for path, digest in started.items() if _sha256(out / path) != digest)

        wait_for(lambda: progress() >= replaced or build.poll() is not None, what=f"{replaced} files replaced")
        build.kill()
        build.wait()
        assert_manifest_matches_disk(out)

    final = start(data, out, "--jobs", "1")
    assert final.wait(timeout=300) == 0, final.communicate()
    outputs = assert_manifest_matches_disk(out)
    assert len(outputs) == complete
    assert not list(out.rglob("*.tmp"))
    from docx import Document

    for output in outputs:  # every file opens and is built from the latest data
        path = out / output["path"]
        if output["format"] == "docx":
            assert Document(io.BytesIO(path.read_bytes())).core_properties.author.startswith("R2 "), path
        else:
            assert "R2 " in path.read_text(encoding="utf-8"), path
