"""The rules that several kinds state, defined once.

The strategy and the house rules both say what we remove, how we answer and whether
posts are public documents; they and the poster say where formal enquiries go. Each of those is one clause in
`templates/content/<lang>/shared.md`, filled into the kinds as a placeholder, so the
documents can never disagree. Values that are one piece of data (answer hours, consent
ages, who leads in a crisis) are placeholders in docgen.context, one source as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from docgen import content
from docgen.content import ClauseSource, Value
from docgen.document import Paragraph
from docgen.errors import ContentError
from docgen.model import ContentChoices, Municipality

KIND = "shared"
PREFIX = KIND + "."


def clause(language: str, name: str) -> ClauseSource:
    for found in content.clauses(language, KIND):
        if found.id == PREFIX + name:
            return found
    raise ContentError(f"clause {PREFIX}{name} is missing from the {language} shared text")


def values(municipality: Municipality, language: str, context: Mapping[str, Value]) -> dict[str, Value]:
    """The shared clauses as placeholders: `{removal_list}` is `shared.removal-list` with
    the clauses within it (`shared.removal-list.threats`, one list item each), as the
    data chooses them and as `content.shared` tailors them, for every kind alike.

    A one-paragraph clause becomes text, so it can stand inside a sentence; a longer one
    (a list) becomes blocks. Where formal enquiries go depends on the data: the postal
    address is named only when the data gives one.
    """
    enquiry = "enquiry-email-and-post" if municipality.postal_address else "enquiry-email"
    found: dict[str, Value] = {"enquiry_address": content.text_of(clause(language, enquiry), context)}
    chosen = content.choose(
        content.clauses(language, KIND), municipality.content.get(KIND, ContentChoices()), Path(), municipality
    )
    groups: dict[str, list[ClauseSource]] = {}
    for source in content.settle_alternatives(chosen, context):
        name = source.id.removeprefix(PREFIX).split(".")[0]
        if not name.startswith("enquiry-"):
            groups.setdefault(name.replace("-", "_"), []).append(source)
    for key, sources in groups.items():
        blocks = content.merged([content.blocks_of(source, context) for source in sources if source.text])
        one_paragraph = len(blocks) == 1 and isinstance(blocks[0], Paragraph)
        found[key] = content.text_of(sources[0], context) if one_paragraph and len(sources) == 1 else blocks
    return found
