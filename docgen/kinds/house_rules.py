"""The house rules: what the public may post and comment on the municipality's accounts.

Three documents: the full rules (plain text to paste into Facebook, a web page and
Markdown), a one-line intro for the Facebook page intro and other profile fields, and a
fragment of the rules for the municipality's own website (a CMS article).

The plain text must fit the platforms the municipality is on (docgen.platforms): the
full rules a post, the intro a profile field. Facebook always counts, since that is
where house rules are pasted first.
"""

from __future__ import annotations

from collections.abc import Mapping

from docgen import content
from docgen import language as lang
from docgen import platforms
from docgen.adoption import in_words
from docgen.context import placeholders
from docgen.content import Missing
from docgen.document import Document, PasteSpec, Section
from docgen.errors import ContentError
from docgen.kinds.base import Kind, Output
from docgen.entry import Entry
from docgen.model import ContentChoices, Municipality

INTRO = "house-rules.intro-text"


class HouseRules(Kind):
    name = "house-rules"
    formats = ("txt", "html", "md")

    def outputs(self, entry: Entry, language: str) -> list[Output]:
        stem = lang.labels(language)["files"][self.name]
        found = [Output(stem, self.formats)]
        if INTRO not in self.own_choices(entry.municipality).omit:
            found.append(Output(f"{stem}-intro", ("txt",), variant="intro"))
        found.append(Output(f"{stem}-fragment", ("html",), variant="fragment"))
        return found

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        extra = self.extra_context(entry, language)
        if output.variant == "intro":
            return self.intro(entry, language, extra)
        title, sections = self.assemble(entry, language, extra)
        return Document(
            meta=self.meta(entry, language, title),
            profile=self.profile(entry),
            sections=sections,
            layout="fragment" if output.variant == "fragment" else "page",
            paste_spec=self.paste_spec(entry.municipality, platforms.LONG_TEXT),
        )

    def choices(self, municipality: Municipality) -> ContentChoices:
        """The municipality's choices for the rules, which leave the intro aside: it is
        not a rule. `clause` reads it."""
        choices = self.own_choices(municipality)
        return choices.model_copy(update={"omit": [*choices.omit, INTRO]})  # and INTRO.otherwise within it

    def own_choices(self, municipality: Municipality) -> ContentChoices:
        return super().choices(municipality)

    def intro(self, entry: Entry, language: str, extra: Mapping[str, content.Value]) -> Document:
        """The intro alone, without a title: it goes in a field that has its own."""
        context = {**placeholders(entry.municipality, language, self.name), **extra}
        clause = self.clause(entry, language, INTRO)
        if content.needs_missing(clause, context):  # no house rules page to link to
            clause = self.clause(entry, language, INTRO + content.OTHERWISE)
        return Document(
            meta=self.meta(entry, language, ""),
            profile=self.profile(entry),
            sections=(Section(INTRO, None, tuple(content.blocks_of(clause, context))),),
            layout="fragment",
            paste_spec=self.paste_spec(entry.municipality, platforms.SHORT_TEXT),
        )

    def extra_context(self, entry: Entry, language: str) -> dict[str, content.Value]:
        date = entry.municipality.adoption.date
        return {"changed_date": in_words(date, language) if date else Missing("adoption.date")}

    def clause(self, entry: Entry, language: str, clause_id: str) -> content.ClauseSource:
        """One clause as the municipality has it (replaced or not); the default if omitted."""
        defaults = self.library(entry, language)
        chosen = content.choose(defaults, self.own_choices(entry.municipality), entry.path, entry.municipality)
        for clause in [*chosen, *defaults]:
            if clause.id == clause_id:
                return clause
        raise ContentError(f"clause {clause_id} is missing from the {language} house rules")

    def paste_spec(self, municipality: Municipality, fields: dict[str, str]) -> PasteSpec:
        names = ["facebook", *(account.platform.value for account in municipality.accounts)]
        return PasteSpec(platforms.limits(names, fields))

