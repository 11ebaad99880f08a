"""The README shows what docgen really does: its data tour is a valid municipality, and
the file names it promises are the ones the build writes."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Built

from docgen.load import load
from docgen.paths import PROJECT

README = (PROJECT / "README.md").read_text(encoding="utf-8")


def test_the_data_tour_is_a_valid_municipality(tmp_path: Path):
    tour = re.search(r"```yaml\n(.*?)```", README, re.S)
    assert tour, "the README has no YAML example"
    (tmp_path / "nora.yaml").write_text(tour.group(1), encoding="utf-8")
    entry = load(tmp_path / "nora.yaml")
    assert entry.municipality.name == "Nora kommun"
    assert entry.municipality.content["strategy"].omit


def test_every_file_name_the_readme_promises_is_built(built: Built):
    table = README[README.index("## What you get") : README.index("PDFs are PDF/A")]
    promised = set(re.findall(r"`([a-z0-9-]+(?:-<account>)?\.[a-z]+)`", table))
    assert len(promised) >= 8
    written = {Path(o["path"]).name for o in built.outputs if o["language"] == "nb"}
    for name in promised:
        pattern = re.escape(name).replace(re.escape("<account>"), "[a-z0-9-]+")
        assert any(re.fullmatch(pattern, file) for file in written), f"README promises {name}; not built"
