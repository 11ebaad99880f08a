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


def test_each_job_is_noted_by_one_line_and_the_state_is_not_rewritten(tmp_path: Path):
    """A national build put thousands of jobs in place and rewrote the whole state (by
    then megabytes) after each one. Each job now appends one line to the journal; reading
    the state replays it, a line cut short by kill -9 is passed over, and saving empties it."""
    from docgen.build_folder import BuildFolder
    from docgen.planning import Target

    def target(name: str) -> Target:
        return Target("nora", "poster", "sv", "md", f"nora/sv/{name}.md")

    state: build_state.State = {}
    with BuildFolder(tmp_path) as folder:
        build_state.save(tmp_path, state)
        saved = (tmp_path / build_state.STATE).read_bytes()
        build_state.put_in_place(folder, state, [(target("a"), b"A")], {})
        build_state.put_in_place(folder, state, [(target("b"), b"B"), (target("c"), b"C")], {})
        assert (tmp_path / build_state.STATE).read_bytes() == saved
        journal = tmp_path / build_state.JOURNAL
        assert len(journal.read_bytes().splitlines()) == 2
        assert set(build_state.read_state(tmp_path)) == {"nora/sv/a.md", "nora/sv/b.md", "nora/sv/c.md"}
        with journal.open("ab") as cut_short:
            cut_short.write(b'{"nora/sv/d.md":{"sha')
        assert build_state.read_state(tmp_path) == state
        build_state.save(tmp_path, state)
    assert not journal.exists()
    assert build_state.read_state(tmp_path) == state
