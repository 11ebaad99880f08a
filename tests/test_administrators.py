"""policy.min_administrators as one number or by account kind, and
policy.max_administrators: the strategy, the activity-plan forms and validation follow
them, with the noun agreeing with the number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from built_texts import built_texts, validate

BY_KIND = {"main": 1, "default": 2}
# The rule for every kind, as the strategy and the blank form state it.
RULE_BY_KIND = {
    "nb": "minst to administratorer, men hovedkontoer minst én",
    "nn": "minst to administratorar, men hovudkontoar minst éin",
    "sv": "minst två administratörer, men huvudkonton minst en",
}
# The sentence after the rule holds for an account with one administrator as for one with more.
FROM_UNIT = {
    "nb": "Minst én administrator på hver konto skal være fra",
    "nn": "Minst éin administrator på kvar konto skal vere frå",
    "sv": "Minst en administratör på varje konto ska komma från",
}
# What read badly after a rule that lets an account have one administrator.
AWKWARD = re.compile(r"\((hovedkontoer|hovudkontoar|huvudkonton) minst|\b(Én av dem|Éin av dei|En av dem)\b"
                     r"|hver for seg|kvar for seg|var för sig")
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
        assert FROM_UNIT[language] in text and not AWKWARD.search(text), key


# The plain-number rule in the strategy's summary and in its section on roles.
PLAIN = {
    ("nb", 2): ("Hver konto har minst to administratorer.", "Hver konto skal ha minst to administratorer."),
    ("nn", 2): ("Kvar konto har minst to administratorar.", "Kvar konto skal ha minst to administratorar."),
    ("sv", 2): ("Varje konto har minst två administratörer.", "Varje konto ska ha minst två administratörer."),
    ("nb", 1): ("Hver konto har minst én administrator.", "Hver konto skal ha minst én administrator."),
    ("nn", 1): ("Kvar konto har minst éin administrator.", "Kvar konto skal ha minst éin administrator."),
    ("sv", 1): ("Varje konto har minst en administratör.", "Varje konto ska ha minst en administratör."),
}


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_one_number_is_stated_without_kinds_and_no_maximum_says_nothing(
    tmp_path: Path, minimal, language: str, count: int
) -> None:
    data = minimal[language]
    data["policy"] = {"min_administrators": count}
    data["accounts"][0]["administrators"] = data["accounts"][0]["administrators"][:count]
    for key, text in built_texts(tmp_path, data, ("strategy",)).items():
        for sentence in PLAIN[language, count]:
            assert sentence in text, (key, sentence)
        assert FROM_UNIT[language] in text and not AWKWARD.search(text), key
        assert RULE_BY_KIND[language].split(",")[1] not in text and MAXIMUM[language][:15] not in text, key


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
