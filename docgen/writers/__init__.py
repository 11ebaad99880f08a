"""Writers: one module per output format, each turning a Document into bytes.

No writer knows about document kinds. Adding a format is one module and one line here.
Heavy writers (PDF, DOCX) import their libraries only when they render.
"""

from __future__ import annotations

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

__all__ = ["WRITERS", "Writer"]
