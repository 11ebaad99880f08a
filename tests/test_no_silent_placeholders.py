"""No silent placeholders (issue 10 item 20): validate warns where the starter file's
sample values are still there and where a municipality lists no accounts; `docgen new`
derives the short name; a build limited to one format says which kinds it skipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write_municipality

from docgen.cli import main
from docgen.load import load
from docgen.municipal_names import short_name_of


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Valdemarsviks kommun", "Valdemarsvik"),
        ("Kils kommun", "Kil"),
        ("Göteborgs stad", "Göteborg"),
        ("Nora kommun", "Nora"),
        ("Mörbylånga kommun", "Mörbylånga"),
        ("Borås stad", "Borås"),
        ("Bollnäs kommun", "Bollnäs"),
        ("Hofors kommun", "Hofors"),
        ("Ås kommune", "Ås"),
        ("Rakkestad kommune", "Rakkestad"),
        ("Hamarøy kommune", "Hamarøy"),
    ],
)
def test_the_short_name_drops_kommune_and_a_swedish_genitive(name: str, short: str) -> None:
    assert short_name_of(name) == short


def test_new_writes_the_derived_short_name(tmp_path: Path) -> None:
    result = run("new", "valdemarsvik", "--name", "Valdemarsviks kommun", "--lang", "sv", "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert load(tmp_path / "valdemarsvik.yaml").municipality.short_name == "Valdemarsvik"


def test_validate_warns_at_each_sample_value_the_starter_wrote(tmp_path: Path) -> None:
    run("new", "lesja", "--name", "Lesja kommune", "--lang", "nn", "--data", str(tmp_path))
    path = tmp_path / "lesja.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    result = run("validate", "lesja", "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    samples = [line for line in result.output.splitlines() if "is the sample value docgen new wrote" in line]
    url_line = next(n for n, line in enumerate(lines, 1) if "url: https://www.facebook.com/lesja" in line)
    kari_line = next(n for n, line in enumerate(lines, 1) if "name: Kari Nordmann" in line)
    assert any(f"lesja.yaml:{url_line}:" in line and "accounts[0].url" in line for line in samples), result.output
    assert any(f"lesja.yaml:{kari_line}:" in line and "accounts[0].administrators[0].name" in line for line in samples)
    assert len(samples) == 3, samples  # the address and both sample people

    # Once replaced, nothing is said.
    text = path.read_text(encoding="utf-8").replace("Kari Nordmann", "Siri Lie").replace("Ola Nordmann", "Per Dahl")
    path.write_text(text.replace("facebook.com/lesja", "facebook.com/lesjakommune"), encoding="utf-8")
    result = run("validate", "lesja", "--data", str(tmp_path))
    assert "sample value" not in result.output, result.output


def test_validate_warns_about_a_municipality_without_accounts(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["accounts"] = []
    result = run("validate", "--data", str(write_municipality(tmp_path, "prove", data)))
    assert result.exit_code == 0, result.output
    assert re.search(r"warning: .*prove.yaml:\d+:\d+: accounts: there are no accounts", result.output), result.output


def test_a_build_in_one_format_names_the_kinds_it_skipped(tmp_path: Path, minimal) -> None:
    folder = write_municipality(tmp_path / "data", "prove", minimal["nb"])
    result = run("build", "--data", str(folder), "--out", str(tmp_path / "out"), "--format", "md", "--jobs", "1")
    assert result.exit_code == 0, result.output
    skipped = sorted(line for line in result.output.splitlines() if line.startswith("skipped "))
    assert skipped == [
        "skipped activity-plan: it is made as pdf, docx, not as md",
        "skipped poster: it is made as pdf, png, html, not as md",
        "skipped publishing-plan: it is made as pdf, docx, html, csv, xlsx, ics, not as md",
    ], result.output
    assert (tmp_path / "out" / "prove" / "nb" / "strategi-for-sosiale-medier.md").exists()
