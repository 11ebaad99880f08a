"""The placeholder values every clause may use, worked out from a municipality's data
in one language. Kinds add their own (block) values on top."""

from __future__ import annotations

from docgen import language as lang
from docgen import shared
from docgen.content import Missing, Value
from docgen.model import Address, Municipality
from docgen.schedule import Hours


def address(value: Address | None) -> str | Missing:
    if value is None:
        return Missing("postal_address")
    return f"{value.street}, {value.postcode} {value.city}"


def answer_hours(municipality: Municipality, language: str) -> str:
    policy = municipality.policy
    return hours_in_words(Hours(policy.answer_days, policy.answer_from, policy.answer_to), language)


def hours_in_words(hours: Hours, language: str) -> str:
    """kl. 09.00–15.00 på hverdager / kl. 9.00–15.00 på vardagar."""
    pattern: str = lang.labels(language)["answer_hours"][hours.days]
    return pattern.format(start=lang.clock(hours.start, language), end=lang.clock(hours.end, language))


def placeholders(municipality: Municipality, language: str, kind: str) -> dict[str, Value]:
    """Every named placeholder, as text in `language` (or Missing with the field to add);
    the municipality's own values for `kind` win."""
    words = lang.labels(language)
    policy = municipality.policy
    roles = municipality.roles
    adoption = municipality.adoption

    def optional(value: object, field: str) -> str | Missing:
        return Missing(field) if value is None else str(value)

    values: dict[str, Value] = {
        "municipality": municipality.name,
        "short_name": municipality.short_name or municipality.name,
        "website": str(municipality.website),
        "email": municipality.email,
        "phone": optional(municipality.phone, "phone"),
        "postal_address": address(municipality.postal_address),
        "editor": roles.editor,
        "communications_unit": roles.communications_unit,
        "account_approver": roles.account_approver,
        "crisis_lead": roles.crisis_lead,
        # Titles differ (rådmann or kommunedirektør, kommunchef or kommundirektör), so the
        # text names none of its own.
        "crisis_spokespeople": lang.join(roles.crisis_spokespeople, language)
        or words["defaults"]["crisis_spokespeople"],
        "contact": roles.contact,
        "answer_hours": answer_hours(municipality, language),
        "response_time": words["response_time"][policy.response_time.value],
        "update_frequency": words["update_frequency"][policy.update_frequency],
        "max_posts_per_week": optional(policy.max_posts_per_week, "policy.max_posts_per_week"),
        # Alternatives: a comment is in one language or another.
        "comment_languages": lang.join_alternatives(
            policy.comment_languages or words["defaults"]["comment_languages"], language
        ),
        "deletion_record": policy.deletion_record or words["defaults"]["deletion_record"],
        "min_admins": lang.count_word(policy.min_administrators, language),
        "min_admins_phrase": lang.counted(policy.min_administrators, "administrators", language),
        "consent_age_online": str(policy.consent_age_online),
        "consent_age_photo": str(policy.consent_age_photo),
        # Never the home page instead: without the page, a clause's `.otherwise` says it
        # without a link (content.settle_alternatives).
        "privacy_url": optional(policy.privacy_url, "policy.privacy_url"),
        "house_rules_url": optional(policy.house_rules_url, "policy.house_rules_url"),
        "adopted_by": optional(adoption.body, "adoption.body"),
        "adopted_date": lang.long_date(adoption.date, language),
        "case_reference": optional(adoption.case_reference, "adoption.case_reference"),
        "version": adoption.version,
    }
    values.update(shared.values(municipality, language, values))
    if kind in municipality.content:
        values.update(municipality.content[kind].values)
    return values
