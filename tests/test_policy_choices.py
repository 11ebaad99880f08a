"""Policy choices as data (issue 10, items 4-9 and 17): each choice under `policy:` picks
clause variants in the library (`<!-- id when policy.x=value -->`). Built in nb, nn and
sv, the strategy's PDF, DOCX and HTML (and the activity plan's PDF and DOCX) say the
chosen variant and not the others; the shared list of what we remove says the same in
the house rules. The lists tailorable
item by item (what a unit answers for, what an account shows) are one list whose items
can be omitted one by one."""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, write_municipality
from test_strategy import read_text

from docgen import content, shared
from docgen import language as lang
from docgen.build import build
from docgen.conditions import Condition
from docgen.context import placeholders
from docgen.document import ListBlock, Note, Paragraph, plain
from docgen.kinds import KINDS
from docgen.load import Entry, load
from docgen.model import Municipality

LANGUAGES = ("nb", "nn", "sv")

# Three municipalities between them make every value of every policy choice once.
SCENARIOS: dict[str, dict[str, Any]] = {
    "chosen": {
        "new_accounts": "notification",
        "new_accounts_reason": True,
        "photo_credit": "where-required",
        "crowd_photos": True,
        "absence": "closed",
        "holiday_answers": True,
        "removal_scope": "extraordinary-only",
        "only_administrators_post": True,
        "neutrality": True,
        "political_line": True,
        "always_represent": True,
        "open_about_employment": True,
        "hand_over_questions": True,
        "tone_personal": True,
        "response_time": "as-soon-as-possible",
        "administrator_rights": "roles",
    },
    "alternatives": {"absence": "stand-in", "holiday_answers": False},
    "defaults": {},
}
# The kinds whose clauses a choice picks, or that say a shared list, and the formats each
# is checked in.
FORMATS = {"strategy": ("pdf", "docx", "html"), "house-rules": ("html",), "activity-plan": ("pdf", "docx")}
CHOOSING = ("strategy", "activity-plan", "house-rules", shared.KIND)
SAYS_WHAT_WE_REMOVE = ("strategy", "house-rules")


def _data(scenario: str, language: str) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL[language])
    data["policy"] = SCENARIOS[scenario]
    return data


@cache
def _built(scenario: str, language: str, folder: Path) -> dict[str, dict[str, str]]:
    """The text a reader sees in each checked kind and format of one municipality."""
    slug = f"{scenario}-{language}"
    write_municipality(folder / "data", slug, _data(scenario, language))
    report = build(
        folder / "data", folder / "out", [slug], kinds=list(FORMATS),
        formats=sorted({f for formats in FORMATS.values() for f in formats}), workers=1,
    )
    assert report.exit_code == 0, report.failures + [e.format_message() for e in report.invalid]
    texts: dict[str, dict[str, str]] = {kind: {} for kind in FORMATS}
    for target in report.written:
        if target.kind in FORMATS and target.format in FORMATS[target.kind]:
            texts[target.kind][target.format] = read_text(folder / "out" / target.path)
    return texts


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("choices")


def _conditional(language: str) -> list[tuple[str, content.ClauseSource]]:
    """Every clause that a policy choice picks."""
    return [
        (kind, clause)
        for kind in CHOOSING
        for clause in content.clauses(language, kind)
        if clause.condition and clause.condition.path[0] == "policy"
    ]


def _sentences(text: str) -> list[str]:
    """The sentences (and list items) of a clause that carry no link or markup."""
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.MULTILINE)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if p.strip() and not re.search(r"[\[\]*<>]", p)]


def _mark(clause: content.ClauseSource, language: str, context: content.Context) -> str:
    """A sentence of `clause` that no other clause of the library says, placeholders
    filled: finding it in a document means this clause, and no other variant, was chosen."""
    others = " ".join(
        " ".join(c.text.split())
        for kind in CHOOSING
        for c in content.clauses(language, kind)
        if c.id != clause.id
    )
    own = [s for s in _sentences(clause.text) if s not in others]
    assert own, f"{clause.id} ({language}) has no sentence of its own to find it by"
    return content.PLACEHOLDER.sub(lambda m: str(context[m.group(1)]), max(own, key=len))


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_choice_prints_its_variant_and_no_other(folder: Path, scenario: str, language: str) -> None:
    texts = _built(scenario, language, folder)
    municipality = Municipality.model_validate(_data(scenario, language))
    context = placeholders(municipality, language, "strategy")
    for kind, clause in _conditional(language):
        chosen = clause.condition is not None and clause.condition.holds(municipality)
        mark = _mark(clause, language, context)
        for said_in in SAYS_WHAT_WE_REMOVE if kind == shared.KIND else (kind,):
            for fmt in FORMATS[said_in]:
                found = mark in texts[said_in][fmt]
                assert found == chosen, (
                    f"{scenario}/{language} {said_in}.{fmt}: {clause.id} ({clause.condition}) "
                    f"{'is missing' if chosen else 'is printed although not chosen'}: {mark!r}"
                )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_scenarios_make_every_value_of_every_choice(language: str) -> None:
    """So the test above sees each variant both chosen and not chosen."""
    conditions = {clause.condition for _, clause in _conditional(language) if clause.condition}
    holding: dict[Condition, set[bool]] = {condition: set() for condition in conditions}
    for scenario in SCENARIOS:
        municipality = Municipality.model_validate(_data(scenario, language))
        for condition in conditions:
            holding[condition].add(condition.holds(municipality))
    assert all(seen == {True, False} for seen in holding.values()), sorted(
        str(condition) for condition, seen in holding.items() if seen != {True, False}
    )
    paths = {condition.path for condition in conditions}
    assert len(paths) >= 14, "every choice of issue 10 items 4-9 and 17 has its variants"


