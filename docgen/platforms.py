"""How much text each platform's fields hold, and how docgen counts characters.

The numbers come from the fact sheet /work/shared/reference/legal-and-platform-facts.md
("Platform limits"), which takes them from third-party guides (2025–2026). Platforms
change them without notice, so they are data: one table, one line each.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from docgen.document import TextLimit

# (platform, field) -> characters. Facebook's page intro is reported as 101, 155 or 255;
# the fact sheet says to use the smallest.
LIMITS: dict[tuple[str, str], int] = {
    ("facebook", "post"): 63_206,
    ("facebook", "page intro"): 101,
    ("instagram", "caption"): 2_200,
    ("instagram", "bio"): 150,
    ("x", "post"): 280,
    ("x", "bio"): 160,
    ("linkedin", "post"): 3_000,
    ("linkedin", "company description"): 2_000,
    ("youtube", "channel description"): 1_000,
    ("tiktok", "caption"): 4_000,
    ("tiktok", "bio"): 80,
    ("threads", "post"): 500,
}

NAMES = {"facebook": "Facebook", "instagram": "Instagram", "x": "X", "linkedin": "LinkedIn",
         "youtube": "YouTube", "tiktok": "TikTok", "threads": "Threads"}  # fmt: skip

# Where a long text (a whole set of rules, pinned or posted) goes on each platform. X and
# Threads posts are too short for one, and YouTube has no posts in the table: there the
# short text with a link goes in the profile instead.
LONG_TEXT = {"facebook": "post", "instagram": "caption", "linkedin": "post", "tiktok": "caption"}
# Where a short text pointing to the website goes: the profile's description.
SHORT_TEXT = {
    "facebook": "page intro",
    "instagram": "bio",
    "x": "bio",
    "linkedin": "company description",
    "youtube": "channel description",
    "tiktok": "bio",
    "threads": "post",
}


def limits(platforms: Iterable[str], fields: dict[str, str]) -> tuple[TextLimit, ...]:
    """The limits of `fields` (LONG_TEXT or SHORT_TEXT) on the given platforms, tightest
    first; platforms without such a field (Flickr, a blog) have no limit here."""
    found = {
        TextLimit(f"{NAMES[platform]} {fields[platform]}", LIMITS[platform, fields[platform]])
        for platform in set(platforms)
        if platform in fields
    }
    return tuple(sorted(found, key=lambda limit: (limit.characters, limit.field)))


def characters(text: str) -> int:
    """The length of `text` as the platforms count it.

    Assumption: Facebook and the others count Unicode code points of the composed (NFC)
    text, a line break being one character. Our default text is all in the Basic
    Multilingual Plane, where this equals the UTF-16 count a browser's counter shows;
    an emoji from the data may count as two there, so keep a little margin.
    """
    return len(unicodedata.normalize("NFC", text))
