"""What the main document calls itself: a strategy, guidelines or a policy
(`document_type`, by default the language's usual word), and the words the text uses to
refer to it («denne strategien», «retningslinjene», «den här policyn»).

The forms live in labels.yaml `document_types`, one set per language and type, so every
clause says `{this_document}` or `{The_document}` and agrees in gender and number
whatever the municipality calls its document.
"""

from __future__ import annotations

from docgen import language as lang
from docgen.model import Municipality

# Placeholder name: the form in labels.yaml `document_types.<type>`.
FORMS = {"document_type": "name", "this_document": "this", "the_document": "the", "it_document": "it"}


def of(municipality: Municipality, language: str) -> str:
    """strategy, guidelines or policy."""
    return municipality.document_type or lang.labels(language)["document_types"]["default"]


def self_references(municipality: Municipality, language: str) -> dict[str, str]:
    """Every form as a placeholder, and each again with a capital for a sentence's start
    ({This_document}: «Denne strategien»)."""
    forms = lang.labels(language)["document_types"][of(municipality, language)]
    words = {name: forms[form] for name, form in FORMS.items()}
    return {**words, **{_capital(name): _capital(text) for name, text in words.items()}}


def file_stem(municipality: Municipality, language: str) -> str:
    """strategi-for-sosiale-medier, retningslinjer-for-sosiale-medier, …"""
    stem: str = lang.labels(language)["files"]["strategy"][of(municipality, language)]
    return stem


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
