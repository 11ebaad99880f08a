"""Overrides that behave (issue 10 item 18, the validation side) and the choice of who
holds administrator rights (item 17): one rule of the strategy's summary is replaced on
its own and stays in the one numbered list; a value for a placeholder that does not
exist is an error listing those that do; an omit or replace aimed at a clause the data
does not choose is warned about; suggested clause ids are ones that work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from built_texts import built_texts, validate

RULE = {
    "nb": "> 1. I en krise er det {crisis_lead} som bestemmer alt vi sier, også på de andre kontoene.",
    "nn": "> 1. I ei krise er det {crisis_lead} som avgjer alt vi seier, også på dei andre kontoane.",
    "sv": "> 1. I en kris är det {crisis_lead} som bestämmer allt vi säger, även på de andra kontona.",
}
OLD_RULE = {
    "nb": "som bestemmer hva vi sier",
    "nn": "som avgjer kva vi seier",
    "sv": "som bestämmer vad vi säger",
}
FIRST_RULE = {"nb": "Nettsiden er hovedkanalen vår.", "nn": "Nettsida er hovudkanalen vår.", "sv": "Webbplatsen är vår viktigaste kanal."}


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_one_rule_of_the_summary_is_replaced_on_its_own(tmp_path: Path, minimal, language: str) -> None:
    data = minimal[language]
    data["content"] = {"strategy": {"replace": {"strategy.summary.rules.crisis": RULE[language]}}}
    texts = built_texts(tmp_path, data, ("strategy",))
    assert len(texts) == 3
    new_rule = RULE[language].removeprefix("> 1. ").replace("{crisis_lead}", "kriseledelsen")
    for key, text in texts.items():
        assert new_rule in text and OLD_RULE[language] not in text and FIRST_RULE[language] in text, key
    html = (tmp_path / "out" / "prove" / language).glob("*.html")
    page = next(path for path in html if "snapshot" not in path.name).read_text(encoding="utf-8")
    (summary_list,) = re.findall(r"<aside class=\"note\">.*?</aside>", page, re.S)[:1]
    assert summary_list.count("<ol") == 1 and summary_list.count("<li") == 8, summary_list


RIGHTS = {
    "nb": "Administratortilgangen gir vi til en rolle eller en enhet, ikke til en navngitt person.",
    "nn": "Administratortilgangen gir vi til ei rolle eller ei eining, ikkje til ein namngitt person.",
    "sv": "Administratörsbehörigheten ger vi till en roll eller en enhet, inte till en namngiven person.",
}


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
@pytest.mark.parametrize("rights", ["roles", "people"])
def test_administrator_rights_held_by_roles_are_stated_only_when_chosen(
    tmp_path: Path, minimal, language: str, rights: str
) -> None:
    data = minimal[language]
    data["policy"] = {"administrator_rights": rights}
    for key, text in built_texts(tmp_path, data, ("strategy",)).items():
        assert (RIGHTS[language] in text) == (rights == "roles"), key


def test_a_value_for_an_unknown_placeholder_is_an_error_listing_the_placeholders(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"values": {"crisis_leader": "beredskapsleiaren", "crisis_lead": "beredskapsledelsen"}}}
    code, output = validate(tmp_path, data)
    assert code == 2
    (error,) = [line for line in output.splitlines() if "content.strategy.values" in line]
    assert re.search(r"prove.yaml:\d+:\d+: content.strategy.values.crisis_leader: there is no placeholder"
                     r" \{crisis_leader\}; the strategy texts have: .*\bcrisis_lead\b.*\bmunicipality\b", error), error
    assert "accounts_table" not in error  # a block placeholder is the document's own


def test_a_value_for_a_known_placeholder_is_accepted(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"values": {"crisis_lead": "beredskapsledelsen"}}}
    code, output = validate(tmp_path, data)
    assert code == 0, output


def test_replacing_a_clause_the_data_does_not_choose_is_warned_about(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"administrator_rights": "people"}
    data["content"] = {"strategy": {"replace": {"strategy.roles.administrators.rights": "Egen tekst."}}}
    code, output = validate(tmp_path, data)
    assert code == 0, output
    assert re.search(r"warning: .*prove.yaml:\d+:\d+: content.strategy.replace.strategy.roles.administrators.rights:"
                     r" strategy.roles.administrators.rights is used only when policy.administrator_rights=roles,"
                     r" which this file does not choose", output), output


def test_a_clause_added_before_a_misspelt_section_gets_the_section_suggested(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"add": [{"before": "strategy.crisiss", "id": "strategy.local.x", "text": "Tekst."}]}}
    code, output = validate(tmp_path, data)
    assert code == 2
    assert "content.strategy.add[0].before: there is no clause strategy.crisiss; did you mean strategy.crisis?" in output, output
