"""The publishing plan in the data: the posts planned ahead per account, one by one or
weekly, and to whom the plan is presented."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from docgen.model_text import ClockTime, Label, Line, Model, Sentence
from docgen.multilingual import translatable

# What a planned post is. The keywords are the labels' in each language, so they need no
# translation; the municipality's own words are text like any other.
CONTENT_TYPES = ("news", "event", "service-information", "campaign", "recruitment")
ContentType = Annotated[Line, translatable(lambda text: text in CONTENT_TYPES)]

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class PlanPeriod(Model):
    """From and to, both days included. YAML keys `from` and `to` are Python keywords,
    hence the aliases."""

    model_config = ConfigDict(populate_by_name=True)

    first: dt.date = Field(alias="from", description="First day, as YYYY-MM-DD")
    last: dt.date = Field(alias="to", description="Last day, as YYYY-MM-DD")


class Recurrence(Model):
    """The same post every week on the given weekdays, within the plan's period unless
    `from` and `to` narrow it."""

    model_config = ConfigDict(populate_by_name=True)

    weekdays: list[Weekday] = Field(min_length=1, description="Days of the week, e.g. [monday, thursday]")
    first: dt.date | None = Field(None, alias="from", description="First day (default: the plan's first day)")
    last: dt.date | None = Field(None, alias="to", description="Last day (default: the plan's last day)")


class PlannedPost(Model):
    """One post, or one weekly series of posts, in the publishing plan."""

    account: str = Field(min_length=1, description="The account, as platform-name, e.g. facebook-nora-kommun")
    date: dt.date | None = Field(None, description="The day, as YYYY-MM-DD (or give weekly instead)")
    weekly: Recurrence | None = Field(None, description="Instead of a date: weekdays, and optionally from and to")
    time: ClockTime = Field(description="Time of day, e.g. 09.00")
    content_type: ContentType = Field(
        min_length=1,
        description="news, event, service-information, campaign, recruitment, or your own words",
    )
    goal: Sentence = Field(min_length=1, description="The goal or theme of the post")
    responsible: Label = Field(min_length=1, description="The person or unit that makes the post")
    holiday: bool = Field(
        False, description="true when the post is meant for a public holiday (a greeting): no warning then"
    )

    @model_validator(mode="after")
    def _date_or_weekly(self) -> PlannedPost:
        if (self.date is None) == (self.weekly is None):
            raise ValueError("give either a date or weekly (with weekdays), not both and not neither")
        return self


class PublishingPlan(Model):
    period: PlanPeriod = Field(description="The weeks the plan covers: from and to")
    owner: Label = Field(min_length=1, description="Who owns and keeps the plan, e.g. kommunikasjonssjefen")
    presented_to: Label = Field(min_length=1, description="The body the plan is presented to, e.g. ledergruppen")
    presented: Literal["weekly", "monthly"] = Field("monthly", description="How often: weekly or monthly")
    months_ahead: int = Field(2, ge=1, le=6, description="How many months ahead posts are planned")
    updated: dt.date | None = Field(None, description="Date of this version of the plan (default: its first day)")
    posts: list[PlannedPost] = Field(min_length=1, description="The planned posts")
