"""The publishing plan: the posts the communications unit plans one to two months ahead,
per account, as a table by week for management and as rows and calendar events for the
team. Built only for a municipality whose data has a `publishing_plan`."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from urllib.parse import urlsplit

from babel.dates import format_date

from docgen import language as lang
from docgen.content import Missing, Value
from docgen.document import Document, Event, EventGroup, PrintSpec, Schedule
from docgen.kinds.base import Kind, Output
from docgen.entry import Entry
from docgen.model import Account, Municipality, PublishingPlan
from docgen.planned_posts import TIME_ZONES, Post, holiday, holiday_name, monday, posts, week

# A calendar slot long enough to make and check a post.
SLOT = dt.timedelta(minutes=30)
COLUMNS = ("week", "date", "day", "time", "account", "content_type", "goal", "responsible")
PLACEHOLDERS = ("plan_owner", "plan_presented_to", "plan_frequency", "plan_months_ahead", "plan_period")


class PublishingPlanKind(Kind):
    name = "publishing-plan"
    formats = ("pdf", "docx", "html", "csv", "xlsx", "ics")

    def outputs(self, entry: Entry, language: str) -> list[Output]:
        return super().outputs(entry, language) if entry.municipality.publishing_plan else []

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        municipality = entry.municipality
        plan = municipality.publishing_plan
        assert plan is not None  # outputs() plans nothing without one
        extra: dict[str, Value] = {**plan_placeholders(municipality, language), "plan_schedule": [schedule(entry, language)]}
        title, sections = self.assemble(entry, language, extra)
        meta = self.meta(entry, language, title, subtitle=f"{municipality.name}: {_period(plan, language)}")
        return Document(
            meta=replace(meta, date=plan_date(plan)),
            profile=self.profile(entry),
            sections=sections,
            print_spec=PrintSpec(orientation="landscape"),
        )


def plan_date(plan: PublishingPlan) -> dt.date:
    """The date of this version of the plan: the document's and the calendar's date."""
    return plan.updated or plan.period.first


def _period(plan: PublishingPlan, language: str) -> str:
    return f"{lang.long_date(plan.period.first, language)}–{lang.long_date(plan.period.last, language)}"


def plan_placeholders(municipality: Municipality, language: str) -> dict[str, Value]:
    """What the strategy and the plan itself say about the plan, in `language`."""
    plan = municipality.publishing_plan
    if plan is None:
        return {name: Missing("publishing_plan") for name in PLACEHOLDERS}
    words = lang.labels(language)["publishing_plan"]
    return {
        "plan_owner": plan.owner,
        "plan_presented_to": plan.presented_to,
        "plan_frequency": words["presented"][plan.presented],
        "plan_months_ahead": words["months_ahead"][plan.months_ahead - 1],
        "plan_period": _period(plan, language),
    }


def schedule(entry: Entry, language: str) -> Schedule:
    """The plan's posts grouped by week, each a row and a calendar event."""
    municipality = entry.municipality
    plan = municipality.publishing_plan
    assert plan is not None
    words = lang.labels(language)["publishing_plan"]
    accounts = {account.slug: account for account in municipality.accounts}
    host = urlsplit(str(municipality.website)).hostname or entry.slug
    weeks: dict[tuple[int, int], list[Post]] = {}
    for post in posts(plan):
        weeks.setdefault(week(post.day), []).append(post)
    groups = tuple(
        EventGroup(
            _week_label(in_week[0].day, language),
            tuple(
                _event(post, accounts[post.planned.account], entry.slug, host, municipality.country, language)
                for post in in_week
            ),
        )
        for in_week in weeks.values()
    )
    stamp = plan_date(plan)
    return Schedule(
        columns=tuple(words["columns"][column] for column in COLUMNS),
        groups=groups,
        time_zone=TIME_ZONES[municipality.country],
        stamp=dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc),
        grouped_by=COLUMNS.index("week"),
    )


def _week_label(day: dt.date, language: str) -> str:
    """A week's caption, e.g. "Uke 46 (9.11.2026–15.11.2026)": its number, Monday and Sunday."""
    first = monday(day)
    last = first + dt.timedelta(days=6)
    pattern: str = lang.labels(language)["publishing_plan"]["week"]
    return pattern.format(
        number=week(day)[1], first=lang.short_date(first, language), last=lang.short_date(last, language)
    )


def _event(post: Post, account: Account, slug: str, host: str, country: str, language: str) -> Event:
    words = lang.labels(language)
    plan_words = words["publishing_plan"]
    planned = post.planned
    account_name = f"{words['platforms'][account.platform.value]}: {account.name}"
    content_type = plan_words["content_types"].get(planned.content_type, planned.content_type)
    public = holiday(post.day, country)
    day_text = lang.short_date(post.day, language) + (f" ({holiday_name(public, language)})" if public else "")
    start = dt.datetime.combine(post.day, post.time)
    values = (
        week(post.day)[1],
        post.day,
        format_date(post.day, "EEEE", locale=language),
        post.time,
        account_name,
        content_type,
        planned.goal,
        planned.responsible,
    )
    texts = (
        str(values[0]),
        day_text,
        str(values[2]),
        lang.clock(planned.time, language),
        account_name,
        content_type,
        planned.goal,
        planned.responsible,
    )
    column = plan_words["columns"]
    description = "\n".join(
        [
            f"{column['content_type']}: {content_type}",
            f"{column['responsible']}: {planned.responsible}",
            f"{column['account']}: {account_name} ({account.url})",
        ]
    )
    return Event(
        uid=event_uid(slug, account.slug, start, host),
        start=start,
        end=start + SLOT,
        summary=f"{planned.goal} ({account_name})",
        description=description,
        values=values,
        texts=texts,
    )


def event_uid(slug: str, account: str, start: dt.datetime, host: str) -> str:
    """The same post (municipality, account, day and time) always gets the same UID, in
    every language, so a calendar updates it on re-import rather than adding it again."""
    key = f"{slug}|{account}|{start.isoformat()}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@{host}"
