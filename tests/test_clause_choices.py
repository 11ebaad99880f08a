"""Choosing clauses: conditions on the data, omitting a whole section, adding before or
after a clause, and lists whose items are clauses of their own (docgen/content.py,
docgen/conditions.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import write_municipality
from docgen import content
from docgen.conditions import Condition, allowed
from docgen.document import Document, ListBlock, Paragraph, Section, Text
from docgen.errors import ContentError, DataError
from docgen.kinds import KINDS
from docgen.load import load
from docgen.model import ContentChoices, Municipality
from docgen.paths import TEMPLATES

LANGUAGES = ("nb", "nn", "sv")


def _entry(folder: Path, data: dict[str, Any], slug: str = "prove"):
    return load(write_municipality(folder, slug, data) / f"{slug}.yaml")


def _document(entry, kind: str, language: str) -> Document:
    output = KINDS[kind].outputs(entry, language)[0]
    return KINDS[kind].document(entry.in_language(language), language, output)


def _texts(blocks) -> str:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, Text):
            found.append(node.text)
        elif isinstance(node, (tuple, list)):
            for child in node:
                walk(child)
        elif hasattr(node, "__dataclass_fields__"):
            for name in node.__dataclass_fields__:
                walk(getattr(node, name))

    walk(blocks)
    return " ".join(found)


def _lists(section: Section) -> list[ListBlock]:
    return [block for block in section.blocks if isinstance(block, ListBlock)]


# Conditions ---------------------------------------------------------------------------


def _library(root: Path, text: str) -> tuple[content.ClauseSource, ...]:
    (root / "content" / "nb").mkdir(parents=True)
    (root / "content" / "nb" / "test.md").write_text(text, encoding="utf-8")
    return content.clauses("nb", "test", root)


def test_a_clause_with_a_condition_is_used_only_when_the_data_makes_that_choice(tmp_path: Path, minimal) -> None:
    defaults = _library(
        tmp_path / "templates",
        "<!-- test.hours -->\nVi svarer på hverdager.\n\n"
        "<!-- test.hours.every-day when policy.answer_days=every-day -->\nVi svarer også i helgene.\n",
    )
    assert defaults[1].condition == Condition(("policy", "answer_days"), "every-day")
    weekdays = Municipality.model_validate(minimal["nb"])
    minimal["nb"]["policy"] = {"answer_days": "every-day"}
    every_day = Municipality.model_validate(minimal["nb"])

    def chosen(data: Municipality) -> list[str]:
        return [clause.id for clause in content.choose(defaults, ContentChoices(), tmp_path, data)]

    assert chosen(weekdays) == ["test.hours"]
    assert chosen(every_day) == ["test.hours", "test.hours.every-day"]


def test_a_condition_without_a_value_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"test\.md:3: a clause condition is written field=value"):
        _library(tmp_path / "templates", "<!-- test.a -->\nTekst.\n<!-- test.b when policy.answer_days -->\nMer.\n")


def test_the_values_a_condition_may_name_come_from_the_model() -> None:
    assert allowed(Municipality, ("policy", "answer_days")) == ("weekdays", "every-day")
    assert allowed(Municipality, ("policy", "public_register")) == ("true", "false")
    with pytest.raises(ContentError, match="does not have"):
        allowed(Municipality, ("policy", "no_such_field"))
    with pytest.raises(ContentError, match="not a choice"):
        allowed(Municipality, ("policy", "answer_from"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_condition_in_the_library_names_a_choice_and_one_of_its_values(language: str) -> None:
    for path in sorted((TEMPLATES / "content" / language).glob("*.md")):
        for clause in content.clauses(language, path.stem):
            if clause.condition:
                values = allowed(Municipality, clause.condition.path)
                assert clause.condition.value in values, (
                    f"{clause.path}:{clause.line - 1}: {clause.condition} names none of {values}"
                )


# Omitting a section, adding before a clause ----------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_omitting_a_section_id_omits_the_whole_section(tmp_path: Path, minimal, language: str) -> None:
    whole = _document(_entry(tmp_path / "whole", minimal[language]), "strategy", language)
    minimal[language]["content"] = {"strategy": {"omit": ["strategy.crisis"]}}
    without = _document(_entry(tmp_path / "without", minimal[language]), "strategy", language)

    crisis = [section for section in whole.sections if section.id == "strategy.crisis"]
    assert crisis and crisis[0].blocks, "the strategy has a crisis section with text"
    assert [s.id for s in without.sections] == [s.id for s in whole.sections if s.id != "strategy.crisis"]
    # Nothing of the crisis text has moved into the section before it.
    for section in without.sections:
        assert section == next(s for s in whole.sections if s.id == section.id)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_clause_added_before_a_section_ends_the_section_above(tmp_path: Path, minimal, language: str) -> None:
    minimal[language]["content"] = {
        "strategy": {"add": [{"before": "strategy.crisis", "id": "strategy.local.beredskap", "text": "Egen tekst."}]}
    }
    document = _document(_entry(tmp_path, minimal[language]), "strategy", language)
    ids = [section.id for section in document.sections]
    above = document.sections[ids.index("strategy.crisis") - 1]
    assert above.blocks[-1] == Paragraph((Text("Egen tekst."),))


def test_an_added_clause_needs_exactly_one_anchor(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["content"] = {
        "strategy": {"add": [{"after": "strategy.crisis", "before": "strategy.crisis", "id": "strategy.x", "text": "X"}]}
    }
    with pytest.raises(DataError) as raised:
        _entry(tmp_path, data)
    message = raised.value.format_message()
    assert "prove.yaml:" in message and "give either after or before" in message


# Lists whose items are clauses ---------------------------------------------------------


def test_consecutive_list_clauses_make_one_list_numbered_on(tmp_path: Path, minimal) -> None:
    defaults = _library(
        tmp_path / "templates",
        "<!-- test -->\n# Regler\n\n<!-- test.rules.one -->\n1. Først\n\n<!-- test.rules.two -->\n2. Så\n\n"
        "<!-- test.after -->\nEt avsnitt.\n\n<!-- test.other -->\n- Punkt\n",
    )
    data = Municipality.model_validate(minimal["nb"])
    chosen = content.choose(defaults, ContentChoices(replace={"test.rules.two": "2. Deretter"}), tmp_path, data)
    (section,) = content.sections(chosen, {})
    ordered, bullets = _lists(section)
    assert ordered.ordered and ordered.start == 1 and _texts(ordered.items) == "Først Deretter"
    assert not bullets.ordered and _texts(bullets.items) == "Punkt"  # a paragraph between: two lists


@pytest.mark.parametrize("language", LANGUAGES)
def test_content_shared_tailors_a_shared_list_in_every_kind_that_has_it(tmp_path: Path, minimal, language) -> None:
    item = {"nb": "- er reklame for politiske partier", "nn": "- er reklame for politiske parti",
            "sv": "- är reklam för politiska partier"}[language]
    minimal[language]["content"] = {
        "shared": {"add": [{"after": "shared.removal-list.off-topic", "id": "shared.removal-list.party-ads", "text": item}]}
    }
    entry = _entry(tmp_path, minimal[language])
    for kind in ("strategy", "house-rules"):
        document = _document(entry, kind, language)
        lists = [block for section in document.sections for block in _lists(section) if item[2:] in _texts(block)]
        assert lists, f"the {kind} lists what we remove, with the item added"
        assert all(_texts(block.items[-1]) == item[2:] for block in lists), "the added item ends the same list"
        assert all(len(block.items) > 1 for block in lists)
