"""What every document kind shares: outputs, clause assembly and document metadata."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from docgen import adoption, content, template_path
from docgen import language as lang
from docgen.context import placeholders
from docgen.document import Document, Meta, Profile, Section
from docgen.errors import RenderError
from docgen.entry import Entry
from docgen.model import ContentChoices, Municipality


@dataclass(frozen=True)
class Output:
    """One document a kind makes for a municipality in a language, in some formats."""

    stem: str  # file name without suffix, as a communications officer knows it
    formats: tuple[str, ...]
    variant: str | None = None
    account: str | None = None  # the account's slug, for per-account documents

    def describe(self, kind: str) -> str:
        """Which document this is, for a message: 'activity-plan for account facebook-nora'."""
        return f"{kind} for account '{self.account}'" if self.account else f"{kind} ({self.variant or 'document'})"


class Kind:
    name: ClassVar[str]
    formats: ClassVar[tuple[str, ...]]

    def outputs(self, entry: Entry, language: str) -> list[Output]:
        return [Output(lang.labels(language)["files"][self.name], self.formats)]

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        raise NotImplementedError

    def explain(self, error: RenderError, document: Document) -> RenderError:
        """A writer's failure told in this kind's terms (the poster says which rules to
        cut); as the writer put it by default."""
        return error

    # Shared steps ---------------------------------------------------------------

    def choices(self, municipality: Municipality) -> ContentChoices:
        return municipality.content.get(self.name, ContentChoices())

    def assemble(
        self, entry: Entry, language: str, extra: Mapping[str, content.Value] | None = None
    ) -> tuple[str, tuple[Section, ...]]:
        """The document's title and its sections, with the municipality's choices applied.

        The clause `<kind>.title` holds the default title; it is not a section.
        """
        context = {**placeholders(entry.municipality, language, self.name), **(extra or {})}
        chosen = self.chosen(entry, language)
        body = [clause for clause in chosen if clause.id != f"{self.name}.title"]
        return self.title(entry, chosen, context), content.sections(body, context)

    def chosen(self, entry: Entry, language: str) -> list[content.ClauseSource]:
        """The default clauses with the municipality's omit / replace / add applied."""
        return content.choose(
            self.library(entry, language), self.choices(entry.municipality), entry.path, entry.municipality
        )

    def library(self, entry: Entry, language: str) -> tuple[content.ClauseSource, ...]:
        """The kind's default clauses, from the municipality's own clause file if it has one."""
        return template_path.clauses(language, self.name, entry.templates)

    def title(self, entry: Entry, chosen: list[content.ClauseSource], context: Mapping[str, content.Value]) -> str:
        """The municipality's own title, else the text of the `<kind>.title` clause."""
        own = self.choices(entry.municipality).title
        if own:
            return own
        titles = [clause for clause in chosen if clause.id == f"{self.name}.title"]
        return content.text_of(titles[0], context) if titles else ""

    def meta(self, entry: Entry, language: str, title: str, **extra: Any) -> Meta:
        if entry.text_language != language:
            # Every kind passes here: no document is made with the data's text in another language.
            raise ValueError(f"a {language} {self.name} of {entry.slug} needs entry.in_language({language!r})")
        municipality = entry.municipality
        return Meta(
            title=title,
            language=language,
            author=municipality.name,
            date=adoption.document_date(municipality.adoption),
            category=self.name,
            labels=lang.labels(language)["interface"],
            **extra,
        )

    def profile(self, entry: Entry) -> Profile:
        visual = entry.municipality.profile
        return Profile(
            primary_colour=visual.primary_colour,
            accent_colour=visual.accent_colour,
            logo=entry.folder / visual.logo if visual.logo else None,
            fonts=tuple(entry.folder / font for font in visual.fonts),
            templates=entry.templates if entry.templates.is_dir() else None,
        )

