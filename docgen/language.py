"""Language conventions: dates, clock times, lists and the interface words of each
language. Dates come from Babel; the rest from templates/content/<lang>/labels.yaml."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from ruamel.yaml import YAML

from docgen.paths import TEMPLATES

LANGUAGES = ("nb", "nn", "sv")
COUNTRY = {"nb": "NO", "nn": "NO", "sv": "SE"}


@cache
def labels(language: str) -> dict[str, Any]:
    """The interface words and phrase patterns of one language."""
    path = TEMPLATES / "content" / language / "labels.yaml"
    words: dict[str, Any] = _plain(YAML(typ="safe").load(Path(path).read_text(encoding="utf-8")))
    return words


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def long_date(date: dt.date, language: str) -> str:
    """1. januar 2026 (nb, nn) or 13 december 2026 (sv)."""
    return format_date(date, format="long", locale=language)


def short_date(date: dt.date, language: str) -> str:
    """1.1.2026 (nb, nn) or 2026-12-13 (sv)."""
    return date.isoformat() if language == "sv" else f"{date.day}.{date.month}.{date.year}"


def clock(time: str, language: str) -> str:
    """09.00 in Norwegian; 9.00 in Swedish, which drops the leading zero."""
    hours, minutes = time.replace(":", ".").split(".")
    return f"{int(hours)}.{minutes}" if language == "sv" else f"{hours}.{minutes}"


def join(items: list[str], language: str) -> str:
    """a, b og c / a, b och c."""
    return format_list(items, locale=language) if items else ""


def join_alternatives(items: list[str], language: str) -> str:
    """a, b eller c / a, b or c: for choices, where «og» would say both at once."""
    return format_list(items, style="or", locale=language) if items else ""


def count_word(count: int, language: str) -> str:
    """Small numbers in words in running text («to», «två»); from 13 on, digits."""
    words = labels(language)["numbers"]
    return words[count - 1] if 1 <= count <= len(words) else str(count)


def counted(count: int, noun: str, language: str) -> str:
    """«én administrator», «to administratorer»: the number in words, the noun agreeing."""
    forms: dict[str, str] = labels(language)["nouns"][noun]
    return (forms["one"] if count == 1 else forms["other"]).format(count=count_word(count, language))


def number(value: float, language: str) -> str:
    """Decimal comma; whole numbers without decimals."""
    text = f"{value:g}"
    return text.replace(".", ",")


def quote(text: str, language: str) -> str:
    """«…» in Norwegian, ”…” in Swedish."""
    return f"”{text}”" if language == "sv" else f"«{text}»"
