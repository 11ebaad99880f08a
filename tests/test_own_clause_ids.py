"""`content:` in a municipality that has its own clause file is checked against that file,
the one its documents are built from: an id only its file has can be omitted, replaced
or added after (and the build does it), an id its file removed is an error at the data
file's line naming the file, and so is an id one of its languages' files lacks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import write_municipality
from test_languages import line_of, two_languages
from test_template_path import build, own_template, validate, written

from docgen.paths import TEMPLATES

# The municipality's strategy says who adopted it and whom it binds, and keeps what
# docgen's says it builds on under another id: strategy.purpose.basis is gone.
ADOPTED = "Strategien er vedtatt av kommunestyret i Prøve."
ELECTED = "Strategien gjelder også for de folkevalgte."
LIBRARY_BASIS = "<!-- strategy.purpose.basis -->\n"
OWN_CLAUSES = (
    f"<!-- strategy.purpose.adopted -->\n{ADOPTED}\n\n<!-- strategy.purpose.elected -->\n{ELECTED}\n\n"
    "<!-- strategy.purpose.grounds -->\n"
)


def with_own_strategy(tmp_path: Path, data: dict[str, Any], language: str = "nb") -> Path:
    """The data folder, with the municipality's own strategy clause file in `language`:
    docgen's, with strategy.purpose.adopted and .elected where strategy.purpose.basis was."""
    folder = write_municipality(tmp_path / "data", "prove", data)
    library = (TEMPLATES / "content" / language / "strategy.md").read_text(encoding="utf-8")
    assert library.count(LIBRARY_BASIS) == 1
    own_template(folder, "prove", f"content/{language}/strategy.md", library.replace(LIBRARY_BASIS, OWN_CLAUSES))
    return folder


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
    result = validate(folder)
    output = result.output
    assert result.exit_code == 0, output
    assert "there is no clause" not in output
    build(folder, tmp_path / "out", "md")
    text = " ".join(written(tmp_path / "out", "prove", ".md").split())
    assert ELECTED in text  # the strategy was built from the municipality's file
    if expected:
        assert expected in text, text
    if absent:
        assert absent not in text, text


def refused(tmp_path: Path, data: dict[str, Any], language: str = "nb") -> tuple[Path, str]:
    """The data folder with its own strategy clause file in `language`, and what
    `docgen validate` printed on refusing it."""
    folder = with_own_strategy(tmp_path, data, language)
    result = validate(folder)
    assert result.exit_code == 2, result.output
    return folder, result.output


def reported(output: str, yaml: Path, clause_id: str, field: str, message: str) -> bool:
    """`docgen validate` printed `message` about `field` at the line of the data file
    that names `clause_id`."""
    where = f"{re.escape(str(yaml))}:{line_of(yaml, re.escape(clause_id))}"
    return re.search(rf"^{where}:\d+: {re.escape(field)}: {re.escape(message)}$", output, re.M) is not None


def test_an_id_the_municipalitys_clause_file_removed_is_an_error_at_its_line(
    tmp_path: Path, minimal: dict[str, dict[str, Any]]
) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"omit": ["strategy.purpose.why"], "replace": {"strategy.purpose.basis": "Ny tekst."}}}
    folder, output = refused(tmp_path, data)
    yaml, own = folder / "prove.yaml", folder / "prove" / "templates" / "content" / "nb" / "strategy.md"
    assert reported(
        output, yaml, "strategy.purpose.basis", "content.strategy.replace.strategy.purpose.basis",
        f"there is no clause strategy.purpose.basis in your file {own}; did you mean strategy.purpose?",
    ), output
    # An id neither file has gets the closest id in the municipality's file.
    assert reported(
        output, yaml, "strategy.purpose.why", "content.strategy.omit[0]",
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
    folder, output = refused(tmp_path, data, language="nb")
    docgens = TEMPLATES / "content" / "nn" / "strategy.md"
    assert reported(
        output, folder / "prove.yaml", "strategy.purpose.adopted", "content.strategy.replace.strategy.purpose.adopted",
        f"there is no clause strategy.purpose.adopted in docgen's nn file {docgens}; did you mean strategy.purpose?",
    ), output


def test_content_choices_with_a_broken_clause_file_of_its_own_report_the_file_once(
    tmp_path: Path, minimal: dict[str, dict[str, Any]]
) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"replace": {"strategy.purpose.intro": "Egen tekst om {municipality}."}}}
    folder = write_municipality(tmp_path / "data", "prove", data)
    own_template(folder, "prove", "content/nb/strategy.md", "Tekst uten klausul-id.\n")
    result = validate(folder)
    output = result.output
    assert result.exit_code == 2, output
    assert output.count("strategy.md:1: text before the first clause id") == 1, output
    assert "Traceback" not in output
