"""`content:` in a municipality that has its own clause file is checked against that file,
the one its documents are built from: an id only its file has can be omitted, replaced
or added after (and the build does it), an id its file removed is an error at the data
file's line naming the file, and so is an id one of its languages' files lacks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import write_municipality
from test_languages import line_of, two_languages
from test_template_path import build, own_template, written

from docgen.cli import main
from docgen.paths import TEMPLATES

# The municipality's strategy says where it was adopted instead of what it builds on.
LIBRARY_BASIS = "<!-- strategy.purpose.basis -->\n"
OWN_CLAUSE = "<!-- strategy.purpose.adopted -->\nStrategien er vedtatt av kommunestyret i Prøve.\n\n<!-- strategy.purpose.dropped -->\n"
ADOPTED = "Strategien er vedtatt av kommunestyret i Prøve."


def with_own_strategy(tmp_path: Path, data: dict[str, Any], language: str = "nb") -> Path:
    """The data folder, with the municipality's own strategy clause file in `language`:
    docgen's, with the clause strategy.purpose.adopted in place of strategy.purpose.basis."""
    folder = write_municipality(tmp_path / "data", "prove", data)
    library = (TEMPLATES / "content" / language / "strategy.md").read_text(encoding="utf-8")
    assert library.count(LIBRARY_BASIS) == 1
    # The basis clause's text stays, under an id nothing refers to, so the text still reads whole.
    own_template(folder, "prove", f"content/{language}/strategy.md", library.replace(LIBRARY_BASIS, OWN_CLAUSE))
    return folder


def validate(data: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "prove", "--data", str(data)])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("choices", "expected", "absent"),
    [
        ({"omit": ["strategy.purpose.adopted"]}, None, ADOPTED),
        ({"replace": {"strategy.purpose.adopted": "Kommunestyret vedtok strategien i 2026."}},
         "Kommunestyret vedtok strategien i 2026.", ADOPTED),
        ({"add": [{"after": "strategy.purpose.adopted", "id": "strategy.purpose.mine", "text": "Vår egen setning."}]},
         ADOPTED + " Vår egen setning.", None),
    ],
    ids=["omit", "replace", "add-after"],
)
def test_an_id_only_the_municipalitys_clause_file_has_is_accepted_and_applied(
    tmp_path: Path, minimal: dict[str, dict[str, Any]], choices: dict[str, Any], expected: str | None, absent: str | None
) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": choices}
    folder = with_own_strategy(tmp_path, data)
    status, output = validate(folder)
    assert status == 0, output
    assert "there is no clause" not in output
    build(folder, tmp_path / "out", "md")
    text = " ".join(written(tmp_path / "out", "prove", ".md").split())
    assert "Innledning og formål" in text  # the strategy was built from the municipality's file
    if expected:
        assert expected in text, text
    if absent:
        assert absent not in text, text


def reported(output: str, yaml: Path, line: int, field: str, message: str) -> bool:
    """`docgen validate` printed `message` about `field` at `line` of the data file."""
    return re.search(rf"^{re.escape(str(yaml))}:{line}:\d+: {re.escape(field)}: {re.escape(message)}$", output, re.M) is not None


def test_an_id_the_municipalitys_clause_file_removed_is_an_error_at_its_line(
    tmp_path: Path, minimal: dict[str, dict[str, Any]]
) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"omit": ["strategy.purpose.why"], "replace": {"strategy.purpose.basis": "Ny tekst."}}}
    folder = with_own_strategy(tmp_path, data)
    status, output = validate(folder)
    assert status == 2, output
    yaml = folder / "prove.yaml"
    own = folder / "prove" / "templates" / "content" / "nb" / "strategy.md"
    assert reported(
        output, yaml, line_of(yaml, "strategy.purpose.basis"), "content.strategy.replace.strategy.purpose.basis",
        f"there is no clause strategy.purpose.basis in your file {own}; did you mean strategy.purpose?",
    ), output
    # An id neither file has gets the closest id in the municipality's file.
    assert reported(
        output, yaml, line_of(yaml, "strategy.purpose.why"), "content.strategy.omit[0]",
        f"there is no clause strategy.purpose.why in your file {own}; did you mean strategy.purpose?",
    ), output


def test_an_id_one_languages_clause_file_lacks_is_an_error_naming_that_file(
    tmp_path: Path, minimal: dict[str, dict[str, Any]]
) -> None:
    """Built in nynorsk and bokmål with its own bokmål file only: the nynorsk strategy
    comes from docgen's file, which has no strategy.purpose.adopted, so replacing it
    would change the bokmål strategy and silently not the nynorsk one."""
    data = two_languages(minimal)
    data["content"] = {"strategy": {"replace": {"strategy.purpose.adopted": {"nn": "Eigen tekst.", "nb": "Egen tekst."}}}}
    folder = with_own_strategy(tmp_path, data, language="nb")
    status, output = validate(folder)
    assert status == 2, output
    yaml = folder / "prove.yaml"
    docgens = TEMPLATES / "content" / "nn" / "strategy.md"
    assert reported(
        output, yaml, line_of(yaml, "strategy.purpose.adopted"), "content.strategy.replace.strategy.purpose.adopted",
        f"there is no clause strategy.purpose.adopted in docgen's nn file {docgens}; did you mean strategy.purpose?",
    ), output


def test_content_choices_with_a_broken_clause_file_of_its_own_report_the_file_once(
    tmp_path: Path, minimal: dict[str, dict[str, Any]]
) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"replace": {"strategy.purpose.intro": "Egen tekst om {municipality}."}}}
    folder = write_municipality(tmp_path / "data", "prove", data)
    own_template(folder, "prove", "content/nb/strategy.md", "Tekst uten klausul-id.\n")
    status, output = validate(folder)
    assert status == 2, output
    assert output.count("strategy.md:1: text before the first clause id") == 1, output
    assert "Traceback" not in output
