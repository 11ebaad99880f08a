"""Writers: one module per output format, each turning a Document into bytes.

No writer knows about document kinds. Adding a format is one module and one line here.
Heavy writers (PDF, DOCX) import their libraries only when they render.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from docgen.document import Document
from docgen.writers.base import Writer
from docgen.writers.csv import CsvWriter
from docgen.writers.docx import DocxWriter
from docgen.writers.html import HtmlWriter
from docgen.writers.ics import IcsWriter
from docgen.writers.markdown import MarkdownWriter
from docgen.writers.pdf import PdfWriter
from docgen.writers.png import PngWriter
from docgen.writers.snapshot import SnapshotWriter
from docgen.writers.text import TextWriter
from docgen.writers.xlsx import XlsxWriter

WRITERS: dict[str, Writer] = {
    writer.format: writer
    for writer in (
        PdfWriter(), DocxWriter(), HtmlWriter(), MarkdownWriter(), TextWriter(), PngWriter(), SnapshotWriter(),
        CsvWriter(), XlsxWriter(), IcsWriter(),
    )
}



def batch_writers() -> dict[str, Writer]:
    """The writers for one batch of documents that differ in paper size only."""
    return {fmt: writer.for_batch() for fmt, writer in WRITERS.items()}


def render_formats(document: Document, formats: Iterable[str], writers: Mapping[str, Writer] = WRITERS) -> dict[str, bytes]:
    """`document` in each of `formats`, each made once. A derived format is handed the
    bytes of the format it is made from (rendered for it, written or not)."""
    made: dict[str, bytes] = {}

    def made_in(fmt: str) -> bytes:
        if fmt not in made:
            writer = writers[fmt]
            source = writer.derived_from
            made[fmt] = writer.derive(document, made_in(source)) if source else writer.render(document)
        return made[fmt]

    return {fmt: made_in(fmt) for fmt in formats}


__all__ = ["WRITERS", "Writer", "batch_writers", "render_formats"]
