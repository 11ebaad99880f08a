"""A municipality as loaded, and the location of a value in its data file.

These sit below the loader, the business rules and the document kinds, which all use
them: so none of the three has to import another to name what it works on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from docgen.errors import Problem
from docgen.model import Municipality

# Where a value is in the data: keys and list indexes, e.g. ('accounts', 1, 'url').
Loc = tuple[str | int, ...]
# What a business rule finds: (location, message, is_warning), or with a fourth item, the
# location of the line it is held against, which the message then names.
Finding = tuple[Loc, str, bool] | tuple[Loc, str, bool, Loc]


@dataclass(frozen=True)
class Entry:
    """A municipality as loaded: its slug, its file and its validated data, with its free
    text in the primary language; `in_language` gives it in another language it builds."""

    slug: str
    path: Path
    municipality: Municipality
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    translations: Mapping[str, Municipality] = field(default_factory=dict, compare=False)
    language: str | None = None  # the language of the free text; None: the primary one

    @property
    def text_language(self) -> str:
        return self.language or self.municipality.language

    def in_language(self, language: str) -> Entry:
        """The entry with every free-text value in `language`: what its documents in
        that language are built from."""
        if language == self.text_language:
            return self
        if language not in self.translations:
            raise ValueError(f"{self.slug} is not built in {language}")
        return replace(self, municipality=self.translations[language], language=language)

    @property
    def folder(self) -> Path:
        """Where the municipality's assets (logo, fonts) live."""
        return self.path.parent / self.slug

    @property
    def templates(self) -> Path:
        """Where the municipality's own templates live, each replacing docgen's template
        at the same relative path (docgen.template_path)."""
        return self.folder / "templates"


def dotted(loc: Loc) -> str:
    """('accounts', 1, 'url') → 'accounts[1].url'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
