"""What the strategy says of the municipality's own aims and governing documents: its
vision quoted, its own goals for social media, and the other governing documents
(ethical guidelines, communication strategy, …) the strategy rests on.

Each is a placeholder of the strategy's clauses. A value the data does not give is
Missing, so the clause's `.otherwise` alternative is said instead (content.settle_alternatives).
"""

from __future__ import annotations

from docgen import language as lang
from docgen.adoption import in_words
from docgen.content import Missing, Value
from docgen.document import Block, Inline, Link, ListBlock, Paragraph, Text
from docgen.model import Municipality, Reference


def placeholders(municipality: Municipality, language: str) -> dict[str, Value]:
    return {
        "vision": lang.quote(municipality.vision, language) if municipality.vision else Missing("vision"),
        "own_goals": _items(municipality.goals.own) if municipality.goals.own else Missing("goals.own"),
        "basis_documents": basis(municipality, language),
        "documents_list": documents(municipality.references, language) or Missing("references"),
    }


def basis(municipality: Municipality, language: str) -> str:
    """What the strategy rests on: the documents the data names, quoted, else the
    language's usual pair (the communication strategy and the ethical guidelines)."""
    titles = [lang.quote(reference.title, language) for reference in municipality.references]
    return lang.join(titles, language) or lang.labels(language)["defaults"]["basis_documents"]


def documents(references: list[Reference], language: str) -> list[Block]:
    """The governing documents as a list: each title (linked when it is published) with
    who adopted it and when, as far as the data says."""
    items: list[tuple[Block, ...]] = []
    for reference in references:
        title: Inline = Text(reference.title)
        if reference.url:
            title = Link(str(reference.url), (title,))
        details = [part for part in (reference.adopted_by, reference.date and in_words(reference.date, language)) if part]
        pattern = lang.labels(language)["reference"]
        content = (title, Text(pattern.format(details=", ".join(details)))) if details else (title,)
        items.append((Paragraph(content),))
    return [ListBlock(False, tuple(items))] if items else []


def _items(texts: list[str]) -> list[Block]:
    return [ListBlock(False, tuple((Paragraph((Text(text),)),) for text in texts))]
