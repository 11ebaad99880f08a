"""Discoverable (issue 10 item 16): `docgen clauses KIND` lists every clause with its
condition, placeholders and first line, and the README documents every placeholder the
clause library uses."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from docgen import content
from docgen.cli import main
from docgen.content import PLACEHOLDER
from docgen.kinds import KINDS
from docgen.language import LANGUAGES
from docgen.paths import PROJECT
from docgen.shared import KIND as SHARED


def clauses_output(*args: str) -> str:
    result = CliRunner().invoke(main, ["clauses", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", [*KINDS, SHARED])
def test_every_clause_is_listed_with_its_placeholders(kind: str, language: str) -> None:
    output = clauses_output(kind, "--lang", language)
    headings = [line.split("  (")[0] for line in output.splitlines() if not line.startswith(" ")]
    library = content.clauses(language, kind)
    assert headings == [clause.id for clause in library]
    blocks = re.split(r"^(?=\S)", output, flags=re.MULTILINE)[1:]
    for clause, block in zip(library, blocks):
        for name in PLACEHOLDER.findall(clause.text):
            assert f"{{{name}}}" in block.splitlines()[1], (clause.id, name)


def test_a_clause_shows_its_condition_and_its_first_line() -> None:
    output = clauses_output("strategy", "--lang", "nn").splitlines()
    index = output.index("strategy.roles.administrators.rights  (when policy.administrator_rights=roles)")
    assert output[index + 1].startswith("    Administratortilgangen gir vi til ei rolle")
    index = output.index("strategy.summary.rules.administrators")
    assert output[index + 1] == "    placeholders: {min_admins_phrase}"
    assert output[index + 2] == "    > 1. Kvar konto har minst {min_admins_phrase}. Alle har si eiga pålogging."


def test_an_unknown_kind_is_a_usage_error_naming_the_kinds() -> None:
    result = CliRunner().invoke(main, ["clauses", "strategi"])
    assert result.exit_code == 2 and "'strategi' is not one of: strategy," in result.output


def test_the_readme_documents_every_placeholder_of_the_library() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    used = {
        name
        for language in LANGUAGES
        for kind in [*KINDS, SHARED]
        for clause in content.clauses(language, kind)
        for name in PLACEHOLDER.findall(clause.text)
    }
    missing = sorted(name for name in used if f"`{{{name}}}`" not in readme)
    assert not missing, f"README.md does not document {missing}"
