"""The build folder under stress: two builds at once, an --out that cannot be written,
a full disk, a file name the file system refuses. Each ends with a clear message, the
other jobs still built, and a manifest that matches the files on disk."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from conftest import EXAMPLES
from docgen import build_folder, build_state, fingerprint, rendering
from docgen.build import MANIFEST, build, load_all, plan
from docgen.planning import without_clashes
from docgen.build_folder import LOCK, BuildFolder
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.paths import PROJECT

SMALL = ["--kind", "account-register", "--format", "md", "--format", "html", "--jobs", "1"]


def run(*args: str):
    return CliRunner().invoke(main, [*args])


def assert_manifest_matches_disk(out: Path) -> list[dict]:
    """Every file the manifest lists is on disk with the SHA-256 it gives, and no
    temporary file is left beside it."""
    outputs = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    for output in outputs:
        path = out / output["path"]
        assert path.is_file(), f"the manifest lists {output['path']}, which is not there"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == output["sha256"], output["path"]
    assert not list(out.rglob("*.tmp"))
    return outputs


def test_a_second_build_into_the_same_folder_waits_then_stops_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(build_folder, "LOCK_WAIT", 0.2)
    tmp_path.mkdir(exist_ok=True)
    with FileLock(str(tmp_path / LOCK)):
        result = run("build", "dome", "--data", str(EXAMPLES), "--out", str(tmp_path), *SMALL)
    assert result.exit_code == 1
    assert f"another docgen build has been writing into {tmp_path}" in result.output
    assert not (tmp_path / "dome").exists()


def test_two_builds_at_once_keep_each_others_manifest_entries(tmp_path: Path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docgen", "build", "--data", str(EXAMPLES), "--out", str(out), *SMALL]
    first = subprocess.Popen([*command, "dome"], cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    second = subprocess.Popen([*command, "nora"], cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert first.wait(timeout=300) == 0, first.stdout.read() if first.stdout else ""
    assert second.wait(timeout=300) == 0, second.stdout.read() if second.stdout else ""
    outputs = assert_manifest_matches_disk(out)
    assert {o["municipality"] for o in outputs} == {"dome", "nora"}


def test_an_out_folder_below_a_file_fails_before_anything_is_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    rendered: list[object] = []
    monkeypatch.setattr(rendering, "render", lambda job, document=None: rendered.append(job) or [])
    (tmp_path / "a-file").write_text("not a folder")
    result = run("build", "dome", "--data", str(EXAMPLES), "--out", str(tmp_path / "a-file" / "out"), *SMALL)
    assert result.exit_code == 1
    assert f"cannot write into {tmp_path / 'a-file' / 'out'}" in result.output
    assert "Traceback" not in result.output
    assert rendered == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_out_folder_fails_before_anything_is_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    rendered: list[object] = []
    monkeypatch.setattr(rendering, "render", lambda job, document=None: rendered.append(job) or [])
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    result = run("build", "dome", "--data", str(EXAMPLES), "--out", str(out), *SMALL)
    assert result.exit_code == 1
    assert f"cannot write into {out}: Permission denied" in result.output
    assert rendered == []


def test_an_output_path_outside_the_folder_is_refused(tmp_path: Path):
    with BuildFolder(tmp_path / "out") as folder:
        assert folder.path("dome/nb/x.md") == tmp_path / "out" / "dome/nb/x.md"
        with pytest.raises(DocgenError, match="outside the build folder"):
            folder.path("../nb/x.md")


def test_two_jobs_with_one_output_path_are_a_data_error_naming_both():
    entries, _ = load_all(EXAMPLES, ["dome"])
    jobs = plan(entries, kinds=["account-register", "activity-plan"], formats=["md"])
    kept, [error] = without_clashes([*jobs, jobs[-1]])
    assert jobs[-1] not in kept and len(kept) == len(jobs) - 1
    assert f"two documents would be written to {jobs[-1].targets[0].path}" in error.format_message()


def _failing_writes(monkeypatch: pytest.MonkeyPatch, code: int, succeed: int) -> None:
    """write_atomically succeeds `succeed` times, then fails as the OS would with `code`."""
    real = build_state.write_atomically
    calls = {"count": 0}

    def write(path: Path, data: bytes) -> None:
        calls["count"] += 1
        if calls["count"] > succeed:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(build_state, "write_atomically", write)


@pytest.mark.parametrize("succeed", [0, 3])
def test_a_full_disk_stops_the_build_with_a_message_and_keeps_the_manifest_true(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, succeed: int
):
    data = tmp_path / "data"
    data.mkdir()
    for slug in ("dome", "nora"):
        (data / f"{slug}.yaml").write_text((EXAMPLES / f"{slug}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        (data / slug).symlink_to(EXAMPLES / slug)
    out = tmp_path / "out"
    assert run("build", "--data", str(data), "--out", str(out), *SMALL).exit_code == 0
    before = assert_manifest_matches_disk(out)
    for slug in ("dome", "nora"):  # every document changes
        path = data / f"{slug}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("\nname: ", "\nname: Nye ", 1), encoding="utf-8")
    _failing_writes(monkeypatch, errno.ENOSPC, succeed)
    result = run("build", "--data", str(data), "--out", str(out), *SMALL)
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output
    assert "Traceback" not in result.output
    after = assert_manifest_matches_disk(out)
    if succeed == 0:
        assert after == before  # nothing could be written: the previous manifest, intact


def test_a_file_the_file_system_refuses_fails_its_job_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real = build_state.write_atomically

    def write(path: Path, data: bytes) -> None:
        if "nora" in path.parts:
            raise OSError(errno.ENAMETOOLONG, "File name too long", str(path))
        real(path, data)

    monkeypatch.setattr(build_state, "write_atomically", write)
    report = build(EXAMPLES, tmp_path, ["dome", "nora"], kinds=["account-register"], formats=["md"], workers=1)
    assert report.exit_code == 1
    assert report.failures and all("File name too long" in failure for failure in report.failures)
    outputs = assert_manifest_matches_disk(tmp_path)
    assert {o["municipality"] for o in outputs} == {"dome"}


def test_a_document_that_fails_keeps_its_previous_files_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    first = build(EXAMPLES, tmp_path, ["dome", "nora"], kinds=["account-register"], formats=["md"], workers=1)
    assert not first.failures
    before = assert_manifest_matches_disk(tmp_path)
    from docgen.errors import RenderError
    from docgen.writers import WRITERS

    def fail(document):
        raise RenderError("cannot render")

    monkeypatch.setattr(WRITERS["md"], "render", fail)
    monkeypatch.setattr(fingerprint, "_code_digest", lambda: "a new docgen")  # every document is out of date
    report = build(EXAMPLES, tmp_path, ["dome", "nora"], kinds=["account-register"], formats=["md"], workers=1)
    assert report.exit_code == 1 and len(report.failures) == 3
    assert assert_manifest_matches_disk(tmp_path) == before
