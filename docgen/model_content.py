"""A municipality's changes to the default text, per document kind. Part of docgen.model."""

from __future__ import annotations

from pydantic import Field, model_validator

from docgen.model_text import ClauseId, Label, Line, MarkdownText, Model, Sentence


class Clause(Model):
    after: ClauseId | None = Field(None, description="The id of the clause this one follows (or give before)")
    before: ClauseId | None = Field(None, description="The id of the clause this one comes before (or give after)")
    id: ClauseId = Field(description="A new id for this clause, e.g. strategy.local.libraries")
    text: MarkdownText = Field(min_length=1, description="The clause text, in Markdown")

    @model_validator(mode="after")
    def _one_anchor(self) -> Clause:
        if (self.after is None) == (self.before is None):
            raise ValueError("say where the clause goes: give either after or before (the id of a clause)")
        return self


class ContentChoices(Model):
    """How one document kind departs from the default text."""

    title: Label | None = Field(None, description="Replace the document's title")
    omit: list[ClauseId] = Field(default_factory=list, description="Clause ids to leave out")
    replace: dict[ClauseId, MarkdownText] = Field(default_factory=dict, description="Clause id: your own text (Markdown)")
    add: list[Clause] = Field(default_factory=list, description="Your own clauses, each after a given clause id")
    values: dict[Line, Sentence] = Field(default_factory=dict, description="Placeholder values")


# What the documents call themselves; the default follows the language (docgen.identity).
