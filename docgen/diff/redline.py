"""The redline: the whole new document with every change marked, as HTML (with a
summary of the changes at the top, linked to each) and as DOCX with real tracked
changes, through the ordinary writers and the document kind's own Word template."""

from __future__ import annotations

import dataclasses

from docgen.diff.compare import Comparison
from docgen.diff.words import labels, section_name, section_status, summary
from docgen.document import Block, Heading, Link, ListBlock, Paragraph, Section, Text
from docgen.writers.docx import DocxWriter
from docgen.writers.html import HtmlWriter

SUMMARY_ANCHOR = "docgen-changes"


def redline_html(comparison: Comparison) -> bytes:
    """The redline page: the summary and its links replace the table of contents."""
    document = comparison.redline
    language = document.meta.language
    words = labels(language)
    meta = dataclasses.replace(document.meta, subtitle=words["subtitle"])
    # A fragment (for a CMS page) is compared on a page of its own: the redline is read alone.
    layout = "page" if document.layout == "fragment" else document.layout
    page = dataclasses.replace(
        document, meta=meta, sections=(_summary(comparison), *document.sections), table_of_contents=False,
        layout=layout,
    )
    return HtmlWriter().render(page)


def redline_docx(comparison: Comparison) -> bytes:
    """The new document in its own Word template, every change a tracked change Word
    and LibreOffice can accept or reject one by one."""
    return DocxWriter().render(comparison.redline)


def _summary(comparison: Comparison) -> Section:
    language = comparison.new.meta.language
    words = labels(language)
    items = []
    for change in comparison.changes:
        name, status = section_name(change, language), section_status(change, language)
        heading = change.merged.heading
        title = (Link(f"#{heading.anchor}", (Text(name),)),) if heading is not None else (Text(name),)
        items.append((Paragraph((*title, Text(f" – {status}"))),))
    if comparison.title_page:
        items.append((Paragraph((Text(f"{words['title_page']} – {words['status']['changed']}"),)),))
    blocks: tuple[Block, ...] = (Paragraph((Text(f"{summary(comparison, language)}."),)),)
    if items:
        blocks += (ListBlock(False, tuple(items)),)
    return Section("docgen.diff.summary", Heading(1, (Text(words["summary"]),), SUMMARY_ANCHOR), blocks)

