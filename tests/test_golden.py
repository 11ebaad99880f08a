"""Golden files: the Markdown, text and HTML docgen writes for two small municipalities
(tests/roots/golden/), kept in tests/golden/ as `<file>.golden` (a suffix no tool takes
for source). A change in output is a diff a reviewer reads in the commit.

After an intended change, refresh them with

    DOCGEN_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from docgen.build import build

ROOT = Path(__file__).parent / "roots" / "golden"
GOLDEN = Path(__file__).parent / "golden"
FORMATS = ("md", "txt", "html")
UPDATE = os.environ.get("DOCGEN_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("golden")
    report = build(ROOT, out, formats=FORMATS, workers=1)
    assert report.exit_code == 0, report.failures + [e.format_message() for e in report.invalid]
    # Not the snapshots the build keeps beside them: the golden files are what readers get.
    files = {t.path: (out / t.path).read_text(encoding="utf-8") for t in report.written if t.format in FORMATS}
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in files.items():
            kept(path).parent.mkdir(parents=True, exist_ok=True)
            kept(path).write_text(text, encoding="utf-8")
    return files


def kept(path: str) -> Path:
    return GOLDEN / f"{path}.golden"


def test_the_same_files_are_written(written: dict[str, str]) -> None:
    golden = {path.relative_to(GOLDEN).as_posix().removesuffix(".golden") for path in GOLDEN.rglob("*.golden")}
    assert sorted(written) == sorted(golden), "files came or went; refresh the golden files (see this module)"


def test_every_file_reads_as_kept(written: dict[str, str]) -> None:
    changed = []
    for path, text in sorted(written.items()):
        expected = kept(path).read_text(encoding="utf-8") if kept(path).is_file() else ""
        if text != expected:
            diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), f"golden/{path}", f"built/{path}", lineterm="")
            changed.append("\n".join(list(diff)[:40]))
    assert not changed, "output changed; if intended, refresh the golden files (see this module):\n\n" + "\n\n".join(changed)
