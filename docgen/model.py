"""The municipal data model: what one `municipalities/<slug>.yaml` file says.

Every model forbids unknown keys, so a misspelt key is an error rather than silently
ignored. Field descriptions are written for the communications officer: they become the
JSON Schema that editors show while the YAML file is being typed.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

from docgen.identifiers import (
    check_email,
    check_organisation_number,
    check_phone,
    slugify,
)

Language = Literal["nb", "nn", "sv"]
Country = Literal["NO", "SE"]

Email = Annotated[str, AfterValidator(check_email)]
Phone = Annotated[str, AfterValidator(check_phone)]
Url = Annotated[HttpUrl, Field(description="A full web address starting with https://")]
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
CLOCK_PATTERN = r"^([01][0-9]|2[0-3])[.:][0-5][0-9]$"
CLAUSE_ID_PATTERN = r"^[a-z0-9-]+(\.[a-z0-9-]+)*$"
POSTCODE_PATTERN = r"^\d{3} ?\d{1,2}$"

# How to write a value that does not match its pattern, for error messages.
HOW_TO_WRITE = {
    COLOUR_PATTERN: "write a colour as #RRGGBB, e.g. #00543C",
    CLOCK_PATTERN: "write a time of day as HH.MM, e.g. 09.00",
    CLAUSE_ID_PATTERN: "write a clause id in lower case with dots, e.g. strategy.crisis.mayor-speaks",
    POSTCODE_PATTERN: "write a postcode as 4 digits (1430) or as 3 + 2 digits (713 80)",
}

Colour = Annotated[str, Field(pattern=COLOUR_PATTERN, description="A colour as #RRGGBB, e.g. #00543C")]
ClockTime = Annotated[str, Field(pattern=CLOCK_PATTERN, description="A time of day as HH.MM or HH:MM, e.g. 09.00")]
ClauseId = Annotated[
    str, Field(pattern=CLAUSE_ID_PATTERN, description="A clause id such as strategy.crisis.mayor-speaks")
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Platform(str, Enum):
    facebook = "facebook"
    instagram = "instagram"
    x = "x"
    linkedin = "linkedin"
    youtube = "youtube"
    tiktok = "tiktok"
    flickr = "flickr"
    snapchat = "snapchat"
    threads = "threads"
    blog = "blog"
    other = "other"


class AccountKind(str, Enum):
    main = "main"
    unit = "unit"
    closed_group = "closed-group"
    internal_group = "internal-group"
    campaign = "campaign"


class Person(Model):
    name: str = Field(min_length=1, description="Full name")
    title: str | None = Field(None, description="Job title, e.g. kommunikasjonsrådgiver")
    email: Email | None = Field(None, description="Work e-mail address")
    phone: Phone | None = Field(None, description="Work phone, e.g. 64 96 20 00 or +46 587 810 00")


class Address(Model):
    street: str = Field(min_length=1, description="Street address or PO box")
    postcode: str = Field(pattern=POSTCODE_PATTERN, description="Postcode, e.g. 1430 or 713 80")
    city: str = Field(min_length=1, description="Postal town, e.g. Ås")


class Roles(Model):
    """Who does what, in the municipality's own words (used inside sentences)."""

    editor: str = Field(description="Who holds editorial responsibility, e.g. kommunikasjonssjefen")
    communications_unit: str = Field(description="The unit that runs the main accounts")
    account_approver: str = Field(description="Who approves new accounts")
    crisis_lead: str = Field(description="Who leads crisis communication")
    contact: str = Field(description="Whom employees ask about social media")
    approvers: list[str] = Field(
        default_factory=list,
        description="Roles that sign each activity plan, e.g. [förvaltningschef, kommunchef]",
    )


class Adoption(Model):
    status: Literal["draft", "adopted"] = Field("draft", description="draft, or adopted by the body below")
    body: str | None = Field(None, description="Adopting body, e.g. kommunestyret")
    date: dt.date = Field(description="Date adopted, or the date of this draft, as YYYY-MM-DD")
    case_reference: str | None = Field(None, description='Case reference, e.g. "15/1441" or "§ 145"')
    version: str = Field("1.0", description='Version of the documents, e.g. "1.0"')
    revision_date: dt.date | None = Field(None, description="When the document is next revised")


