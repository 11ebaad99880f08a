"""The rules that several kinds state, defined once.

The strategy, the house rules and the poster all say what we remove, where formal
enquiries go and whether posts are public documents. Each of those is one clause in
`templates/content/<lang>/shared.md`, filled into the kinds as a placeholder, so the
documents can never disagree. Values that are one piece of data (answer hours, consent
ages, who leads in a crisis) are placeholders in docgen.context, one source as well.
"""

from __future__ import annotations

from collections.abc import Mapping

from docgen import content
from docgen.content import ClauseSource, Value
from docgen.errors import ContentError
from docgen.model import Municipality

KIND = "shared"
PREFIX = KIND + "."


def clause(language: str, name: str) -> ClauseSource:
    for found in content.clauses(language, KIND):
        if found.id == PREFIX + name:
            return found
    raise ContentError(f"clause {PREFIX}{name} is missing from the {language} shared text")


def values(municipality: Municipality, language: str, context: Mapping[str, Value]) -> dict[str, Value]:
    """The shared clauses as placeholders: `{removal_list}` is `shared.removal-list`.

    A one-paragraph clause becomes text, so it can stand inside a sentence; a longer one
    (a list) becomes blocks. Where formal enquiries go depends on the data: the postal
    address is named only when the data gives one.
    """
    enquiry = "enquiry-email-and-post" if municipality.postal_address else "enquiry-email"
    found: dict[str, Value] = {"enquiry_address": content.text_of(clause(language, enquiry), context)}
    for source in content.clauses(language, KIND):
        name = source.id.removeprefix(PREFIX)
        if name.startswith("enquiry-"):
            continue
        key = name.replace("-", "_")
        one_paragraph = "\n\n" not in source.text and not source.text.lstrip().startswith(("-", "1."))
        found[key] = content.text_of(source, context) if one_paragraph else content.blocks_of(source, context)
    return found
