"""A municipality's short name from its official name: «Ås kommune» → Ås,
«Valdemarsviks kommun» → Valdemarsvik, «Borås stad» → Borås."""

from __future__ import annotations

import re

# Swedish puts the name in the genitive before «kommun» and «stad» (Kils kommun,
# Göteborgs stad), but a name that ends in -s already takes no second s (Borås stad,
# Bollnäs kommun). These are the endings of such names; Norwegian uses no genitive here.
_ENDS_IN_S = ("fors", "näs", "ås", "ums", "ss", "x", "z")
_NORWEGIAN = re.compile(r"\s+kommune$", re.IGNORECASE)
_SWEDISH = re.compile(r"(s?)\s+(kommun|stad)$", re.IGNORECASE)


def short_name_of(name: str) -> str:
    """The name without «kommune», «kommun» or «stad», and without a Swedish genitive s."""
    name = " ".join(name.split())
    if _NORWEGIAN.search(name):
        return _NORWEGIAN.sub("", name) or name
    match = _SWEDISH.search(name)
    if not match:
        return name
    stem = name[: match.start()]
    if match.group(1) and (stem + "s").lower().endswith(_ENDS_IN_S):
        stem += "s"  # the s belongs to the name itself
    return stem or name