class ResponseTime(str, Enum):
    same_day = "same-day"
    next_working_day = "next-working-day"
    within_48_hours = "48-hours"


class Policy(Model):
    """The parameters the municipalities' documents differ on."""

    answer_from: ClockTime = Field("09.00", description="Questions are answered from this time, e.g. 09.00")
    answer_to: ClockTime = Field("15.00", description="… until this time, e.g. 15.00")
    answer_days: Literal["weekdays", "every-day"] = Field("weekdays", description="weekdays or every-day")
    response_time: ResponseTime = Field(
        ResponseTime.next_working_day, description="The promise: same-day, next-working-day or 48-hours"
    )
    update_frequency: Literal["daily", "weekly", "monthly"] = Field(
        "weekly", description="How often every account must be updated: daily, weekly or monthly"
    )
    max_posts_per_week: int | None = Field(None, ge=1, description="Most posts an account may publish in a week")
    comment_languages: list[str] = Field(
        default_factory=list,
        description="Languages accepted in comments, in the municipality's language, e.g. [norsk, engelsk]",
    )
    deletion_record: str | None = Field(
        None, description="How deleted posts are recorded, e.g. 'skjermbilde arkiveres i sak'"
    )
    min_administrators: int = Field(2, ge=1, le=10, description="Fewest administrators an account may have")
    consent_age_online: int = Field(
        13, ge=13, le=18, description="Below this age a guardian consents to online services (13 by law today)"
    )
    consent_age_photo: int = Field(15, ge=1, le=18, description="Below this age a guardian consents to photos")
    privacy_url: Url | None = Field(None, description="The municipality's privacy statement")
    house_rules_url: Url | None = Field(None, description="Where the house rules are published")


class VisualProfile(Model):
    logo: str | None = Field(None, description="Logo or coat of arms, SVG or PNG, in the municipality's folder")
    primary_colour: Colour = Field("#1F4E79", description="Main colour as #RRGGBB; dark enough for text on white")
    accent_colour: Colour = Field("#C8102E", description="Second colour as #RRGGBB")
    fonts: list[str] = Field(
        default_factory=list, description="Optional font files (.ttf, .otf, .woff, .woff2) in the municipality's folder"
    )

    @field_validator("logo")
    @classmethod
    def _logo_format(cls, value: str | None) -> str | None:
        if value is not None and not re.search(r"\.(svg|png)$", value, re.IGNORECASE):
            raise ValueError(f"'{value}' is not an .svg or .png file; the logo must be one of those")
        return value

    @field_validator("fonts")
    @classmethod
    def _font_format(cls, value: list[str]) -> list[str]:
        for name in value:
            if not re.search(r"\.(ttf|otf|woff2?)$", name, re.IGNORECASE):
                raise ValueError(f"'{name}' is not a font file; use .ttf, .otf, .woff or .woff2")
        return value


