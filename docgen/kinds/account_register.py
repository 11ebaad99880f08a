"""The account register: every social-media account the municipality runs, for its
website and its archive."""

from __future__ import annotations

from docgen import language as lang
from docgen.content import Missing
from docgen.document import Block, Document, Inlines, Link, Table, Text
from docgen.kinds.base import Kind, Output
from docgen.entry import Entry
from docgen.model import Account, AccountKind


class AccountRegister(Kind):
    name = "account-register"
    formats = ("html", "md", "pdf", "docx")

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        municipality = entry.municipality
        table = accounts_table(municipality.accounts, language, public=municipality.policy.public_register)
        title, sections = self.assemble(entry, language, {"accounts_table": table_or_none(table)})
        return Document(
            meta=self.meta(entry, language, title),
            profile=self.profile(entry),
            sections=sections,
        )


# The register lists everything the archive needs; the strategy's channel overview names
# each account (linked to its address) with what it is for and whom it speaks to.
REGISTER_COLUMNS = ("platform", "name", "address", "purpose", "unit", "administrators", "start_date")
CHANNEL_COLUMNS = ("platform", "account", "purpose", "audience")


def public_accounts(accounts: list[Account]) -> list[Account]:
    """The accounts the public may know of: an internal (hidden) group is for staff only,
    so no public list names it; its activity plan is still made."""
    return [account for account in accounts if account.kind is not AccountKind.internal_group]


def table_or_none(table: Table) -> list[Block] | Missing:
    """The accounts table as a block placeholder's value; with no accounts to list, a
    Missing value, so the clause's `.otherwise` says there are none instead of an empty table."""
    return [table] if table.rows else Missing("accounts")


def accounts_table(
    accounts: list[Account], language: str, columns: tuple[str, ...] = REGISTER_COLUMNS, public: bool = False
) -> Table:
    """The accounts as a table. Every administrator is named, unless the register is
    `public`: then it says how many there are, beside the unit that answers for them."""
    words = lang.labels(language)
    column = words["register"]

    def administrators(account: Account) -> str:
        if public:
            count = len(account.administrators)
            pattern: str = column["administrator_count"]["one" if count == 1 else "other"]
            return pattern.format(count=count)
        return lang.join([person.name for person in account.administrators], language)

    def cells(account: Account) -> dict[str, Inlines]:
        url = str(account.url)
        return {
            "platform": (Text(words["platforms"][account.platform.value]),),
            "name": (Text(account.name),),
            "account": (Link(url, (Text(account.name),)),),
            "address": (Link(url, (Text(url),)),),
            "purpose": (Text(account.purpose),),
            "audience": (Text(account.audience),),
            "unit": (Text(account.unit),),
            "administrators": (Text(administrators(account)),),
            "start_date": (Text(lang.short_date(account.start_date, language)),) if account.start_date else (),
        }

    rows = []
    for account in public_accounts(accounts):
        found = cells(account)
        rows.append(tuple(found[key] for key in columns))
    header = tuple((Text(column[key]),) for key in columns)
    return Table(header, tuple(rows), caption=column["caption"])
