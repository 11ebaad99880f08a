"""The account register: every social-media account the municipality runs, for its
website and its archive."""

from __future__ import annotations

from docgen import language as lang
from docgen.document import Document, Inlines, Link, Table, Text
from docgen.kinds.base import Kind, Output
from docgen.load import Entry
from docgen.model import Account


class AccountRegister(Kind):
    name = "account-register"
    formats = ("html", "md", "pdf", "docx")

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        title, sections = self.assemble(entry, language, {"accounts_table": [accounts_table(entry.municipality.accounts, language)]})
        return Document(
            meta=self.meta(entry, language, title),
            profile=self.profile(entry),
            sections=sections,
        )


def accounts_table(accounts: list[Account], language: str) -> Table:
    words = lang.labels(language)
    column = words["register"]

    def row(account: Account) -> tuple[Inlines, ...]:
        responsible = account.administrators[0].name if account.administrators else ""
        started = lang.short_date(account.start_date, language) if account.start_date else ""
        return (
            (Text(words["platforms"][account.platform.value]),),
            (Text(account.name),),
            (Link(str(account.url), (Text(str(account.url)),)),),
            (Text(account.purpose),),
            (Text(account.unit),),
            (Text(responsible),),
            (Text(started),),
        )

    header = tuple(
        (Text(column[key]),)
        for key in ("platform", "name", "address", "purpose", "unit", "responsible", "start_date")
    )
    return Table(header, tuple(row(account) for account in accounts), caption=column["caption"])
