"""The package's type hints hold: mypy --strict (with the pydantic plugin) finds no error,
so every function, the command line's included, is annotated and checked."""

from __future__ import annotations

import subprocess
import sys

from docgen.paths import PROJECT


def test_mypy_finds_no_type_errors(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "docgen"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
