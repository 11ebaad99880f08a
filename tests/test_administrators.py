"""policy.min_administrators as one number or by account kind, and
policy.max_administrators: the strategy, the activity-plan forms and validation follow
them, with the noun agreeing with the number."""

from __future__ import annotations

from pathlib import Path

import pytest
from built_texts import built_texts, validate

BY_KIND = {"main": 1, "default": 2}
# The rule for every kind, as the strategy and the blank form state it.
RULE_BY_KIND = {
    "nb": "minst to administratorer (hovedkontoer minst én)",
    "nn": "minst to administratorar (hovudkontoar minst éin)",
    "sv": "minst två administratörer (huvudkonton minst en)",
}
# What the form of a main account asks for.
ONE = {"nb": "minst én administrator.", "nn": "minst éin administrator.", "sv": "minst en administratör."}
MAXIMUM = {
    "nb": "Ingen konto skal ha flere enn fire administratorer",
    "nn": "Ingen konto skal ha fleire enn fire administratorar",
    "sv": "Inget konto ska ha fler än fyra administratörer",
}


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_minimums_by_kind_and_a_maximum_are_stated_in_the_strategy(tmp_path: Path, minimal, language: str) -> None:
    data = minimal[language]
    data["policy"] = {"min_administrators": BY_KIND, "max_administrators": 4}
    data["accounts"][0]["administrators"] = data["accounts"][0]["administrators"][:1]  # a main account: one is enough
    texts = built_texts(tmp_path, data, ("strategy",))
    assert {fmt for _, _, fmt in texts} == {"pdf", "docx", "html"}
    for key, text in texts.items():
        assert RULE_BY_KIND[language] in text, key
        assert MAXIMUM[language] in text, key


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_one_number_is_stated_without_kinds_and_no_maximum_says_nothing(tmp_path: Path, minimal, language: str) -> None:
    data = minimal[language]
    data["policy"] = {"min_administrators": 2}
    for key, text in built_texts(tmp_path, data, ("strategy",)).items():
        assert RULE_BY_KIND[language].split(" (")[0] in text, key
        assert RULE_BY_KIND[language] not in text and MAXIMUM[language][:15] not in text, key


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_each_form_asks_for_its_own_kinds_minimum_and_the_blank_form_for_the_rule(
    tmp_path: Path, minimal, language: str
) -> None:
    data = minimal[language]
    data["policy"] = {"min_administrators": BY_KIND}
    data["accounts"][0]["administrators"] = data["accounts"][0]["administrators"][:1]
    texts = built_texts(tmp_path, data, ("activity-plan",), ("pdf", "docx"))
    account = data["accounts"][0]
    for (_, which, fmt), text in texts.items():
        if which == "blank":
            assert RULE_BY_KIND[language] in text, fmt
        else:
            assert ONE[language] in text and account["administrators"][0]["name"] in text, fmt
            assert RULE_BY_KIND[language] not in text, fmt


def test_an_account_is_held_against_its_own_kinds_minimum(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"min_administrators": {"main": 1, "default": 3}}
    main_account = data["accounts"][0]
    unit_account = {**main_account, "kind": "unit", "name": "Biblioteket", "url": "https://www.facebook.com/bibl"}
    data["accounts"] = [{**main_account, "administrators": main_account["administrators"][:1]}, unit_account]
    code, output = validate(tmp_path, data)
    assert code == 2
    errors = [line for line in output.splitlines() if ": accounts[" in line]
    assert len(errors) == 1 and errors[0].endswith(
        "accounts[1].administrators: every unit account needs at least 3 administrators; this one has 2"
    ), output


def test_more_administrators_than_the_maximum_is_an_error(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"max_administrators": 2}
    data["accounts"][0]["administrators"].append({"name": "Per Hansen"})
    code, output = validate(tmp_path, data)
    assert code == 2
    assert "accounts[0].administrators: an account may have at most 2 administrators (policy.max_administrators);" \
        " this one has 3" in output, output


def test_a_maximum_below_a_minimum_is_an_error(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"min_administrators": {"campaign": 3}, "max_administrators": 2}
    code, output = validate(tmp_path, data)
    assert code == 2 and "policy.max_administrators: the maximum (2) is below the minimum of 3" in output, output


def test_an_unknown_account_kind_lists_the_kinds(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"min_administrators": {"mian": 1}}
    code, output = validate(tmp_path, data)
    assert code == 2
    assert "policy.min_administrators.mian: must be one of: 'main', 'unit', 'closed-group', 'internal-group'," \
        " 'campaign' or 'default'" in output, output
