"""The publishing plan's rules: every post is for a known account and inside the plan's
period, and the plan keeps to the policy (posts per week, update frequency, campaign
dates) and warns about posts on public holidays. Each finding is (location, message,
is_warning), as in docgen.rules."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterator

from docgen.entry import Finding
from docgen.model import AS_NEEDED, Account, AccountKind, Municipality, PublishingPlan
from docgen.planned_posts import Post, holiday, holiday_name, posts, week

PLAN = "publishing_plan"


def check_plan(municipality: Municipality) -> Iterator[Finding]:
    plan = municipality.publishing_plan
    if plan is None:
        return
    if plan.period.last < plan.period.first:
        yield (PLAN, "period", "to"), "the plan ends before it starts", False
        return
    yield from _inside_period(plan)
    accounts = {account.slug: account for account in municipality.accounts if account is not None}
    yield from _known_accounts(plan, accounts)
    planned = [post for post in posts(plan) if post.planned.account in accounts]
    yield from _one_post_at_a_time(planned)
    yield from _campaign_dates(planned, accounts)
    yield from _posts_per_week(planned, municipality.policy.max_posts_per_week)
    yield from _update_frequency(plan, planned, accounts, municipality.policy.update_frequency)
    yield from _holidays(planned, municipality.country, municipality.language)


def _at(post: Post) -> tuple[str | int, ...]:
    """Where the entry that made `post` says which day(s) it is on."""
    return (PLAN, "posts", post.index, "date" if post.planned.date else "weekly")


def _inside_period(plan: PublishingPlan) -> Iterator[Finding]:
    first, last = plan.period.first, plan.period.last
    span = f"{first.isoformat()} to {last.isoformat()}"
    for index, planned in enumerate(plan.posts):
        dated: list[tuple[str, ...]] = []
        if planned.date is not None:
            dated = [("date",)] if not first <= planned.date <= last else []
        elif planned.weekly is not None:
            series = planned.weekly
            dated = [("weekly", key) for key, day in (("from", series.first), ("to", series.last))
                     if day is not None and not first <= day <= last]
            if series.first and series.last and series.last < series.first:
                yield (PLAN, "posts", index, "weekly", "to"), "the series ends before it starts", False
        for loc in dated:
            yield (PLAN, "posts", index) + loc, f"this day is outside the plan's period ({span})", False


def _known_accounts(plan: PublishingPlan, accounts: dict[str, Account]) -> Iterator[Finding]:
    for index, planned in enumerate(plan.posts):
        if planned.account not in accounts:
            close = difflib.get_close_matches(planned.account, sorted(accounts), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else f"the accounts are: {', '.join(accounts)}"
            yield (PLAN, "posts", index, "account"), f"there is no account {planned.account}; {hint}", False


def _one_post_at_a_time(planned: list[Post]) -> Iterator[Finding]:
    """Two posts for one account at the same minute are one post written twice (and
    would share a calendar event)."""
    seen: set[tuple[str, object, object]] = set()
    for post in planned:
        key = (post.planned.account, post.day, post.time)
        if key in seen:
            when = f"{post.day.isoformat()} at {post.planned.time}"
            yield _at(post), f"{post.planned.account} already has a post planned on {when}", False
        seen.add(key)


def _campaign_dates(planned: list[Post], accounts: dict[str, Account]) -> Iterator[Finding]:
    reported: set[int] = set()
    for post in planned:
        account = accounts[post.planned.account]
        if account.kind is not AccountKind.campaign or post.index in reported:
            continue
        if (account.start_date and post.day < account.start_date) or (account.end_date and post.day > account.end_date):
            reported.add(post.index)
            span = f"{_day(account.start_date)} to {_day(account.end_date)}"
            yield (
                _at(post),
                f"{post.day.isoformat()} is outside the campaign account's dates ({span}); {account.name} is not running then",
                False,
            )


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "open"


def _posts_per_week(planned: list[Post], most: int | None) -> Iterator[Finding]:
    if most is None:
        return
    count: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
    for post in planned:
        key = (post.planned.account, week(post.day))
        count[key] += 1
        if count[key] == most + 1:  # reported once, at the post that goes over
            total = sum(1 for p in planned if (p.planned.account, week(p.day)) == key)
            yield (
                _at(post),
                f"{post.planned.account} has {total} posts planned in week {key[1][1]}; "
                f"policy.max_posts_per_week allows {most}",
                False,
            )


def _update_frequency(
    plan: PublishingPlan, planned: list[Post], accounts: dict[str, Account], frequency: str
) -> Iterator[Finding]:
    """Every whole week (or month, or weekday) of the plan in which an account runs has
    at least one post for it, as policy.update_frequency asks."""
    first, last = plan.period.first, plan.period.last
    for slug in dict.fromkeys(post.planned.account for post in planned):
        account = accounts[slug]
        if account.update_frequency == AS_NEEDED:  # it posts when there is news, not by the week
            continue
        start = max(first, account.start_date or first)
        end = min(last, account.end_date or last)
        days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
        periods = _periods(days, frequency)
        covered = {_period_of(post.day, frequency) for post in planned if post.planned.account == slug}
        missing = [name for name, whole in periods.items() if whole and name not in covered]
        if missing:
            index = next(post.index for post in planned if post.planned.account == slug)
            yield (
                (PLAN, "posts", index, "account"),
                f"{slug} has no post planned in {_some(missing)}; policy.update_frequency is {frequency}",
                True,
            )


def _some(names: list[str], shown: int = 5) -> str:
    """The first few names, and how many more, so a daily plan's gaps fit on a line."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def _period_of(day: dt.date, frequency: str) -> str:
    if frequency == "daily":
        return day.isoformat()
    if frequency == "weekly":
        return f"week {week(day)[1]}"
    return f"{day.year}-{day.month:02d}"


def _periods(days: list[dt.date], frequency: str) -> dict[str, bool]:
    """Each period the days touch, and whether they cover all of it (a week cut off by
    the plan's start cannot be held against it). Daily means every weekday."""
    length: dict[str, int] = defaultdict(int)
    for day in days:
        if frequency == "daily" and day.weekday() >= 5:
            continue
        length[_period_of(day, frequency)] += 1
    if frequency == "daily":
        return {name: True for name in length}
    if frequency == "weekly":
        return {name: n == 7 for name, n in length.items()}
    return {
        name: n == calendar.monthrange(int(name[:4]), int(name[5:]))[1] for name, n in length.items()
    }


def _holidays(planned: list[Post], country: str, language: str) -> Iterator[Finding]:
    for post in planned:
        public = holiday(post.day, country)
        if public and not post.planned.holiday:
            yield _at(post), f"{post.day.isoformat()} is a public holiday ({holiday_name(public, language)}); is the post needed that day? (holiday: true says it is)", True
