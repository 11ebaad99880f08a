"""The format-neutral document: metadata, then sections of blocks.

Kinds build it; writers read it. Nothing here knows about a document kind or an output
format. Everything is frozen, so one Document can be handed to every writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union

# Inline content ---------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]

    @property
    def shows_address(self) -> bool:
        """The link's text is its own address ("www.as.kommune.no" for https://…), so a
        writer need not print the address a second time."""
        return _bare(plain(self.children)) == _bare(self.href)


def _bare(address: str) -> str:
    address = address.strip()
    for scheme in ("mailto:", "tel:", "https://", "http://"):
        address = address.removeprefix(scheme)
    return address.rstrip("/")


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Inserted:
    """Text the new version adds; only in a redline (see docgen.diff)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Deleted:
    """Text the new version removes; only in a redline (see docgen.diff)."""

    children: tuple[Inline, ...]


Inline = Union[Text, Emphasis, Strong, Link, LineBreak, Inserted, Deleted]
Inlines = tuple[Inline, ...]


def plain(inlines: Inlines, addresses: bool = False) -> str:
    """The text of inline content without its formatting. With `addresses`, as a printed
    page shows it: a web link whose text is not its address is followed by the address
    in brackets (print.css adds it)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        else:
            parts.append(plain(node.children, addresses))
            if addresses and isinstance(node, Link) and node.href.startswith("http") and not node.shows_address:
                parts.append(f" ({node.href})")
    return "".join(parts)


# Blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = section, 2 = subsection, 3 = sub-subsection; the title is not a heading
    content: Inlines
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    content: Inlines


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    caption: str | None = None


@dataclass(frozen=True)
class Note:
    """A short highlighted passage, e.g. the summary box."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class FormField:
    """A question on a form: pre-filled when `value` is given, otherwise left to fill in."""

    name: str  # stable machine name, e.g. "purpose"; becomes the PDF field name
    label: Inlines
    value: str | None = None
    multiline: bool = False
    number: str | None = None  # "1", "2", … as printed beside the question
    # A short answer that may share a line with the fields beside it (one person's
    # name, e-mail and phone); writers that cannot place fields side by side stack them.
    inline: bool = False


@dataclass(frozen=True)
class SignatureBlock:
    """Date, a drawn signature line and the printed name; never split across pages."""

    role: str
    statement: str
    date_label: str
    signature_label: str
    name_label: str
    name: str | None = None


# A cell's value as a spreadsheet keeps it: text, a number, a day, a time of day.
CellValue = Union[str, int, float, dt.date, dt.time, dt.datetime, None]


@dataclass(frozen=True)
class Event:
    """Something planned at a time: a row for spreadsheets, an event for calendars and
    a table row for readers."""

    uid: str  # stable from build to build, so a calendar updates the event on re-import
    start: dt.datetime  # local time in the schedule's time zone, without tzinfo
    end: dt.datetime
    summary: str  # the calendar entry's title
    description: str
    values: tuple[CellValue, ...]  # one per Schedule column
    texts: tuple[str, ...]  # the same values as a reader sees them, in the document's language


@dataclass(frozen=True)
class EventGroup:
    label: str  # e.g. "Veke 46: 9.–15. november"
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Schedule:
    """Events in groups (e.g. weeks). Readers get a table per group; spreadsheet and
    calendar writers get one row or event per Event."""

    columns: tuple[str, ...]
    groups: tuple[EventGroup, ...]
    time_zone: str  # IANA name, e.g. Europe/Oslo
    stamp: dt.datetime  # when the schedule was made (UTC), from the data, for reproducible files
    # The column the groups are made by: a group's table leaves it out, its caption says it.
    grouped_by: int | None = None

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(event for group in self.groups for event in group.events)

    def tables(self) -> tuple[Table, ...]:
        keep = [i for i in range(len(self.columns)) if i != self.grouped_by]
        return tuple(
            Table(
                header=tuple((Text(self.columns[i]),) for i in keep),
                rows=tuple(tuple((Text(event.texts[i]),) for i in keep) for event in group.events),
                caption=group.label,
            )
            for group in self.groups
        )


Block = Union[Heading, Paragraph, ListBlock, Table, Note, PageBreak, FormField, SignatureBlock, Schedule]


# What a section is to the document, for layouts to place it by: "body" for the running
# text, "contact" for whom to ask (the poster prints it at the foot of the page).
Role = Literal["body", "contact"]


@dataclass(frozen=True)
class Section:
    id: str  # the clause id that opened the section
    heading: Heading | None
    blocks: tuple[Block, ...]
    role: Role = "body"  # set by the kind; layouts select on it, never on the clause id


@dataclass(frozen=True)
class Profile:
    """The municipality's look, resolved to real files."""

    primary_colour: str
    accent_colour: str
    logo: Path | None = None
    fonts: tuple[Path, ...] = ()
    templates: Path | None = None  # its own templates, found before docgen's (docgen.template_path)


# "fragment": a piece for another page (a CMS article): no page chrome and no title,
# since the host page owns both.
Layout = Literal["report", "form", "poster", "page", "fragment"]


@dataclass(frozen=True)
class PrintSpec:
    """How the document goes on paper: read by the formats that lay out pages (PDF, and
    the page setup of DOCX)."""

    page_size: Literal["A4", "A3"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"
    # When set, the PDF writer shrinks the type (within readable limits) until the
    # document fits on this many pages, and fails if it cannot.
    fit_pages: int | None = None
    # The smallest type scale fitting may use, when the layout needs more than the
    # writer's default (a wall poster must stay readable from a distance).
    min_scale: float | None = None


@dataclass(frozen=True)
class TextLimit:
    """A field on a platform the plain text is pasted into, and how much it holds."""

    field: str  # e.g. "Facebook post", for the message when the text is too long
    characters: int


@dataclass(frozen=True)
class PasteSpec:
    """Where the plain text is pasted: the text writer fails when the text is longer
    than any of these fields holds."""

    limits: tuple[TextLimit, ...] = ()


@dataclass(frozen=True)
class Meta:
    title: str
    language: str  # nb, nn or sv
    author: str  # the municipality's official name
    date: dt.date  # document date from the data, so output is reproducible
    # What sort of document this is, in one word ("strategy"): a label for metadata (the
    # DOCX category, the class a fragment gives its host page, messages). Writers never
    # choose anything by it: the layout and the Word template are named on the Document.
    category: str
    subtitle: str | None = None
    # Title-page facts as (label, value) pairs in the document's language.
    facts: tuple[tuple[str, str], ...] = ()
    # Interface words writers need in the document's language: "contents", "page",
    # "of", "skip_to_content", … (see templates/content/<lang>/labels.yaml).
    labels: dict[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    meta: Meta
    profile: Profile
    sections: tuple[Section, ...]
    layout: Layout = "report"  # the HTML layout (templates/html/<layout>.html), named by the kind
    word_template: str = "report"  # the Word template (templates/docx/<word_template>.docx)
    title_page: bool = False
    table_of_contents: bool = False
    print_spec: PrintSpec = PrintSpec()
    paste_spec: PasteSpec = PasteSpec()

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            if section.heading is not None:
                yield section.heading
            yield from section.blocks
