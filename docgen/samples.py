"""The sample values `docgen new` writes into a starter file, in one place: the starter
uses them, and validation warns where they are still there (a sample name or a guessed
address would otherwise be printed in the documents as if it were true)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.load import Entry, Loc

# Placeholder words per language: roles in definite form, as they are used in sentences.
WORDS: dict[str, dict[str, Any]] = {
    "nb": {
        "editor": "kommunikasjonssjefen",
        "unit": "kommunikasjonsavdelingen",
        "approver": "kommunikasjonssjefen",
        "crisis": "kriseledelsen",
        "approvers": "[enhetsleder, kommunedirektør]",
        "body": "kommunestyret",
        "people": ("Kari Nordmann", "Ola Nordmann"),
        "title": "kommunikasjonsrådgiver",
        "comment_languages": "[norsk, engelsk]",
        "account_unit": "Kommunikasjonsavdelingen",
        "purpose": "Nyheter og dialog med innbyggerne",
        "audience": "Innbyggerne",
        "box": "Postboks 1",
        "street": "Rådhusgata 1",
        "county": "Akershus",
        "management": "ledergruppen",
        "goal": "Nytt denne uka",
    },
    "nn": {
        "editor": "kommunikasjonssjefen",
        "unit": "kommunikasjonsavdelinga",
        "approver": "kommunikasjonssjefen",
        "crisis": "kriseleiinga",
        "approvers": "[einingsleiar, kommunedirektør]",
        "body": "kommunestyret",
        "people": ("Kari Nordmann", "Ola Nordmann"),
        "title": "kommunikasjonsrådgjevar",
        "comment_languages": "[norsk, engelsk]",
        "account_unit": "Kommunikasjonsavdelinga",
        "purpose": "Nyhende og dialog med innbyggjarane",
        "audience": "Innbyggjarane",
        "box": "Postboks 1",
        "street": "Rådhusgata 1",
        "county": "Vestland",
        "management": "leiargruppa",
        "goal": "Nytt denne veka",
    },
    "sv": {
        "editor": "informationsansvarig",
        "unit": "kommunikationsenheten",
        "approver": "kommunchefen",
        "crisis": "krisledningen",
        "approvers": "[förvaltningschef, kommunchef]",
        "body": "kommunfullmäktige",
        "people": ("Anna Andersson", "Sven Svensson"),
        "title": "kommunikatör",
        "comment_languages": "[svenska, engelska]",
        "account_unit": "Kommunikationsenheten",
        "purpose": "Nyheter och dialog med invånarna",
        "audience": "Invånarna",
        "box": "Box 1",
        "street": "Stadshusgatan 1",
        "county": "Örebro län",
        "management": "ledningsgruppen",
        "goal": "Veckans nyheter",
    },
}


# Placeholder phone number, organisation number (valid check digit) and postcode.
_NUMBERS = {"NO": ("22 00 00 00", "123456785", "1234"), "SE": ("08-123 456 78", "212000-0001", "123 45")}


# Placeholder phone number, organisation number (valid check digit) and postcode.
NUMBERS = {"NO": ("22 00 00 00", "123456785", "1234"), "SE": ("08-123 456 78", "212000-0001", "123 45")}


def guessed_domain(slug: str, country: str) -> str:
    """The web domain the starter guesses from the slug."""
    return f"{slug}.kommune.no" if country == "NO" else f"{slug}.se"


def sample_email(person: str, domain: str) -> str:
    """kari.nordmann@lesja.kommune.no"""
    handle = re.sub(r"[^a-z]+", ".", person.lower().translate(str.maketrans("åäöæø", "aaoao"))).strip(".")
    return f"{handle}@{domain}"


def guessed_account_url(slug: str) -> str:
    """The Facebook address the starter guesses from the slug."""
    return f"https://www.facebook.com/{slug.replace('-', '')}"


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
