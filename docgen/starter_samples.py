"""The sample values of `docgen new`'s starter file, in the municipality's language:
each valid as it stands, so the starter validates and builds before anything is changed.

`Samples.values` are written as they are; `Samples.examples` are shown commented out, for
the optional fields a municipality opts in to. Both are keyed by the field's dotted path
in the data file (without list indexes). A field in neither is written with its default,
or left out when it has none; a required field must have a sample (docgen.starter).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from docgen.identifiers import slugify
from docgen.language import COUNTRY

# Placeholder words per language: roles in definite form, as they are used in sentences.
_WORDS: dict[str, dict[str, Any]] = {
    "nb": {
        "editor": "kommunikasjonssjefen",
        "unit": "kommunikasjonsavdelingen",
        "approver": "kommunikasjonssjefen",
        "crisis": "kriseledelsen",
        "approvers": ["enhetsleder", "kommunedirektør"],
        "body": "kommunestyret",
        "people": ("Kari Nordmann", "Ola Nordmann"),
        "title": "kommunikasjonsrådgiver",
        "comment_languages": ["norsk", "engelsk"],
        "account_unit": "Kommunikasjonsavdelingen",
        "purpose": "Nyheter og dialog med innbyggerne",
        "audience": "Innbyggerne",
        "box": "Postboks 1",
        "street": "Rådhusgata 1",
        "county": "Akershus",
        "management": "ledergruppen",
        "goal": "Nytt denne uka",
        "spokespeople": ["ordføreren", "kommunedirektøren"],
        "privacy_page": "personvern",
        "house_rules_page": "husregler",
        "clause": "Biblioteket har en egen konto på Instagram.",
        "event": "Åpent møte om den nye barnehagen",
        "deletion_record": "skjermbildet arkiveres i saken",
        "monitoring": "På hverdager mellom 8 og 16",
        "credentials": "I passordtjenesten til kommunikasjonsavdelingen",
    },
    "nn": {
        "editor": "kommunikasjonssjefen",
        "unit": "kommunikasjonsavdelinga",
        "approver": "kommunikasjonssjefen",
        "crisis": "kriseleiinga",
        "approvers": ["einingsleiar", "kommunedirektør"],
        "body": "kommunestyret",
        "people": ("Kari Nordmann", "Ola Nordmann"),
        "title": "kommunikasjonsrådgjevar",
        "comment_languages": ["norsk", "engelsk"],
        "account_unit": "Kommunikasjonsavdelinga",
        "purpose": "Nyhende og dialog med innbyggjarane",
        "audience": "Innbyggjarane",
        "box": "Postboks 1",
        "street": "Rådhusgata 1",
        "county": "Vestland",
        "management": "leiargruppa",
        "goal": "Nytt denne veka",
        "spokespeople": ["ordføraren", "kommunedirektøren"],
        "privacy_page": "personvern",
        "house_rules_page": "husreglar",
        "clause": "Biblioteket har ein eigen konto på Instagram.",
        "event": "Ope møte om den nye barnehagen",
        "deletion_record": "skjermbiletet blir arkivert i saka",
        "monitoring": "På kvardagar mellom 8 og 16",
        "credentials": "I passordtenesta til kommunikasjonsavdelinga",
    },
    "sv": {
        "editor": "informationsansvarig",
        "unit": "kommunikationsenheten",
        "approver": "kommunchefen",
        "crisis": "krisledningen",
        "approvers": ["förvaltningschef", "kommunchef"],
        "body": "kommunfullmäktige",
        "people": ("Anna Andersson", "Sven Svensson"),
        "title": "kommunikatör",
        "comment_languages": ["svenska", "engelska"],
        "account_unit": "Kommunikationsenheten",
        "purpose": "Nyheter och dialog med invånarna",
        "audience": "Invånarna",
        "box": "Box 1",
        "street": "Stadshusgatan 1",
        "county": "Örebro län",
        "management": "ledningsgruppen",
        "goal": "Veckans nyheter",
        "spokespeople": ["kommunstyrelsens ordförande", "kommunchefen"],
        "privacy_page": "personuppgifter",
        "house_rules_page": "ordningsregler",
        "clause": "Biblioteket har ett eget konto på Instagram.",
        "event": "Öppet möte om den nya förskolan",
        "deletion_record": "skärmbilden sparas i ärendet",
        "monitoring": "Vardagar mellan 8 och 16",
        "credentials": "I kommunikationsenhetens lösenordstjänst",
    },
}


# Placeholder phone number, organisation number (valid check digit) and postcode.
_NUMBERS = {"NO": ("22 00 00 00", "123456785", "1234"), "SE": ("08-123 456 78", "212000-0001", "123 45")}


def _handle(person: str) -> str:
    return re.sub(r"[^a-z]+", ".", person.lower().translate(str.maketrans("åäöæø", "aaoao"))).strip(".")


@dataclass(frozen=True)
class Samples:
    values: dict[str, Any]
    examples: dict[str, Any]


def samples(slug: str, name: str, language: str, today: dt.date) -> Samples:
    words = _WORDS[language]
    country = COUNTRY[language]
    domain = f"{slug}.kommune.no" if country == "NO" else f"{slug}.se"
    phone, organisation_number, postcode = _NUMBERS[country]
    short_name = re.sub(r"\s+kommun(e)?$", "", name.strip()) or name
    first, second = words["people"]
    account = slugify(f"facebook-{name}")
    address = {"street": words["box"], "postcode": postcode, "city": short_name}
    values = {
        "name": name,
        "short_name": short_name,
        "country": country,
        "language": language,
        "website": f"https://www.{domain}/",
        "email": f"postmottak@{domain}" if country == "NO" else f"kommun@{domain}",
        "roles.editor": words["editor"],
        "roles.communications_unit": words["unit"],
        "roles.account_approver": words["approver"],
        "roles.crisis_lead": words["crisis"],
        "roles.contact": words["unit"],
        "roles.approvers": words["approvers"],
        "adoption.status": "draft",
        "adoption.date": today,
        "policy.comment_languages": words["comment_languages"],
        "accounts": [
            {
                "platform": "facebook",
                "name": name,
                "url": f"https://www.facebook.com/{slug.replace('-', '')}",
                "kind": "main",
                "unit": words["account_unit"],
                "purpose": words["purpose"],
                "audience": words["audience"],
                "administrators": [
                    {"name": first, "title": words["title"], "email": f"{_handle(first)}@{domain}"},
                    {"name": second, "email": f"{_handle(second)}@{domain}"},
                ],
                "start_date": today,
            }
        ],
    }
    examples = {
        "county": words["county"],
        "phone": phone,
        "organisation_number": organisation_number,
        "postal_address": address,
        "visiting_address": {**address, "street": words["street"]},
        "profile.logo": "logo.svg",
        "roles.crisis_spokespeople": words["spokespeople"],
        "adoption.body": words["body"],
        "adoption.case_reference": "26/123",
        "adoption.revision_date": today.replace(year=today.year + 2),
        "policy.max_posts_per_week": 10,
        "policy.deletion_record": words["deletion_record"],
        "policy.privacy_url": f"https://www.{domain}/{words['privacy_page']}/",
        "policy.house_rules_url": f"https://www.{domain}/{words['house_rules_page']}/",
        "accounts.update_frequency": "weekly",
        "accounts.answer_days": "weekdays",
        "accounts.answer_from": "09.00",
        "accounts.answer_to": "15.00",
        "accounts.monitoring": words["monitoring"],
        "accounts.hours_per_week": 2,
        "accounts.credentials_stored": words["credentials"],
        "accounts.end_date": today.replace(year=today.year + 1),
        "content": {
            "strategy": {
                "omit": ["strategy.private-use.contact"],
                "add": [{"after": "strategy.channels.kinds", "id": "strategy.local.library", "text": words["clause"]}],
            }
        },
        "publishing_plan": {
            "period": {"from": today, "to": today + dt.timedelta(weeks=8)},
            "owner": words["editor"],
            "presented_to": words["management"],
            "posts": [
                {
                    "account": account,
                    "weekly": {"weekdays": ["monday", "thursday"]},
                    "time": "09.00",
                    "content_type": "news",
                    "goal": words["goal"],
                    "responsible": words["account_unit"],
                },
                {
                    "account": account,
                    "date": today,
                    "time": "12.00",
                    "content_type": "event",
                    "goal": words["event"],
                    "responsible": words["account_unit"],
                },
            ],
        },
    }
    return Samples(values, examples)
