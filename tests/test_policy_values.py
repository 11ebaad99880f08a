"""Every policy value is printed where it matters (issue 10 item 15): changing any one
of them changes some document; a strategy without accounts says so instead of showing
an empty table; an account may post as needed (item 11) without being warned about and
without the strategy's rule on inactive accounts contradicting it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from built_texts import built_texts
from click.testing import CliRunner
from conftest import MINIMAL, write_municipality

from docgen import snapshot
from docgen.build import assemble, load_all, plan
from docgen.cli import main
from docgen.model import Policy
from test_policy_choices import SCENARIOS

# A value other than the default for every policy field.
OTHER_VALUES: dict[str, Any] = {
    "answer_from": "08.00",
    "answer_to": "16.00",
    "answer_days": "every-day",
    "response_time": "same-day",
    "update_frequency": "daily",
    "max_posts_per_week": 5,
    "inactive_months": 3,
    "comment_languages": ["norsk", "samisk"],
    "deletion_record": "vi tar et skjermbilde som arkiveres i saken",
    "min_administrators": 3,
    "max_administrators": 4,
    "administrator_rights": "roles",
    "consent_age_online": 15,
    "consent_age_photo": 16,
    "public_register": True,
    "privacy_url": "https://www.prove.kommune.no/personvern/",
    "house_rules_url": "https://www.prove.kommune.no/husregler/",
    # The choices in the text: the values the policy-choice tests choose.
    **{field: value for field, value in SCENARIOS["chosen"].items() if field not in ("response_time", "administrator_rights")},
}


def documents(tmp_path: Path, policy: dict[str, Any]) -> dict[str, str]:
    """Every document the minimal municipality builds with `policy`, as canonical JSON."""
    data = {**MINIMAL["nb"], "policy": policy}
    data["accounts"] = [{**data["accounts"][0], "administrators": [{"name": f"Person {i}"} for i in range(3)]}]
    entries, invalid = load_all(write_municipality(tmp_path, "prove", data))
    assert not invalid, [error.format_message() for error in invalid]
    return {job.output.stem + str(job.output.variant): snapshot.dumps(assemble(job)) for job in plan(entries, formats=["pdf", "html"])}


def test_every_policy_field_has_a_value_to_try() -> None:
    assert set(OTHER_VALUES) == set(Policy.model_fields)


@pytest.mark.parametrize("field", sorted(OTHER_VALUES))
def test_every_policy_value_changes_some_document(tmp_path: Path, field: str) -> None:
    before = documents(tmp_path / "before", {})
    after = documents(tmp_path / "after", {field: OTHER_VALUES[field]})
    assert before.keys() == after.keys()
    assert any(before[name] != after[name] for name in before), f"policy.{field} is printed in no document"


NO_ACCOUNTS = {
    "nb": "Kommunen har ennå ingen offisielle kontoer i sosiale medier.",
    "nn": "Kommunen har enno ingen offisielle kontoar i sosiale medium.",
    "sv": "Kommunen har ännu inga officiella konton i sociala medier.",
}
TABLE_INTRO = {"nb": "Tabellen viser", "nn": "Tabellen viser", "sv": "Tabellen visar"}


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_a_strategy_without_accounts_says_so(tmp_path: Path, minimal, language: str) -> None:
    data = minimal[language]
    data["accounts"] = []
    texts = built_texts(tmp_path, data, ("strategy",))
    assert len(texts) == 3
    for key, text in texts.items():
        assert NO_ACCOUNTS[language] in text and TABLE_INTRO[language] not in text, key


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_a_strategy_with_accounts_shows_the_table_and_not_the_sentence(tmp_path: Path, minimal, language: str) -> None:
    texts = built_texts(tmp_path, minimal[language], ("strategy",), ("html",))
    for key, text in texts.items():
        assert TABLE_INTRO[language] in text and NO_ACCOUNTS[language] not in text, key


MAX_POSTS = {
    "nb": "Vi legger ikke ut mer enn fem innlegg på én konto i løpet av en uke.",
    "nn": "Vi legg ikkje ut meir enn fem innlegg på éin konto i løpet av ei veke.",
    "sv": "Vi publicerar högst fem inlägg per konto och vecka.",
}
INACTIVE = {
    "nb": "En konto som ikke har hatt et nytt innlegg på tre måneder",
    "nn": "Ein konto som ikkje har hatt eit nytt innlegg på tre månader",
    "sv": "Har ett konto inte haft något nytt inlägg på tre månader",
}


# «innlegg» and «inlägg» are neuter: one is «ett», not the «én» / «éin» / «en» of counting.
ONE_POST = {
    "nb": "Vi legger ikke ut mer enn ett innlegg på én konto i løpet av en uke.",
    "nn": "Vi legg ikkje ut meir enn eitt innlegg på éin konto i løpet av ei veke.",
    "sv": "Vi publicerar högst ett inlägg per konto och vecka.",
}


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_the_weekly_maximum_and_the_inactive_period_are_stated(tmp_path: Path, minimal, language: str) -> None:
    data = minimal[language]
    data["policy"] = {"max_posts_per_week": 5, "inactive_months": 3}
    for key, text in built_texts(tmp_path / "five", data, ("strategy",)).items():
        assert MAX_POSTS[language] in text and INACTIVE[language] in text, key
    data["policy"]["max_posts_per_week"] = 1
    for key, text in built_texts(tmp_path / "one", data, ("strategy",)).items():
        assert ONE_POST[language] in text, key


AS_NEEDED = {
    "nb": "Når vi har noe nytt å fortelle",
    "nn": "Når vi har noko nytt å fortelje",
    "sv": "När vi har något nytt att berätta",
}


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_an_account_that_posts_as_needed_says_so_on_its_form(tmp_path: Path, minimal, language: str) -> None:
    data = minimal[language]
    data["accounts"][0]["update_frequency"] = "as-needed"
    texts = built_texts(tmp_path, data, ("activity-plan",), ("pdf", "docx"))
    forms = {key: text for key, text in texts.items() if key[1] != "blank"}
    assert len(forms) == 2
    for key, text in forms.items():
        assert AS_NEEDED[language] in text and "as-needed" not in text, key


def test_an_account_that_posts_as_needed_is_not_warned_about_nor_its_plan(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"update_frequency": "daily"}
    data["accounts"][0].update(update_frequency="as-needed", start_date="2026-01-01")
    data["publishing_plan"] = {
        "period": {"from": "2026-03-02", "to": "2026-03-29"},
        "owner": "kommunikasjonssjefen",
        "presented_to": "ledergruppen",
        "posts": [
            {"account": "facebook-prove-kommune", "date": "2026-03-04", "time": "09.00", "content_type": "news",
             "goal": "Nytt", "responsible": "Kommunikasjonsavdelingen"}
        ],
    }
    folder = write_municipality(tmp_path, "prove", data)
    result = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    assert "update_frequency" not in result.output, result.output
