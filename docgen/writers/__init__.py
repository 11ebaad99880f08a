"""Writers: one module per output format, each turning a Document into bytes.

No writer knows about document kinds. Adding a format is one module and one line here.
Heavy writers (PDF, DOCX) import their libraries only when they render.
"""

from __future__ import annotations

from collections.abc import Iterable

from docgen.document import Document
from docgen.writers.base import Writer
from docgen.writers.csv import CsvWriter
from docgen.writers.docx import DocxWriter
from docgen.writers.html import HtmlWriter
from docgen.writers.ics import IcsWriter
from docgen.writers.markdown import MarkdownWriter
from docgen.writers.pdf import Layouts, PdfWriter
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



def render_formats(document: Document, formats: Iterable[str], layouts: Layouts | None = None) -> dict[str, bytes]:
    """`document` in each of `formats`, each made once. A derived format is handed the
    bytes of the format it is made from (rendered for it, written or not); the PDF is
    made from the layout `layouts` holds of the same document on other paper."""
    made: dict[str, bytes] = {}

    def made_in(fmt: str) -> bytes:
        if fmt not in made:
            writer = WRITERS[fmt]
            source = writer.derived_from
            if source:
                made[fmt] = writer.derive(document, made_in(source))
            elif isinstance(writer, PdfWriter):
                made[fmt] = writer.render(document, layouts)
            else:
                made[fmt] = writer.render(document)
        return made[fmt]

    return {fmt: made_in(fmt) for fmt in formats}


__all__ = ["WRITERS", "Writer", "render_formats"]
