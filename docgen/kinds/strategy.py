"""The strategy: the council document every municipality adopts ("Strategi for bruk av
sosiale medier" / "Policy för sociala medier"), one per language."""

from __future__ import annotations

from docgen import language as lang
from docgen.document import Document
from docgen.kinds.account_register import CHANNEL_COLUMNS, accounts_table
from docgen.kinds.base import Kind, Output, facts
from docgen.kinds.publishing_plan import plan_placeholders
from docgen.entry import Entry
from docgen.model import Adoption, ContentChoices, Municipality

# Said only when the municipality keeps a publishing plan.
PLAN_CLAUSE = "strategy.channels.publishing-plan"


class Strategy(Kind):
    name = "strategy"
    formats = ("pdf", "docx", "html", "md")

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        municipality = entry.municipality
        channels = accounts_table(municipality.accounts, language, CHANNEL_COLUMNS)
        extra = {"accounts_table": [channels], **plan_placeholders(municipality, language)}
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
        choices = super().choices(municipality)
        if municipality.publishing_plan is None and PLAN_CLAUSE not in choices.omit:
            return choices.model_copy(update={"omit": [*choices.omit, PLAN_CLAUSE]})
        return choices


def title_page_facts(adoption: Adoption, language: str) -> tuple[tuple[str, str], ...]:
    """Status, adopting body, date, case reference, version and next revision, labelled
    in `language`; facts the data does not give are left out."""
    words = lang.labels(language)
    label = words["facts"]
    adopted = adoption.status == "adopted"
    reference = adoption.case_reference or ""
    # A minute's paragraph ("§ 145") is not a case number and is labelled as what it is.
    reference_label = label["case_paragraph"] if reference.startswith("§") else label["case_reference"]
    revision = lang.long_date(adoption.revision_date, language) if adoption.revision_date else None
    return facts(
        {
            label["status"]: words["status"][adoption.status],
            label["body"] if adopted else label["body_draft"]: adoption.body,
            label["date"]: lang.long_date(adoption.date, language),
            reference_label: reference,
            label["version"]: adoption.version,
            label["revision_date"]: revision,
        }
    )
