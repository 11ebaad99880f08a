"""The strategy: the council document every municipality adopts ("Strategi for bruk av
sosiale medier" / "Policy för sociala medier"), one per language."""

from __future__ import annotations

from docgen import appendices, document_type, governing
from docgen.adoption import title_page_facts
from docgen.document import Document
from docgen.kinds.account_register import CHANNEL_COLUMNS, accounts_table, table_or_none
from docgen.kinds.base import Kind, Output
from docgen.kinds.publishing_plan import plan_placeholders
from docgen.entry import Entry
from docgen.model import ContentChoices, Municipality

# Said only when the municipality keeps a publishing plan.
PLAN_CLAUSE = "strategy.channels.publishing-plan"
# The appendices section lists the kinds published beside the strategy, one clause each
# (`strategy.appendices.poster`), so a kind the municipality does not build is not named.
APPENDICES = "strategy.appendices"
APPENDIX_KINDS = tuple(appendices.APPENDIX_NUMBERS)


class Strategy(Kind):
    name = "strategy"
    formats = ("pdf", "docx", "html", "md")

    def outputs(self, entry: Entry, language: str) -> list[Output]:
        """Named after what the municipality calls it: retningslinjer-for-sosiale-medier, …"""
        return [Output(document_type.file_stem(entry.municipality, language), self.formats)]

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        municipality = entry.municipality
        channels = accounts_table(municipality.accounts, language, CHANNEL_COLUMNS)
        extra = {
            "accounts_table": table_or_none(channels),
            **plan_placeholders(municipality, language),
            **governing.placeholders(municipality, language),
            **appendices.placeholders(municipality, language),
        }
        title, sections = self.assemble(entry, language, extra)
        return Document(
            meta=self.meta(
                entry,
                language,
                title,
                subtitle=municipality.name,
                facts=title_page_facts(municipality.adoption, language),
            ),
            profile=self.profile(entry),
            sections=sections,
            word_template="strategy",
            title_page=True,
            table_of_contents=True,
        )

    def choices(self, municipality: Municipality) -> ContentChoices:
        """The municipality's choices, and what its data leaves unsaid: the publishing
        plan when it keeps none, and each appendix it does not build (`kinds:`)."""
        choices = super().choices(municipality)
        unsaid = [PLAN_CLAUSE] if municipality.publishing_plan is None else []
        unbuilt = [f"{APPENDICES}.{name}" for name in APPENDIX_KINDS if not municipality.builds(name)]
        unsaid += [APPENDICES] if len(unbuilt) == len(APPENDIX_KINDS) else unbuilt
        unsaid = [clause for clause in unsaid if clause not in choices.omit]
        return choices.model_copy(update={"omit": [*choices.omit, *unsaid]}) if unsaid else choices
