"""The municipal data model: what one `municipalities/<slug>.yaml` file says.

Every model forbids unknown keys, so a misspelt key is an error rather than silently
ignored. Field descriptions are written for the communications officer: they become the
JSON Schema that editors show while the YAML file is being typed.

Free text is read in one language at a time, so a validated Municipality holds the text
of one language (docgen.model_text). The publishing plan is in docgen.model_plan.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from docgen import limits
from docgen.identifiers import check_organisation_number, slugify

# The names other modules have always imported from here, kept importable from here.
from docgen.model_content import Clause as Clause
from docgen.model_content import ContentChoices as ContentChoices
from docgen.model_plan import WEEKDAYS as WEEKDAYS
from docgen.model_plan import PlannedPost as PlannedPost
from docgen.model_plan import PlanPeriod as PlanPeriod
from docgen.model_plan import PublishingPlan as PublishingPlan
from docgen.model_policy import DEFAULT_MIN_ADMINISTRATORS as DEFAULT_MIN_ADMINISTRATORS
from docgen.model_policy import AccountKind as AccountKind
from docgen.model_policy import AnswerDays
from docgen.model_policy import Policy as Policy
from docgen.model_policy import ResponseTime as ResponseTime
from docgen.model_text import HOW_TO_WRITE as HOW_TO_WRITE
from docgen.model_text import NOT_PRINTABLE as NOT_PRINTABLE
from docgen.model_text import (
    POSTCODE_PATTERN,
    ClockTime,
    Colour,
    DayOrMonth,
    Email,
    Label,
    Line,
    LongLine,
    Model,
    MonthDate as MonthDate,
    Name,
    Phone,
    Sentence,
    Url,
)
from docgen.multilingual import translatable

Language = Literal["nb", "nn", "sv"]
Country = Literal["NO", "SE"]

# How often an account is updated. The words are the labels' in each language, so a
# keyword needs no translation, and it can be checked against the policy's minimum.
FREQUENCIES = ("daily", "weekly", "monthly")  # most often first
# An account that posts when there is news (a video channel, say): no fixed frequency,
# so it is held neither to the policy's frequency nor to the publishing plan's weeks.
AS_NEEDED = "as-needed"
Frequency = Annotated[LongLine, translatable(lambda text: text in (*FREQUENCIES, AS_NEEDED))]


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


class Person(Model):
    name: Name = Field(min_length=1, description="Full name")
    title: Label | None = Field(None, description="Job title, e.g. kommunikasjonsrådgiver")
    email: Email | None = Field(None, description="Work e-mail address")
    phone: Phone | None = Field(None, description="Work phone, e.g. 64 96 20 00 or +46 587 810 00")


class Address(Model):
    """A postal or visiting address: street or PO box, postcode and town."""

    street: Name = Field(min_length=1, description="Street address or PO box")
    postcode: str = Field(pattern=POSTCODE_PATTERN, description="Postcode, e.g. 1430 or 713 80")
    city: Name = Field(min_length=1, description="Postal town, e.g. Ås")


class Roles(Model):
    """Who does what, in the municipality's own words (used inside sentences). A role the
    municipality has not named yet reads as a neutral description («den som er utpekt til
    å …»), never as an invented title."""

    editor: Label | None = Field(None, description="Who holds editorial responsibility, e.g. kommunikasjonssjefen")
    communications_unit: Label | None = Field(None, description="The unit that runs the main accounts")
    account_approver: Label | None = Field(None, description="Who approves new accounts")
    crisis_lead: Label | None = Field(None, description="Who leads crisis communication")
    crisis_spokespeople: list[Label] = Field(
        default_factory=list,
        description="Who speaks for the municipality in a crisis, in your own titles, e.g. [ordføreren, kommunedirektøren]",
    )
    contact: Label | None = Field(None, description="Whom employees ask about social media")
    approvers: list[Label] = Field(
        default_factory=list,
        description="Roles that sign each activity plan, e.g. [förvaltningschef, kommunchef]",
    )


class Adoption(Model):
    status: Literal["draft", "adopted", "in-force"] = Field(
        "draft",
        description="draft; adopted (by the body below); or in-force, for a document adopted long ago"
        " whose body, date and case reference may be unknown",
    )
    by: Literal["council", "officer"] = Field(
        "council",
        description="council: a political body adopts the documents («vedtatt av»); officer: the chief"
        " executive lays them down («fastsatt av rådmannen»)",
    )
    body: Label | None = Field(
        None, description="Adopting body or officer, e.g. kommunestyret or kommunedirektøren; a draft may leave it out"
    )
    date: DayOrMonth | None = Field(
        None,
        description="Date adopted, or of this draft, as YYYY-MM-DD or YYYY-MM; a draft may leave it out"
        " (it prints as a line to fill in)",
    )
    case_reference: Name | None = Field(None, description='Case reference, e.g. "15/1441" or "§ 145"')
    version: Name = Field("1.0", description='Version of the documents, e.g. "1.0"')
    revision_date: DayOrMonth | None = Field(
        None, description="When the document is next revised, as YYYY-MM-DD or YYYY-MM"
    )


class VisualProfile(Model):
    logo: Line | None = Field(None, description="Logo or coat of arms, SVG or PNG, in the municipality's folder")
    primary_colour: Colour = Field("#1F4E79", description="Main colour as #RRGGBB; dark enough for text on white")
    accent_colour: Colour = Field("#C8102E", description="Second colour as #RRGGBB")
    fonts: list[Line] = Field(
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
    name: Name = Field(min_length=1, description="Display name of the account, as the platform shows it")
    url: Url = Field(description="The account's address, e.g. https://www.facebook.com/norakommun")
    kind: AccountKind = Field(
        AccountKind.unit,
        description="main, unit, closed-group, internal-group (secret) or campaign (time-limited: give end_date)",
    )
    unit: Label = Field(min_length=1, description="Owning unit (avdeling/enhet/förvaltning)")
    purpose: Sentence = Field(min_length=1, description="Why the account exists")
    audience: Sentence = Field(min_length=1, description="Whom it is for")
    administrators: list[Person] = Field(description="At least policy.min_administrators people (2 by default)")
    operators: list[Person] = Field(default_factory=list, description="Who runs it day to day")
    update_frequency: Frequency | None = Field(
        None,
        description="How often it is updated: daily, weekly or monthly (checked against the policy), as-needed"
        " (posts when there is news), or in your own words",
    )
    answer_days: AnswerDays | None = Field(None, description="When its questions are answered: weekdays or every-day")
    answer_from: ClockTime | None = Field(None, description="… from this time, e.g. 08.00")
    answer_to: ClockTime | None = Field(None, description="… until this time, e.g. 15.30")
    monitoring: Sentence | None = Field(None, description="When it is monitored, in words, if not by the answer hours")
    hours_per_week: float | None = Field(None, ge=0, le=80, description="Estimated hours of work per week")
    start_date: dt.date | None = Field(None, description="When the account started, as YYYY-MM-DD")
    end_date: dt.date | None = Field(None, description="When it closes, as YYYY-MM-DD (campaigns need one)")
    credentials_stored: Sentence | None = Field(None, description="Where the login details are kept")

    @property
    def slug(self) -> str:
        # Capped, so the file names made from it stay well within every file system's
        # limit; two accounts whose slugs meet are a validation error (see rules).
        return slugify(f"{self.platform.value}-{self.name}")[: limits.FILE_STEM_CHARS].rstrip("-")


DocumentType = Literal["strategy", "guidelines", "policy"]
# Who the documents apply to, as keywords: each language names them (labels.yaml `groups`).
Group = Literal["employees", "managers", "elected-representatives", "apprentices", "trainees", "temporary-staff"]
# The document kinds a municipality can build; docgen.kinds.KINDS makes them (a test
# keeps the two in step).
KindName = Literal["strategy", "activity-plan", "poster", "house-rules", "account-register", "publishing-plan"]


class Goals(Model):
    own: list[Sentence] = Field(
        default_factory=list,
        description="The municipality's own goals for social media, each completing «We use them to …»",
    )
    replace: bool = Field(False, description="true: only your own goals; false: yours after the default list")

    @model_validator(mode="after")
    def _something_to_say(self) -> Goals:
        if self.replace and not self.own:
            raise ValueError("replace: true leaves no goals; list your own under own, or set replace: false")
        return self


class Reference(Model):
    """Another governing document the strategy rests on."""

    title: Label = Field(min_length=1, description="Its title, e.g. Etiske retningslinjer for Ås kommune")
    adopted_by: Label | None = Field(None, description="Who adopted it, e.g. kommunestyret")
    date: DayOrMonth | None = Field(None, description="When, as YYYY-MM-DD or YYYY-MM")
    url: Url | None = Field(None, description="Where it is published")


class Municipality(Model):
    name: Name = Field(min_length=1, description='Official name, e.g. "Ås kommune"')
    short_name: Name | None = Field(None, description='Short name, e.g. "Ås"')
    country: Country = Field(description="NO or SE")
    language: Language = Field(description="Primary language: nb, nn or sv")
    languages: list[Language] = Field(default_factory=list, description="Extra languages to build")
    county: Name | None = Field(None, description="Fylke or län")
    website: Url
    email: Email = Field(description="The official e-mail (postmottak)")
    phone: Phone | None = Field(None, description="Switchboard, e.g. 64 96 20 00")
    postal_address: Address | None = None
    visiting_address: Address | None = None
    organisation_number: Line | None = Field(
        None, description="Organisasjonsnummer (9 digits) or organisationsnummer (NNNNNN-NNNN)"
    )
    profile: VisualProfile = Field(VisualProfile(), description="Logo, colours and fonts")
    document_type: DocumentType | None = Field(
        None,
        description="What the main document is called: strategy, guidelines or policy"
        " (default: strategy in nb and nn, policy in sv)",
    )
    kinds: list[KindName] | None = Field(
        None,
        min_length=1,
        description="The document kinds to build, e.g. [strategy, activity-plan, poster] (default: all)",
    )
    applies_to: list[Group] = Field(
        default_factory=list,
        description="Whom the documents apply to: employees, managers, elected-representatives, apprentices,"
        " trainees, temporary-staff (default: everyone who works for the municipality)",
    )
    vision: Sentence | None = Field(None, description="The municipality's vision, quoted in the strategy")
    goals: Goals = Field(Goals(), description="Your own goals for social media, after or instead of the default list")
    references: list[Reference] = Field(
        default_factory=list,
        description="Other governing documents the strategy rests on, e.g. the ethical guidelines",
    )
    roles: Roles = Field(Roles(), description="Who does what, in your own words")
    adoption: Adoption = Field(Adoption(), description="Who adopted the documents, when, and the case reference")
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

    def builds(self, kind: str) -> bool:
        """The kind is built: `kinds:` names it, or is not given."""
        return self.kinds is None or kind in self.kinds

    # A field validator (not a model validator) so the error points at this field's line;
    # `country` is declared above, so it has been validated by now.
    @field_validator("organisation_number")
    @classmethod
    def _check_digit(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if value is None or country is None:
            return value
        return check_organisation_number(value, country)
