"""The activity plan (Vedlegg 1 / Bilaga 1): the form that approves one account.

One form per account, pre-filled from the data, and one blank form for new accounts.
Every question is a clause (`activity-plan.question.<name>`) that becomes numbered form
fields; what the data answers is filled in, the rest is left to fill in by hand or on
screen. Clauses a municipality adds among the questions become extra blank questions.
Words that are not sentences (Dato, Underskrift, …) are `activity-plan.label.*` clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from docgen import content
from docgen import language as lang
from docgen.administrators import minimum_phrase
from docgen.content import ClauseSource, Value
from docgen.context import hours_in_words, placeholders
from docgen.document import Block, Document, FormField, Heading, SignatureBlock, Text
from docgen.identifiers import slugify
from docgen.kinds.base import Kind, Output
from docgen.entry import Entry
from docgen.model import AS_NEEDED, FREQUENCIES, Account, AccountKind, Municipality, Person
from docgen.schedule import answer_hours

QUESTION = "activity-plan.question."
LABEL = "activity-plan.label."
BLANK = "blank"
# The data-protection caution for private groups of parents, pupils or clients: on their
# forms and on the blank form, where the unit has not yet said what the account is.
GROUP_PRIVACY = "activity-plan.group-privacy"
# Questions that belong to the one before them and so take no number of their own.
_PART_OF_PREVIOUS = {"credentials"}


class ActivityPlan(Kind):
    name = "activity-plan"
    formats = ("pdf", "docx")

    def outputs(self, entry: Entry, language: str) -> list[Output]:
        stem = lang.labels(language)["files"][self.name]
        forms = [Output(f"{stem}-{account.slug}", self.formats, account=account.slug) for account in entry.municipality.accounts]
        blank = _labels(self.chosen(entry, language)).get("blank-file")
        blank_word = slugify(blank.text) if blank else BLANK
        return [*forms, Output(f"{stem}-{blank_word}", self.formats, variant=BLANK)]

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        municipality = entry.municipality
        account = next((a for a in municipality.accounts if a.slug == output.account), None)
        chosen = self.chosen(entry, language)
        context = dict(placeholders(municipality, language, self.name))
        if account:  # the minimum for this account's kind, not the rule for every kind
            context["min_admins_phrase"] = minimum_phrase(municipality.policy, language, account.kind)
        form = _Form(municipality, language, account, _labels(chosen), context)
        context["signatures"] = form.signatures()
        body = [form.question(clause) if clause.id.startswith(QUESTION) else clause for clause in chosen]
        body = [clause for clause in body if clause.id != f"{self.name}.title" and not clause.id.startswith(LABEL)]
        if account and account.kind is not AccountKind.closed_group:
            body = [clause for clause in body if clause.id != GROUP_PRIVACY]
        context.update(form.answers)
        subtitle = f"{form.platform} – {account.name}" if account else None
        return Document(
            meta=self.meta(entry, language, self.title(entry, chosen, context), subtitle=subtitle),
            profile=self.profile(entry),
            sections=content.sections(body, context),
            layout="form",
            word_template="form",
        )


def _labels(chosen: list[ClauseSource]) -> dict[str, ClauseSource]:
    """The label clauses by short name ("date", "printed-name", …), as chosen."""
    return {clause.id.removeprefix(LABEL): clause for clause in chosen if clause.id.startswith(LABEL)}


@dataclass
class _Form:
    """Turns question clauses into numbered fields and the approvers into signature blocks."""

    municipality: Municipality
    language: str
    account: Account | None  # None: the blank form
    labels: dict[str, ClauseSource]
    context: Mapping[str, Value]

    def __post_init__(self) -> None:
        self.answers: dict[str, list[Block]] = {}
        self.count = 0
        # The blank form is for an account of a kind not yet known: the default minimum.
        self.minimum = self.municipality.policy.min_administrators_for(self.account.kind if self.account else None)

    @property
    def platform(self) -> str:
        assert self.account is not None
        name: str = lang.labels(self.language)["platforms"][self.account.platform.value]
        return name

    def label(self, name: str, **values: str) -> str:
        clause = self.labels.get(name)
        return content.text_of(clause, {**self.context, **values}) if clause else ""

    def question(self, clause: ClauseSource) -> ClauseSource:
        """The clause replaced by a block placeholder that stands for its fields."""
        name = clause.id.removeprefix(QUESTION)
        number = ""
        if name not in _PART_OF_PREVIOUS:
            self.count += 1
            number = str(self.count)
        text = content.text_of(clause, self.context)
        build = _QUESTIONS.get(name)
        # A question the municipality added: the data cannot answer it, so it is left blank.
        blocks: list[Block] = (
            build(self, name, number, text)
            if build
            else [FormField(name, (Text(text),), multiline=True, number=number or None)]
        )
        key = "question_" + re.sub(r"[^a-z]", "_", name)
        self.answers[key] = blocks
        return ClauseSource(clause.id, "{" + key + "}", clause.path, clause.line)

    def field(self, name: str, number: str, text: str, value: str | None, multiline: bool = False) -> list[Block]:
        return [FormField(name, (Text(text),), value if self.account else None, multiline, number or None)]

    # The questions the data can answer -------------------------------------------

    def _platform(self, name: str, number: str, text: str) -> list[Block]:
        return self.field(name, number, text, self.platform if self.account else None)

    def _administrators(self, name: str, number: str, text: str) -> list[Block]:
        people: list[Person | None] = list(self.account.administrators) if self.account else [None] * self.minimum
        blocks: list[Block] = [Heading(2, (Text(f"{number}. {text}"),), "question-administrators")]
        for index, person in enumerate(people, start=1):
            parts = (
                ("name", self.label("administrator", number=str(index)), person.name if person else None),
                ("title", self.label("job-title"), person.title if person else None),
                ("email", self.label("email"), person.email if person else None),
                ("phone", self.label("phone"), person.phone if person else None),
            )
            blocks += [FormField(f"admin-{index}-{part}", (Text(label),), value, inline=True) for part, label, value in parts]
        return blocks

    def _operators(self, name: str, number: str, text: str) -> list[Block]:
        people = self.account.operators if self.account else []
        value = "\n".join(_contact(person) for person in people) or None
        return self.field(name, number, text, value, multiline=True)

    def _updates(self, name: str, number: str, text: str) -> list[Block]:
        frequency = self.account.update_frequency if self.account else None
        if frequency in (*FREQUENCIES, AS_NEEDED):  # a keyword, in this language's words
            frequency = _capitalised(lang.labels(self.language)["update_frequency"][frequency])
        return self.field(name, number, text, frequency)

    def _monitoring(self, name: str, number: str, text: str) -> list[Block]:
        """The account's answer hours, where the data gives them, and its own words."""
        hours = answer_hours(self.account, self.municipality.policy) if self.account else None
        parts = [hours_in_words(hours, self.language)] if hours else []
        parts += [self.account.monitoring] if self.account and self.account.monitoring else []
        return self.field(name, number, text, _capitalised("; ".join(parts)) if parts else None)

    def _hours(self, name: str, number: str, text: str) -> list[Block]:
        hours = self.account.hours_per_week if self.account else None
        word = "hour" if hours == 1 else "hours"
        value = self.label(word, hours=lang.number(hours, self.language)) if hours is not None else None
        return self.field(name, number, text, value)

    def _start(self, name: str, number: str, text: str) -> list[Block]:
        start = self.account.start_date if self.account else None
        return self.field(name, number, text, lang.short_date(start, self.language) if start else None)

    def _end(self, name: str, number: str, text: str) -> list[Block]:
        account = self.account
        if account and account.end_date:
            value: str | None = lang.short_date(account.end_date, self.language)
        elif account and account.kind is not AccountKind.campaign:
            value = self.label("ongoing") or None
        else:  # a campaign without an end date (a validation warning) or the blank form
            value = None
        return self.field(name, number, text, value)

    # Approval ---------------------------------------------------------------------

    def signatures(self) -> list[Block]:
        """One block per administrator (their name printed when known), who takes the task
        on, then one per approver, who approves the plan."""
        people = [person.name for person in self.account.administrators] if self.account else [None] * self.minimum
        takes_on = self.label("administrator-statement")
        signers = [
            (self.label("administrator", number=str(i)), name, takes_on) for i, name in enumerate(people, start=1)
        ]
        signers += [(_capitalised(role), None, self.label("statement")) for role in self.approvers()]
        return [
            SignatureBlock(
                role=role,
                statement=statement,
                date_label=self.label("date"),
                signature_label=self.label("signature"),
                name_label=self.label("printed-name"),
                name=name,
            )
            for role, name, statement in signers
        ]

    def approvers(self) -> list[str]:
        """The roles the data names to sign; else the unit's leader and, where a new account
        needs approval (policy.new_accounts), the role the strategy says approves it."""
        roles = self.municipality.roles
        if roles.approvers:
            return roles.approvers
        approving = roles.account_approver if self.municipality.policy.new_accounts == "approval" else None
        return [self.label("approver"), *([approving] if approving else [])]


Builder = Callable[[_Form, str, str, str], list[Block]]


def _from_account(attribute: str | None, multiline: bool = False) -> Builder:
    """A question answered by one attribute of the account as it stands (None: never by the data)."""

    def build(form: _Form, name: str, number: str, text: str) -> list[Block]:
        value = getattr(form.account, attribute) if form.account and attribute else None
        return form.field(name, number, text, str(value) if value is not None else None, multiline)

    return build


_QUESTIONS: dict[str, Builder] = {
    "platform": _Form._platform,
    "url": _from_account("url"),
    "unit": _from_account("unit"),
    "purpose": _from_account("purpose", multiline=True),
    "audience": _from_account("audience"),
    "administrators": _Form._administrators,
    "credentials": _from_account("credentials_stored"),
    "operators": _Form._operators,
    "updates": _Form._updates,
    "monitoring": _Form._monitoring,
    "removal": _from_account(None),  # the data has no answer: always filled in by the unit
    "hours": _Form._hours,
    "start": _Form._start,
    "end": _Form._end,
}


def _contact(person: Person) -> str:
    return ", ".join(part for part in (person.name, person.title, person.email, person.phone) if part)


def _capitalised(role: str) -> str:
    return role[:1].upper() + role[1:]
