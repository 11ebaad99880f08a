"""The README shows what docgen really does: its data tour is a valid municipality, and
the file names it promises are the ones the build writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import Built, write_municipality
from ruamel.yaml import YAML
from test_languages import built_text, two_languages

from docgen.build import build
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


def test_the_per_language_example_builds_each_language_from_its_own_text(tmp_path: Path, minimal):
    section = README[README.index("### Text in more than one language") :]
    example = YAML(typ="safe").load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    data = two_languages(minimal)
    data["roles"].update(example["roles"])
    data["accounts"][0].update(example["accounts"][0])
    data["content"] = example["content"]
    folder = write_municipality(tmp_path / "data", "doeme", data)
    report = build(folder, tmp_path / "out", kinds=["account-register"], formats=["md"], workers=1)
    assert report.exit_code == 0, report.failures + [e.format_message() for e in report.invalid]
    nynorsk, bokmal = (built_text(tmp_path / "out", "doeme", language) for language in ("nn", "nb"))
    assert "# Kontoane våre" in nynorsk and "Kultureininga" in nynorsk and "Kulturenheten" not in nynorsk
    assert "# Kontoene våre" in bokmal and "Kulturenheten" in bokmal and "Kultureininga" not in bokmal


def _schema_fields(node: object) -> set[str]:
    """Every field name in the schema: the top level's and every nested model's."""
    if isinstance(node, dict):
        names = set(node.get("properties", {})) if isinstance(node.get("properties"), dict) else set()
        return names.union(*(_schema_fields(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_schema_fields(value) for value in node))
    return set()


def test_the_data_file_section_names_every_field_of_the_schema():
    section = README[README.index("## The data file") : README.index("## The command line")]
    # A key in a YAML example (commented out or not, in a block or in braces), or a field
    # named in backquotes (`policy.answer_from`, `values: {…}`).
    named = set(re.findall(r"^[\s#-]*([a-z_]+):", section, re.MULTILINE))
    named |= set(re.findall(r"[{,`]\s*([a-z_]+):", section))
    named |= {part for quoted in re.findall(r"`([a-z_.\[\]0-9]+)`", section) for part in re.split(r"[.\[\]0-9]+", quoted)}
    # The schema file is the model's (test_validation checks it against `docgen schema`).
    fields = _schema_fields(json.loads((PROJECT / "schema" / "municipality.schema.json").read_text(encoding="utf-8")))
    assert len(fields) > 50
    assert sorted(fields - named) == [], "the README's data-file section does not name these fields"