CHOSEN_IN_EVERY_PLACE = {
    # Each choice, the clauses that must have a variant for each of its values, and
    # whether every clause there depends on it (True: no wording holds whatever it is).
    "new_accounts": {
        "strategy.summary.rules.approved-accounts": True,
        "strategy.appendices.activity-plan": True,
        "strategy.roles.approval": False,
    },
    "holiday_answers": {"strategy.roles.holiday-answers": True, "house-rules.enquiries.hours": False},
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("choice", CHOSEN_IN_EVERY_PLACE)
def test_a_choice_has_a_variant_for_each_value_wherever_it_is_said(language: str, choice: str) -> None:
    """No place keeps speaking of one value (approval, say) when the data chose another."""
    for place, all_depend in CHOSEN_IN_EVERY_PLACE[choice].items():
        within = [c for c in content.clauses(language, place.split(".")[0]) if c.within(place)]
        depending = [c for c in within if c.condition and c.condition.path == ("policy", choice)]
        values = {c.condition.value for c in depending if c.condition}
        assert len(values) >= 2, f"{language}: {place} has variants for {values} only"
        if all_depend:
            assert depending == within, f"{language}: a clause of {place} holds whatever {choice} is"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("new_accounts", ["approval", "notification"])
def test_the_summary_stays_one_numbered_list_whichever_rule_is_chosen(tmp_path: Path, language: str, new_accounts: str) -> None:
    data = copy.deepcopy(MINIMAL[language])
    data["policy"] = {"new_accounts": new_accounts}
    entry = load(write_municipality(tmp_path, "prove", data) / "prove.yaml").in_language(language)
    document = KINDS["strategy"].document(entry, language, KINDS["strategy"].outputs(entry, language)[0])
    rules = [c for c in content.clauses(language, "strategy") if c.id.startswith("strategy.summary.rules.")]
    expected = sum(1 for c in rules if not c.condition or c.condition.holds(entry.municipality))
    numbered = [
        b for block in document.blocks() if isinstance(block, Note) for b in block.blocks if isinstance(b, ListBlock) and b.ordered
    ]
    assert [len(b.items) for b in numbered] == [expected], f"{language}: the summary's rules are not one list of {expected}"


# Lists tailorable item by item -----------------------------------------------------------


def _entry(tmp_path: Path, language: str, content_choices: dict[str, Any]) -> Entry:
    data = copy.deepcopy(MINIMAL[language])
    data["content"] = content_choices
    return load(write_municipality(tmp_path, "prove", data) / "prove.yaml").in_language(language)


def _lists(entry: Entry, language: str) -> list[list[str]]:
    document = KINDS["strategy"].document(entry, language, KINDS["strategy"].outputs(entry, language)[0])
    return [
        [" ".join(plain(b.content) for b in item if isinstance(b, Paragraph)) for item in block.items]
        for block in document.blocks()
        if isinstance(block, ListBlock)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "list_id",
    ["strategy.roles.unit", "strategy.channels.account-shows", "strategy.archiving.journal", "strategy.archiving.not-journal"],
)
def test_a_default_list_is_one_list_and_loses_one_item_when_told(tmp_path: Path, language: str, list_id: str) -> None:
    whole = _entry(tmp_path / "whole", language, {})
    context = placeholders(whole.municipality, language, "strategy")
    items = [c for c in content.clauses(language, "strategy") if c.id.startswith(list_id + ".")]
    expected = [content.text_of(c, context).removeprefix("- ") for c in items]
    assert len(expected) >= 3 and expected in _lists(whole, language), f"{list_id} is not one list of its items"
    dropped = items[1].id
    fewer = _entry(tmp_path / "fewer", language, {"strategy": {"omit": [dropped]}})
    assert [expected[0], *expected[2:]] in _lists(fewer, language), f"omitting {dropped} drops that item only"
    gone = _entry(tmp_path / "gone", language, {"strategy": {"omit": [list_id]}})
    assert not any(set(found) & set(expected) for found in _lists(gone, language)), f"omitting {list_id} drops the list"
