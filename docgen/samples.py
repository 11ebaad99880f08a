"""Validation's warning where the sample values `docgen new` wrote (docgen.starter_samples,
the one place they are defined) are still in the data: a sample name or a guessed address
would otherwise be printed in the documents as if it were true."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.entry import Entry, Loc
from docgen.starter_samples import NUMBERS, WORDS, guessed_account_url, guessed_domain, sample_email


def sample_values(entry: Entry) -> Iterator[tuple[Loc, str, bool]]:
    """A warning for every sample value of the starter file still in the data. A value
    counts as the sample only as the starter wrote it (the sample people with their
    e-mail addresses in the account at the guessed address, a sample street with the
    sample postcode), so the invented names of an example file are not taken for it."""
    municipality = entry.municipality
    domain = guessed_domain(entry.slug, municipality.country)
    people = {person for words in WORDS.values() for person in words["people"]}
    phone, organisation_number, postcode = NUMBERS[municipality.country]
    streets = {words[key] for words in WORDS.values() for key in ("box", "street")}
    found: list[tuple[Loc, str]] = []
    if municipality.phone == phone:
        found.append((("phone",), municipality.phone))
    if municipality.organisation_number == organisation_number:
        found.append((("organisation_number",), municipality.organisation_number))
    for field in ("postal_address", "visiting_address"):
        address = getattr(municipality, field)
        if address and address.street in streets and address.postcode == postcode:
            found.append(((field, "street"), address.street))
    for index, account in enumerate(municipality.accounts):
        if account is None:
            continue
        if str(account.url) != guessed_account_url(entry.slug):
            continue  # not the starter's sample account
        found.append((("accounts", index, "url"), str(account.url)))
        for group in ("administrators", "operators"):
            for number, person in enumerate(getattr(account, group)):
                if person.name in people and person.email == sample_email(person.name, domain):
                    found.append((("accounts", index, group, number, "name"), person.name))
    for loc, value in found:
        yield loc, f"'{value}' is the sample value docgen new wrote; replace it with the real one", True
