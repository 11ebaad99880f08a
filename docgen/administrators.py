"""How many administrators an account must have (policy.min_administrators, one number
or one per account kind) and may have (policy.max_administrators): in words for the
texts, and held against each account for validation."""

from __future__ import annotations

from collections.abc import Iterator

from docgen import language as lang
from docgen.model import Account, AccountKind, Policy


def minimum_phrase(policy: Policy, language: str, kind: AccountKind | None = None) -> str:
    """«to administratorer» for one kind; for every kind at once, the kinds whose minimum
    differs from the default follow: «to administratorer, men hovedkontoer minst én»."""
    default = policy.min_administrators_for(kind)
    rule = lang.counted(default, "administrators", language)
    if kind is not None:
        return rule
    words = lang.labels(language)["administrators_by_kind"]
    exceptions = [
        words["exception"].format(kinds=words["kinds"][other.value], count=lang.count_word(count, language))
        for other in AccountKind
        if (count := policy.min_administrators_for(other)) != default
    ]
    if not exceptions:
        return rule
    return str(words["pattern"].format(rule=rule, exceptions=lang.join(exceptions, language)))


def maximum_phrase(policy: Policy, language: str) -> str | None:
    """«fem administratorer», or None when the policy sets no maximum."""
    if policy.max_administrators is None:
        return None
    return lang.counted(policy.max_administrators, "administrators", language)


def problems(account: Account, policy: Policy) -> Iterator[str]:
    """What is wrong with the number of the account's administrators, in words."""
    count = len(account.administrators)
    minimum = policy.min_administrators_for(account.kind)
    if count < minimum:
        which = "" if isinstance(policy.min_administrators, int) else f" {account.kind.value}"
        yield f"every{which} account needs at least {_administrators(minimum)}; this one has {count}"
    most = policy.max_administrators
    if most is not None and count > most:
        yield f"an account may have at most {_administrators(most)} (policy.max_administrators); this one has {count}"


def _administrators(count: int) -> str:
    return f"{count} administrator" + ("" if count == 1 else "s")
