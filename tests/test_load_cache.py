"""The cache of loaded municipalities: an unchanged data file is not validated again, and
anything loading reads (the file, its asset folder) makes it load afresh; bad data is
never cached, and a damaged or unwritable cache changes nothing but the speed."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from docgen import load_cache
from docgen.build import Report, build
from docgen.load import Entry, load


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(folder))
    return folder / "entries"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(EXAMPLES / "nora.yaml", folder)
    shutil.copytree(EXAMPLES / "nora", folder / "nora")
    return folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The data files actually parsed and validated, in order."""
    loaded: list[Path] = []

    def counting(path: Path) -> Entry:
        loaded.append(path)
        return load(path)

    monkeypatch.setattr(load_cache, "load", counting)
    return loaded


def register(data: Path, out: Path) -> Report:
    return build(data, out, kinds=["account-register"], formats=["md"], workers=1)


def test_an_unchanged_file_is_taken_from_the_cache_with_its_warnings(tmp_path: Path, data: Path, cache: Path, loads):
    (data / "nora.yaml").write_text(
        (data / "nora.yaml").read_text(encoding="utf-8").replace("  privacy_url:", "  # privacy_url:"), encoding="utf-8"
    )
    first = register(data, tmp_path / "out")
    assert loads == [data / "nora.yaml"] and len(list(cache.glob("*.pickle"))) == 1
    assert any("privacy_url" in warning for warning in first.warnings)
    second = register(data, tmp_path / "out")
    assert loads == [data / "nora.yaml"]  # not loaded again
    assert second.warnings == first.warnings and second.unchanged and not second.written


def test_an_edited_data_file_is_loaded_again(tmp_path: Path, data: Path, cache: Path, loads):
    register(data, tmp_path / "out")
    source = data / "nora.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("name: Nora kommun", "name: Nya Nora kommun"), encoding="utf-8")
    report = register(data, tmp_path / "out")
    assert len(loads) == 2 and report.written
    assert "Nya Nora kommun" in (tmp_path / "out" / report.written[0].path).read_text(encoding="utf-8")


def test_a_change_in_the_asset_folder_loads_the_file_again(tmp_path: Path, data: Path, cache: Path, loads):
    register(data, tmp_path / "out")
    (data / "nora" / "notes.txt").write_text("a new file beside the logo", encoding="utf-8")
    register(data, tmp_path / "out")
    assert len(loads) == 2


def test_bad_data_is_never_cached(tmp_path: Path, data: Path, cache: Path, loads):
    register(data, tmp_path / "out")
    source = data / "nora.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("country: SE", "country: XX"), encoding="utf-8")
    for _ in range(2):
        report = register(data, tmp_path / "out")
        assert report.exit_code == 2 and "country" in report.invalid[0].format_message()
    assert len(loads) == 3
    (stored_key, entry), = (pickle.loads(path.read_bytes()) for path in cache.glob("*.pickle"))
    assert entry.municipality.country == "SE"  # still the last good one, never used for the bad file


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, data: Path, cache: Path, loads):
    register(data, tmp_path / "out")
    (stored,) = cache.glob("*.pickle")
    stored.write_bytes(b"not a pickle")
    report = register(data, tmp_path / "out")
    assert report.exit_code == 0 and len(loads) == 2
    # Replaced: the next build takes Nora from the new cache file, with nothing to write.
    again = register(data, tmp_path / "out")
    assert again.exit_code == 0 and len(loads) == 2, loads
    assert again.unchanged and not again.written


def test_a_cache_that_cannot_be_written_changes_nothing_but_speed(tmp_path: Path, data: Path, monkeypatch, loads):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(blocked))
    first = register(data, tmp_path / "out")
    second = register(data, tmp_path / "out")
    assert first.exit_code == second.exit_code == 0 and first.written and second.unchanged
    assert len(loads) == 2
