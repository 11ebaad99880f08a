"""The placeholder values every clause may use, worked out from a municipality's data
in one language. Kinds add their own (block) values on top."""

from __future__ import annotations

from docgen import adoption as adopted
from docgen import administrators, document_type
from docgen import language as lang
from docgen import shared
from docgen.content import Missing, Value
from docgen.model import Address, Municipality, Roles
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


def role(roles: Roles, name: str, language: str) -> str:
    """The municipality's word for a role, or a neutral one while it has named none."""
    named: str | None = getattr(roles, name)
    if named:
        return named
    neutral: str = lang.labels(language)["roles"][name]
    return neutral


def applies_to(municipality: Municipality, language: str) -> str:
    """«alle som jobber i Ås kommune», or the groups the data names: «ansatte, ledere og
    folkevalgte i Ås kommune»."""
    words = lang.labels(language)
    patterns: dict[str, str] = words["applies_to"]
    if not municipality.applies_to:
        return patterns["everyone"].format(municipality=municipality.name)
    groups = lang.join([words["groups"][group] for group in municipality.applies_to], language)
    return patterns["listed"].format(groups=groups, municipality=municipality.name)


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
        **{
            name: role(roles, name, language)
            for name in ("editor", "communications_unit", "account_approver", "crisis_lead", "contact")
        },
        **document_type.self_references(municipality, language),
        "applies_to": applies_to(municipality, language),
        # Titles differ (rådmann or kommunedirektør, kommunchef or kommundirektör), so the
        # text names none of its own.
        "crisis_spokespeople": lang.join(roles.crisis_spokespeople, language)
        or words["defaults"]["crisis_spokespeople"],
        "answer_hours": answer_hours(municipality, language),
        "response_time": words["response_time"][policy.response_time.value],
        "update_frequency": words["update_frequency"][policy.update_frequency],
        "max_posts_per_week": optional(policy.max_posts_per_week, "policy.max_posts_per_week"),
        "inactive_period": lang.counted(policy.inactive_months, "months", language),
        "max_posts": lang.counted(policy.max_posts_per_week, "posts", language)
        if policy.max_posts_per_week
        else Missing("policy.max_posts_per_week"),
        # Alternatives: a comment is in one language or another.
        "comment_languages": lang.join_alternatives(
            policy.comment_languages or words["defaults"]["comment_languages"], language
        ),
        "deletion_record": policy.deletion_record or words["defaults"]["deletion_record"],
        "min_admins": lang.count_word(policy.min_administrators_for(None), language),
        "min_admins_phrase": administrators.minimum_phrase(policy, language),
        "max_admins_phrase": administrators.maximum_phrase(policy, language) or Missing("policy.max_administrators"),
        "consent_age_online": str(policy.consent_age_online),
        "consent_age_photo": str(policy.consent_age_photo),
        # Never the home page instead: without the page, a clause's `.otherwise` says it
        # without a link (content.settle_alternatives).
        "privacy_url": optional(policy.privacy_url, "policy.privacy_url"),
        "house_rules_url": optional(policy.house_rules_url, "policy.house_rules_url"),
        "adopted_by": optional(adoption.body, "adoption.body"),
        "adopted_date": adopted.in_words(adoption.date, language) if adoption.date else Missing("adoption.date"),
        "case_reference": optional(adoption.case_reference, "adoption.case_reference"),
        "version": adoption.version,
    }
    values.update(shared.values(municipality, language, values))
    if kind in municipality.content:
        values.update(municipality.content[kind].values)
    return values
