"""The publishing plan as single posts: weekly series expanded to their days, with the
week each falls in, the public holidays of the country and the local time zone.

Both the validation rules and the publishing-plan kind read the plan through here, so
they agree on which posts there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from docgen import language as lang
from docgen.model import WEEKDAYS, PlannedPost, PlanPeriod, PublishingPlan

# Where the municipality's clocks are: calendar events carry this zone.
TIME_ZONES = {"NO": "Europe/Oslo", "SE": "Europe/Stockholm"}


@dataclass(frozen=True)
class Post:
    """One post on one day."""

    index: int  # the entry's place in publishing_plan.posts, to point errors at it
    day: dt.date
    time: dt.time
    planned: PlannedPost


def days(planned: PlannedPost, period: PlanPeriod) -> list[dt.date]:
    """The days an entry posts on: its date, or every chosen weekday of its series."""
    if planned.date is not None:
        return [planned.date]
    assert planned.weekly is not None  # the model requires a date or a series
    series = planned.weekly
    wanted = {WEEKDAYS.index(name) for name in series.weekdays}
    first, last = series.first or period.first, series.last or period.last
    return [first + dt.timedelta(n) for n in range((last - first).days + 1) if (first + dt.timedelta(n)).weekday() in wanted]


def clock(text: str) -> dt.time:
    """09.00 or 09:00 as a time of day."""
    hours, minutes = text.replace(":", ".").split(".")
    return dt.time(int(hours), int(minutes))


def posts(plan: PublishingPlan) -> list[Post]:
    """Every post of the plan in time order (then by account, then as written)."""
    found = [
        Post(index, day, clock(planned.time), planned)
        for index, planned in enumerate(plan.posts)
        for day in days(planned, plan.period)
    ]
    return sorted(found, key=lambda post: (post.day, post.time, post.planned.account, post.index))


def week(day: dt.date) -> tuple[int, int]:
    """(year, week number) as Norway and Sweden count weeks: ISO 8601, weeks start on
    Monday and week 1 holds the year's first Thursday."""
    year, number, _ = day.isocalendar()
    return year, number


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(day.weekday())


def holiday(day: dt.date, country: str) -> str | None:
    """The public holiday on `day` in `country`, by the holidays library's English name
    (two on one day joined by «; »), or None."""
    return _holidays(country, day.year).get(day)


def holiday_name(holiday: str, language: str) -> str:
    """A holiday's name as running text writes it: «første juledag», «andre pinsedag»
    (small letters, as Språkrådet writes them; the library's own names are capitalised,
    and it has no nynorsk)."""
    names: dict[str, str] = lang.labels(language)["holidays"]
    return lang.join([names.get(part, part) for part in holiday.split("; ")], language)


@cache
def _holidays(country: str, year: int) -> dict[dt.date, str]:
    import holidays

    # Swedish Sundays count as holidays in the library by default; a Sunday is not
    # worth a warning in either country.
    found = holidays.country_holidays(country, years=year, language="en_US", include_sundays=False)
    return dict(found.items())