class Account(Model):
    platform: Platform = Field(description="facebook, instagram, x, linkedin, youtube, tiktok, … or other")
    name: str = Field(min_length=1, description="Display name of the account")
    url: Url = Field(description="The account's address, e.g. https://www.facebook.com/norakommun")
    kind: AccountKind = Field(
        AccountKind.unit,
        description="main, unit, closed-group, internal-group (secret) or campaign (time-limited: give end_date)",
    )
    unit: str = Field(min_length=1, description="Owning unit (avdeling/enhet/förvaltning)")
    purpose: str = Field(min_length=1, description="Why the account exists")
    audience: str = Field(min_length=1, description="Whom it is for")
    administrators: list[Person] = Field(description="At least policy.min_administrators people (2 by default)")
    operators: list[Person] = Field(default_factory=list, description="Who runs it day to day")
    update_frequency: str | None = Field(None, description="How often it is updated, in words")
    monitoring: str | None = Field(None, description="When it is monitored, in words")
    hours_per_week: float | None = Field(None, ge=0, le=80, description="Estimated hours of work per week")
    start_date: dt.date | None = Field(None, description="When the account started, as YYYY-MM-DD")
    end_date: dt.date | None = Field(None, description="When it closes, as YYYY-MM-DD (campaigns need one)")
    credentials_stored: str | None = Field(None, description="Where the login details are kept")

    @property
    def slug(self) -> str:
        return slugify(f"{self.platform.value}-{self.name}")


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
    content_type: str = Field(
        min_length=1,
        description="news, event, service-information, campaign, recruitment, or your own words",
    )
    goal: str = Field(min_length=1, description="The goal or theme of the post")
    responsible: str = Field(min_length=1, description="The person or unit that makes the post")
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
    owner: str = Field(min_length=1, description="Who owns and keeps the plan, e.g. kommunikasjonssjefen")
    presented_to: str = Field(min_length=1, description="The body the plan is presented to, e.g. ledergruppen")
    presented: Literal["weekly", "monthly"] = Field("monthly", description="How often: weekly or monthly")
    months_ahead: int = Field(2, ge=1, le=6, description="How many months ahead posts are planned")
    updated: dt.date | None = Field(None, description="Date of this version of the plan (default: its first day)")
    posts: list[PlannedPost] = Field(min_length=1, description="The planned posts")


class Clause(Model):
    after: ClauseId = Field(description="The id of the clause this one follows")
    id: ClauseId = Field(description="A new id for this clause, e.g. strategy.local.libraries")
    text: str = Field(min_length=1, description="The clause text, in Markdown")


class ContentChoices(Model):
    """How one document kind departs from the default text."""

    title: str | None = Field(None, description="Replace the document's title")
    omit: list[ClauseId] = Field(default_factory=list, description="Clause ids to leave out")
    replace: dict[ClauseId, str] = Field(default_factory=dict, description="Clause id: your own text (Markdown)")
    add: list[Clause] = Field(default_factory=list, description="Your own clauses, each after a given clause id")
    values: dict[str, str] = Field(default_factory=dict, description="Placeholder values")


class Municipality(Model):
    name: str = Field(min_length=1, description='Official name, e.g. "Ås kommune"')
    short_name: str | None = Field(None, description='Short name, e.g. "Ås"')
    country: Country = Field(description="NO or SE")
    language: Language = Field(description="Primary language: nb, nn or sv")
    languages: list[Language] = Field(default_factory=list, description="Extra languages to build")
    county: str | None = Field(None, description="Fylke or län")
    website: Url
    email: Email = Field(description="The official e-mail (postmottak)")
    phone: Phone | None = Field(None, description="Switchboard, e.g. 64 96 20 00")
    postal_address: Address | None = None
    visiting_address: Address | None = None
    organisation_number: str | None = Field(
        None, description="Organisasjonsnummer (9 digits) or organisationsnummer (NNNNNN-NNNN)"
    )
    profile: VisualProfile = Field(VisualProfile(), description="Logo, colours and fonts")
    roles: Roles = Field(description="Who does what, in your own words")
    adoption: Adoption = Field(description="Who adopted the documents, when, and the case reference")
    policy: Policy = Field(Policy(), description="Answer hours, response time and the other rules that vary")
    accounts: list[Account] = Field(default_factory=list, description="Every social-media account")
    content: dict[str, ContentChoices] = Field(
        default_factory=dict, description="Per document kind: omit, replace or add clauses"
    )
    publishing_plan: PublishingPlan | None = Field(
        None, description="Posts planned ahead per account, presented to management"
    )

    @property
    def all_languages(self) -> list[str]:
        return [self.language, *(lang for lang in self.languages if lang != self.language)]

    # A field validator (not a model validator) so the error points at this field's line;
    # `country` is declared above, so it has been validated by now.
    @field_validator("organisation_number")
    @classmethod
    def _check_digit(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if value is None or country is None:
            return value
        return check_organisation_number(value, country)
