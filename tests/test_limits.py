"""The limits in docgen/limits.py: every one is documented in the README, and the
longest values the schema allows still build in every format that has a length limit
of its own (DOCX core properties hold 255 characters; file names 255 bytes)."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

from conftest import MINIMAL, write_municipality

from docgen import limits
from docgen.build import build
from docgen.paths import PROJECT


def test_every_limit_is_in_the_readme():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for name in (n for n in vars(limits) if n.isupper()):
        value = getattr(limits, name)
        shown = f"{value:,}".replace(",", " ")
        assert re.search(rf"\b{re.escape(shown)}\b", section), f"README's Limits section does not give {name} ({shown})"


def test_the_longest_names_the_schema_allows_still_build(tmp_path: Path):
    data = copy.deepcopy(MINIMAL["nb"])
    longest = ("Øvre Ålgårdsbygda " * 10)[: limits.NAME_CHARS].strip()
    data["name"] = data["short_name"] = longest
    data["accounts"][0]["name"] = longest
    data["accounts"][0]["purpose"] = ("Nyheter og dialog med innbyggerne. " * 20)[: limits.SENTENCE_CHARS].strip()
    data["adoption"].update(status="adopted", body=longest, case_reference=longest)
    data["content"] = {"strategy": {"title": longest}, "activity-plan": {"title": longest}}
    folder = write_municipality(tmp_path / "data", "prove", data)
    report = build(folder, tmp_path / "out", formats=["docx", "md"], workers=1)
    assert not report.invalid, [e.format_message() for e in report.invalid]
    assert not report.failures, report.failures
    from docx import Document

    docx = [t for t in report.written if t.format == "docx"]
    assert docx
    for target in docx:
        properties = Document(io.BytesIO((tmp_path / "out" / target.path).read_bytes())).core_properties
        assert longest in properties.author + properties.title
        assert len(Path(target.path).name.encode()) < 255
