"""The policy: answer hours, the rules on accounts and administrators, and the choices
that pick the strategy's text (docgen.conditions). Part of docgen.model."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import Field, field_validator

from docgen.model_text import ClockTime, Label, Model, Sentence, Url

AnswerDays = Literal["weekdays", "every-day"]


class AccountKind(str, Enum):
    main = "main"
    unit = "unit"
    closed_group = "closed-group"
    internal_group = "internal-group"
    campaign = "campaign"


class ResponseTime(str, Enum):
    same_day = "same-day"
    next_working_day = "next-working-day"
    within_48_hours = "48-hours"
    as_soon_as_possible = "as-soon-as-possible"


# Fewest administrators an account may have: by account kind, or for every kind.
DEFAULT_MIN_ADMINISTRATORS = 2
AdministratorCount = Annotated[int, Field(ge=1, le=10)]
AdministratorsFor = Literal["main", "unit", "closed-group", "internal-group", "campaign", "default"]


class Policy(Model):
    """The parameters the municipalities' documents differ on."""

    answer_from: ClockTime = Field("09.00", description="Questions are answered from this time, e.g. 09.00")
    answer_to: ClockTime = Field("15.00", description="… until this time, e.g. 15.00")
    answer_days: AnswerDays = Field("weekdays", description="weekdays or every-day")
    response_time: ResponseTime = Field(
        ResponseTime.next_working_day, description="The promise: same-day, next-working-day, 48-hours or as-soon-as-possible"
    )
    update_frequency: Literal["daily", "weekly", "monthly"] = Field(
        "weekly", description="How often every account must be updated: daily, weekly or monthly"
    )
    max_posts_per_week: int | None = Field(None, ge=1, description="Most posts an account may publish in a week")
    inactive_months: int = Field(
        6, ge=1, le=24, description="An account with no new post for this many months is closed (accounts that post"
        " as needed too)",
    )
    comment_languages: list[Label] = Field(
        default_factory=list,
        description="Languages accepted in comments, in the municipality's language, e.g. [norsk, engelsk]",
    )
    deletion_record: Sentence | None = Field(
        None, description="How deleted posts are recorded, e.g. 'skjermbilde arkiveres i sak'"
    )
    min_administrators: AdministratorCount | dict[AdministratorsFor, AdministratorCount] = Field(
        DEFAULT_MIN_ADMINISTRATORS,
        description="Fewest administrators an account may have: a number, or by account kind with a default,"
        " e.g. {main: 1, default: 2} (kinds not named, and a missing default, mean 2)",
    )
    max_administrators: int | None = Field(
        None, ge=1, le=20, description="Most administrators an account may have (no limit when left out)"
    )
    administrator_rights: Literal["people", "roles"] = Field(
        "people",
        description="people: administrator rights are given to named people; roles: to roles or units, and they"
        " pass to whoever takes the role over",
    )

    @field_validator("min_administrators", mode="before")
    @classmethod
    def _number_or_by_kind(cls, value: object) -> object:
        # One message for the two shapes allowed, instead of one error per shape.
        if isinstance(value, dict) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, str) and value.strip().isdigit():  # the loader's scalars may come as text
            return value
        raise ValueError(
            f"must be a whole number; you wrote {str(value)!r} (or give one per account kind, e.g. {{main: 1, default: 2}})"
        )

    def min_administrators_for(self, kind: AccountKind | None) -> int:
        """The fewest administrators an account of `kind` may have (None: a kind not yet known)."""
        rule = self.min_administrators
        if isinstance(rule, int):
            return rule
        default = rule.get("default", DEFAULT_MIN_ADMINISTRATORS)
        return rule.get(kind.value, default) if kind else default

    consent_age_online: int = Field(
        13, ge=13, le=18, description="Below this age a guardian consents to online services (13 by law today)"
    )
    consent_age_photo: int = Field(15, ge=1, le=18, description="Below this age a guardian consents to photos")
    public_register: bool = Field(
        False,
        description="true when the account register is published: it then gives each account's unit and"
        " number of administrators instead of their names",
    )
    privacy_url: Url | None = Field(None, description="The municipality's privacy statement")
    house_rules_url: Url | None = Field(None, description="Where the house rules are published")
    # The choices below each pick a variant of a clause in the content library (a clause
    # marked `when policy.<field>=<value>`), so the text lives there, in every language.
    new_accounts: Literal["approval", "notification"] = Field(
        "approval",
        description="A new account needs approval from roles.account_approver (approval), or the unit only"
        " notifies that role before it starts one (notification)",
    )
    new_accounts_reason: bool = Field(
        False,
        description="true to say why new accounts go through one role: one visual identity and a complete"
        " list of the accounts",
    )
    photo_credit: Literal["always", "where-required"] = Field(
        "always",
        description="Name the photographer always, or only where the law or the agreement requires it"
        " and never on the municipality's own photos (where-required)",
    )
    crowd_photos: bool = Field(
        False, description="true to say: in a picture of many people, ask the most recognisable ones first"
    )
    absence: Literal["stand-in-or-notice", "stand-in", "closed"] = Field(
        "stand-in-or-notice",
        description="In holidays and absence: a stand-in administrator, or a notice when no one can"
        " (stand-in-or-notice); always a stand-in (stand-in); or the account closed with the date it"
        " reopens announced (closed)",
    )
    holiday_answers: bool | None = Field(
        None,
        description="true: the answer hours hold in holidays too; false: answers may take longer in"
        " holidays; leave out to say neither",
    )
    removal_scope: Literal["broad", "extraordinary-only"] = Field(
        "broad",
        description="What we remove: also advertising, spam and off-topic posts (broad), or only what is"
        " unlawful, offensive or reveals others' personal data (extraordinary-only)",
    )
    only_administrators_post: bool = Field(
        False,
        description="true to say: only appointed administrators post on the accounts; anything else"
        " employees write is private",
    )
    neutrality: bool = Field(
        False, description="true to say the official accounts are politically and religiously neutral"
    )
    political_line: bool = Field(
        False,
        description="true to draw the line to the political level: refer to the administration's"
        " recommendation in a case under consideration and to the decision in a decided one, never own"
        " opinions",
    )
    always_represent: bool = Field(
        False, description="true to say: on an official account you always represent the municipality"
    )
    open_about_employment: bool = Field(
        False,
        description="true to advise employees to say they work for the municipality where it is natural,"
        " when they write privately about its work",
    )
    hand_over_questions: bool = Field(
        False,
        description="true to say: a question we cannot answer goes to the unit responsible, and we tell"
        " the one who asked",
    )
    tone_personal: bool = Field(
        False, description="true to describe the tone on the accounts as personal, not private"
    )
