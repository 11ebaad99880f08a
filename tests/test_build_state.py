"""Whether an output is still as docgen wrote it, decided cheaply: a build with nothing to
do reads none of the outputs (their size and time of change say they are as written);
a file whose time changed is read once; an edit that keeps the size is still found.
And a fingerprint over files tells names from bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import EXAMPLES
from docgen import build_state, fingerprint
from test_build import small_build

REGISTER = Path("nora") / "sv" / "konton-i-sociala-medier.md"


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The output files the build reads to hash them."""
    paths: list[Path] = []
    real = build_state._file_sha256

    def spy(path: Path) -> str | None:
        paths.append(path)
        return real(path)

    monkeypatch.setattr(build_state, "_file_sha256", spy)
    return paths


def test_a_build_with_nothing_changed_reads_no_output(tmp_path: Path, hashed: list[Path]):
    small_build(EXAMPLES, tmp_path, "nora")
    report = small_build(EXAMPLES, tmp_path, "nora")
    assert report.written == [] and len(report.unchanged) == 3
    assert hashed == []


def test_a_touched_file_is_hashed_once_and_not_rebuilt(tmp_path: Path, hashed: list[Path]):
    small_build(EXAMPLES, tmp_path, "nora")
    page = tmp_path / REGISTER
    info = page.stat()
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))  # same bytes, later
    first = small_build(EXAMPLES, tmp_path, "nora")
    assert first.written == [] and hashed == [page]
    second = small_build(EXAMPLES, tmp_path, "nora")
    assert second.written == [] and hashed == [page]  # its new time was noted


def test_an_edit_that_keeps_the_size_is_found(tmp_path: Path):
    small_build(EXAMPLES, tmp_path, "nora")
    page = tmp_path / REGISTER
    original = page.read_bytes()
    page.write_bytes(original.swapcase())
    report = small_build(EXAMPLES, tmp_path, "nora")
    assert REGISTER.as_posix() in [t.path for t in report.written]
    assert page.read_bytes() == original


def test_a_files_digest_tells_a_files_name_from_another_files_bytes(tmp_path: Path):
    two, one = tmp_path / "two", tmp_path / "one"
    two.mkdir(), one.mkdir()
    (two / "a").write_bytes(b"1")
    (two / "b").write_bytes(b"2")
    (one / "a").write_bytes(b"1b\0" + b"2")  # name and bytes run together read the same as above
    assert fingerprint._files_digest([two]) != fingerprint._files_digest([one])
