"""Every Block and Inline type of docgen.document, through every writer that walks the
document tree: the node's text is in what the reader gets, so a node can never vanish
from one format. The types are found by introspection, so a new type is crossed with
every writer as soon as it joins `Block` or `Inline` (and fails here until it has a
sample). A node a writer does not know is an error naming the writer and the node."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from typing import get_args

import lxml.html
import pypdf
import pytest

from docgen import document as doc
from docgen import language as lang
from docgen.visitor import UnknownNode
from docgen.writers import WRITERS

NODE_TYPES = sorted({*get_args(doc.Block), *get_args(doc.Inline)}, key=lambda cls: cls.__name__)


def _event(word: str) -> doc.Event:
    start = dt.datetime(2026, 3, 2, 9, 0)
    return doc.Event("plan-1", start, start + dt.timedelta(hours=1), "Innlegg", "", ("mandag", word), ("mandag", word))


# A small instance of each type holding `word` (inline types inside a paragraph), and
# whether its text is `word` itself (a page break has no text of its own).
SAMPLES: dict[type, Callable[[str], doc.Block]] = {
    doc.Heading: lambda word: doc.Heading(2, (doc.Text(word),), "anker"),
    doc.Paragraph: lambda word: doc.Paragraph((doc.Text(word),)),
    doc.ListBlock: lambda word: doc.ListBlock(False, ((doc.Paragraph((doc.Text(word),)),),)),
    doc.Table: lambda word: doc.Table(((doc.Text("Kolonne"),),), (((doc.Text(word),),),)),
    doc.Note: lambda word: doc.Note((doc.Paragraph((doc.Text(word),)),)),
    doc.PageBreak: lambda word: doc.PageBreak(),
    doc.FormField: lambda word: doc.FormField("felt", (doc.Text(word),)),
    doc.SignatureBlock: lambda word: doc.SignatureBlock(word, "Jeg godkjenner planen.", "Dato", "Signatur", "Navn"),
    doc.Schedule: lambda word: doc.Schedule(
        ("Dag", "Innlegg"), (doc.EventGroup("Uke 10", (_event(word),)),), "Europe/Oslo", dt.datetime(2026, 1, 1)
    ),
    doc.Text: lambda word: doc.Paragraph((doc.Text(word),)),
    doc.Emphasis: lambda word: doc.Paragraph((doc.Emphasis((doc.Text(word),)),)),
    doc.Strong: lambda word: doc.Paragraph((doc.Strong((doc.Text(word),)),)),
    doc.Link: lambda word: doc.Paragraph((doc.Link("https://www.example.no/", (doc.Text(word),)),)),
    doc.LineBreak: lambda word: doc.Paragraph((doc.Text("Linje"), doc.LineBreak(), doc.Text(word))),
    doc.Inserted: lambda word: doc.Paragraph((doc.Inserted((doc.Text(word),)),)),
    doc.Deleted: lambda word: doc.Paragraph((doc.Deleted((doc.Text(word),)),)),
}
WITHOUT_TEXT = {doc.PageBreak}


def _docx_text(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return " ".join(re.findall(r"<w:(?:t|delText)(?: [^>]*)?>([^<]*)<", xml))


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


# What a reader of each format sees, as text.
READERS: dict[str, Callable[[bytes], str]] = {
    "html": lambda data: lxml.html.fromstring(data).text_content(),
    "md": lambda data: data.decode("utf-8"),
    "txt": lambda data: data.decode("utf-8"),
    "docx": _docx_text,
    "pdf": _pdf_text,
}
# Writers that do not walk the tree: PNG draws the PDF's page, the snapshot stores the
# dataclasses themselves, and the spreadsheet and calendar writers take the schedule.
NOT_WALKING = {"png", "snapshot", "csv", "xlsx", "ics"}


def document_with(block: doc.Block) -> doc.Document:
    meta = doc.Meta(
        title="Prøve", language="nb", author="Prøve kommune", date=dt.date(2026, 3, 2), category="strategy",
        labels=lang.labels("nb")["interface"],
    )
    return doc.Document(meta, doc.Profile("#0B5D52", "#E0A100"), (doc.Section("prove", None, (block,)),))


def test_every_writer_is_either_read_here_or_does_not_walk_the_tree() -> None:
    assert set(WRITERS) == set(READERS) | NOT_WALKING


def test_every_node_type_has_a_sample() -> None:
    assert set(SAMPLES) == set(NODE_TYPES)


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize("node", NODE_TYPES, ids=lambda cls: cls.__name__)
def test_the_node_reaches_the_reader(node: type, fmt: str) -> None:
    word = f"Kjennetegn{node.__name__}"
    data = WRITERS[fmt].render(document_with(SAMPLES[node](word)))
    text = READERS[fmt](data)
    if node in WITHOUT_TEXT:
        assert "Prøve" in text  # written, with the rest of the document
    else:
        assert word in text


@dataclasses.dataclass(frozen=True)
class Marginalia:
    """A node type no writer has heard of."""

    text: str


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize("where", ["block", "inline"])
def test_an_unknown_node_is_an_error_naming_the_writer_and_the_node(fmt: str, where: str) -> None:
    stranger = Marginalia("Utenfor")
    block = stranger if where == "block" else doc.Paragraph((doc.Text("Før"), stranger))  # type: ignore[arg-type]
    with pytest.raises(UnknownNode) as raised:
        WRITERS[fmt].render(document_with(block))  # type: ignore[arg-type]
    expected = {"html": "HTML", "pdf": "HTML", "md": "Markdown", "txt": "text", "docx": "DOCX"}[fmt]
    assert raised.value.node == "marginalia"
    assert f"the {expected} writer cannot handle a marginalia node" in raised.value.format_message()
