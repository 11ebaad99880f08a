"""An account's schedule held against the policy: how often it is updated and when its
questions are answered. The activity plan prints the schedule; the rules warn where it
falls short of what the policy promises the public."""

from __future__ import annotations

from typing import NamedTuple

from docgen.model import FREQUENCIES, Account, Policy


class Hours(NamedTuple):
    days: str  # weekdays or every-day
    start: str  # HH.MM or HH:MM
    end: str


def minutes(clock: str) -> int:
    hours, rest = clock.replace(":", ".").split(".")
    return int(hours) * 60 + int(rest)


def answer_hours(account: Account, policy: Policy) -> Hours | None:
    """When the account's questions are answered, where its data says so; what it leaves
    out is the policy's."""
    if account.answer_days is None and account.answer_from is None and account.answer_to is None:
        return None
    return Hours(
        account.answer_days or policy.answer_days,
        account.answer_from or policy.answer_from,
        account.answer_to or policy.answer_to,
    )


def fewer_days(account: Account, policy: Policy) -> bool:
    """The policy promises answers every day, the account gives them on weekdays only."""
    hours = answer_hours(account, policy)
    return hours is not None and hours.days == "weekdays" and policy.answer_days == "every-day"


def shorter_hours(account: Account, policy: Policy) -> list[str]:
    """Which of the account's answer_from and answer_to fall inside the policy's hours
    (it starts answering later, or stops earlier, than the policy promises)."""
    short = []
    if account.answer_from and minutes(account.answer_from) > minutes(policy.answer_from):
        short.append("answer_from")
    if account.answer_to and minutes(account.answer_to) < minutes(policy.answer_to):
        short.append("answer_to")
    return short


def rarer_updates(account: Account, policy: Policy) -> bool:
    """The account is updated less often than every account must be. A frequency in the
    account's own words cannot be compared and is not judged, nor is an account that
    posts as needed."""
    frequency = account.update_frequency
    return frequency in FREQUENCIES and FREQUENCIES.index(frequency) > FREQUENCIES.index(policy.update_frequency)
