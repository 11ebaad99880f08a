"""Build or validate one municipality from a dict and read back what a reader sees in
each file: for the tests of the policy choices, which look for the chosen text in every
format and for the validation message at its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import write_municipality
from test_strategy import read_text

from docgen.build import build
from docgen.cli import main

# The formats a choice must show in (the strategy is also Markdown, the forms only PDF and DOCX).
FORMATS = ("pdf", "docx", "html")


def built_texts(
    folder: Path, data: dict[str, Any], kinds: tuple[str, ...], formats: tuple[str, ...] = FORMATS
) -> dict[tuple[str, str | None, str], str]:
    """(kind, account or variant, format) → the text of that file, whitespace squeezed."""
    data_dir = write_municipality(folder / "data", "prove", data)
    out = folder / "out"
    report = build(data_dir, out, kinds=kinds, formats=formats, workers=1)
    assert report.exit_code == 0, [*report.failures, *(error.format_message() for error in report.invalid)]
    return {
        (target.kind, target.account or target.variant, target.format): _unhyphenated(read_text(out / target.path))
        for target in report.written
        if target.format in formats
    }


def validate(folder: Path, data: dict[str, Any]) -> tuple[int, str]:
    """`docgen validate` on the municipality: its exit status and what it printed."""
    result = CliRunner().invoke(main, ["validate", "--data", str(write_municipality(folder, "prove", data))])
    return result.exit_code, result.output


def _unhyphenated(text: str) -> str:
    """WeasyPrint hyphenates with U+2010 at a line's end, which read_text leaves as '‐ '."""
    return re.sub(r"(\w)\u2010 (\w)", r"\1\2", text)
