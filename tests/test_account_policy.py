"""Account data against the policy: an account updated less often than the policy's
minimum, or answered on fewer days or shorter hours than the policy promises, is warned
about at its own line, naming the policy's line; the account register names every
administrator, or counts them when the register is public."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import write_municipality

from docgen.build import build
from docgen.cli import main


def validate(tmp_path: Path, data: dict[str, Any]) -> tuple[int, str, Path]:
    folder = write_municipality(tmp_path, "prove", data)
    result = CliRunner().invoke(main, ["validate", "--data", str(folder)])
    return result.exit_code, result.output, folder / "prove.yaml"


def line_of(path: Path, pattern: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    (found,) = [number for number, line in enumerate(lines, start=1) if re.search(pattern, line)]
    return found


def warnings(output: str) -> list[str]:
    """The warnings about accounts (not, say, the pages the minimal data does not link)."""
    return [line for line in output.splitlines() if line.startswith("warning: ") and ": accounts[" in line]


# Warnings ------------------------------------------------------------------------------------


def test_an_account_updated_less_often_than_the_policy_asks_is_warned_about(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"update_frequency": "weekly"}
    data["accounts"][0]["update_frequency"] = "monthly"
    code, output, path = validate(tmp_path, data)
    assert code == 0, output
    account_line = line_of(path, r"^\s+update_frequency: monthly")
    policy_line = line_of(path, r"^\s+update_frequency: weekly")
    (warning,) = warnings(output)
    assert re.search(
        rf"prove.yaml:{account_line}:\d+: accounts\[0\].update_frequency: the account is updated monthly, less often"
        rf" than the policy's minimum \(weekly\).*\(see policy.update_frequency on line {policy_line}\)$",
        warning,
    ), warning


@pytest.mark.parametrize("frequency", ["daily", "weekly", "Når det er nye opptak"])
def test_an_account_updated_as_often_as_asked_or_in_words_is_not_warned_about(tmp_path: Path, minimal, frequency) -> None:
    data = minimal["nb"]
    data["policy"] = {"update_frequency": "weekly"}
    data["accounts"][0]["update_frequency"] = frequency
    code, output, _ = validate(tmp_path, data)
    assert code == 0 and warnings(output) == [], output


def test_an_account_answered_on_weekdays_only_under_an_every_day_policy_is_warned_about(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"answer_days": "every-day"}
    data["accounts"][0]["answer_days"] = "weekdays"
    code, output, path = validate(tmp_path, data)
    (warning,) = warnings(output)
    account_line, policy_line = line_of(path, r"answer_days: weekdays"), line_of(path, r"answer_days: every-day")
    assert f"prove.yaml:{account_line}:" in warning and "accounts[0].answer_days: questions are answered on weekdays only" in warning
    assert warning.endswith(f"(see policy.answer_days on line {policy_line})"), warning


def test_answer_hours_shorter_than_the_policy_are_warned_about_at_each_end(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"answer_from": "08.00", "answer_to": "15.30"}
    data["accounts"][0].update(answer_from="09.00", answer_to="15.00")
    code, output, path = validate(tmp_path, data)
    found = warnings(output)
    assert len(found) == 2, output
    start, end = sorted(found, key=lambda w: "answer_to" in w)
    assert f":{line_of(path, 'answer_from: .09.00')}:" in start and "questions are answered from 09.00" in start
    assert start.endswith(f"(see policy.answer_from on line {line_of(path, 'answer_from: .08.00')})")
    assert f":{line_of(path, 'answer_to: .15.00')}:" in end and "questions are answered until 15.00" in end
    assert end.endswith(f"(see policy.answer_to on line {line_of(path, 'answer_to: .15.30')})")


def test_answer_hours_within_or_beyond_the_policy_are_not_warned_about(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"answer_from": "09.00", "answer_to": "15.00"}
    data["accounts"][0].update(answer_days="every-day", answer_from="08.00", answer_to="16.00")
    code, output, _ = validate(tmp_path, data)
    assert code == 0 and warnings(output) == [], output


# The account register ------------------------------------------------------------------------


def register(tmp_path: Path, data: dict[str, Any]) -> str:
    folder = write_municipality(tmp_path / "data", "prove", data)
    report = build(folder, tmp_path / "out", kinds=["account-register"], formats=["md"], workers=1)
    assert report.exit_code == 0, report.failures
    return (tmp_path / "out" / "prove" / "nb" / "kontoer-i-sosiale-medier.md").read_text(encoding="utf-8")


def test_the_register_names_every_administrator(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["accounts"][0]["administrators"].append({"name": "Per Hansen"})
    text = register(tmp_path, data)
    (row,) = [line for line in text.splitlines() if "facebook.com/provekommune" in line]
    assert "Kari Nordmann, Ola Nordmann og Per Hansen" in row


def test_a_public_register_gives_the_unit_and_the_number_of_administrators(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["policy"] = {"public_register": True}
    text = register(tmp_path, data)
    (row,) = [line for line in text.splitlines() if "facebook.com/provekommune" in line]
    assert "Kommunikasjonsavdelingen" in row and "2 administratorer" in row
    assert "Nordmann" not in text
