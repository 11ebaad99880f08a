"""Checks and conversions for identifiers found in municipal data: organisation
numbers, e-mail addresses, phone numbers and slugs."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from email_validator import EmailNotValidError, validate_email

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "Æ": "ae", "Ø": "o", "Å": "a"})


def slugify(text: str) -> str:
    """'Facebook – Nora kommun' → 'facebook-nora-kommun' (Nordic letters folded to ASCII)."""
    text = text.translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def is_slug(text: str) -> bool:
    """A name that can be a folder or file name as it is: 'nora', 'ostre-toten'."""
    return bool(text) and slugify(text) == text


def check_email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(f"is not a valid e-mail address ({error})") from None


def check_phone(value: str) -> str:
    """Accept national (Norwegian or Swedish) or international numbers as written."""
    for region in ("NO", "SE"):
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return value
    raise ValueError("is not a valid phone number; write it as e.g. 64 96 20 00 or +46 587 810 00")


def _mod11_ok(digits: str) -> bool:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(digits[:8], weights)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def check_organisation_number(value: str, country: str) -> str:
    if country == "NO":
        digits = value.replace(" ", "")
        if not re.fullmatch(r"\d{9}", digits):
            raise ValueError("a Norwegian organisation number has 9 digits, e.g. 964 948 798")
        if not _mod11_ok(digits):
            raise ValueError(f"{value} has a wrong check digit; check the number in Enhetsregisteret")
    else:
        if not re.fullmatch(r"\d{6}-\d{4}", value):
            raise ValueError("a Swedish organisation number is written NNNNNN-NNNN, e.g. 212000-1967")
        if not _luhn_ok(value.replace("-", "")):
            raise ValueError(f"{value} has a wrong check digit; check the number with Bolagsverket")
    return value
