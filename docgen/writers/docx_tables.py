"""Tables in the Word body: data tables, forms, signature blocks and title-page facts.

Each is a Word table in one of the template's table styles, full width, with rows that
do not split across pages. Running text (paragraphs, lists, headings) is docx_blocks'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from docgen.document import FormField, Inlines, SignatureBlock, Table, Text
from docgen.writers.column_widths import column_shares
from docgen.writers.docx_styles import STYLE

if TYPE_CHECKING:
    from docgen.writers.docx_blocks import Body

BLANK_LINES = 3  # handwriting lines under a multi-line question
TABLE_POINTS = 9  # the size of table text (the template's Table Text and Table Heading styles)
# A cell's left and right margins (108 twips each), in ems of table text, and a little to
# spare: a word exactly as wide as its cell still breaks in LibreOffice.
CELL_PADDING = 2 * 108 / 20 / TABLE_POINTS + 0.3
_LOOK_BITS = (0x20, 0x40, 0x80, 0x100, 0x200, 0x400)  # w:tblLook w:val, in the order of flags below


class Tables:
    """Appends tables to the body `body` writes into."""

    def __init__(self, body: Body) -> None:
        self.body = body

    def table(self, block: Table) -> None:
        body = self.body
        if block.caption:
            body.paragraph(STYLE["caption"], (Text(block.caption),))
        table = self._table(len(block.rows) + 1, len(block.header), STYLE["table"], header=True)
        line = _width(table).pt / TABLE_POINTS
        _set_widths(table, column_shares(block, line, CELL_PADDING))
        for cell, content in zip(table.rows[0].cells, block.header):
            self._cell(cell, STYLE["table_heading"], content)
        body.runs.mark_whole(table.rows[0]._tr.get_or_add_trPr(), tuple(node for cell in block.header for node in cell))
        for row, cells in zip(table.rows[1:], block.rows):
            for cell, content in zip(row.cells, cells):
                self._cell(cell, STYLE["table_text"], content)
            body.runs.mark_whole(row._tr.get_or_add_trPr(), tuple(node for cell in cells for node in cell))

    def form(self, fields: Sequence[FormField]) -> None:
        """A run of questions as one table, as a paper form is."""
        table = self._table(len(fields), 2, STYLE["form_table"], first_column=True)
        _set_widths(table, (2, 3))
        for row, field in zip(table.rows, fields):
            question, answer = row.cells
            number = (Text(f"{field.number}. "),) if field.number else ()
            self._cell(question, STYLE["question"], number + field.label)
            if field.value is not None:
                self._cell(answer, STYLE["answer"], (Text(field.value),))
            else:
                self._cell(answer, STYLE["blank"])
                for _ in range(BLANK_LINES - 1 if field.multiline else 0):
                    self.body.paragraph(STYLE["blank"], container=answer)

    def signature(self, block: SignatureBlock) -> None:
        """Role and statement, then date and signature lines, then the printed name; the
        rows cannot split and every paragraph keeps with the next, so the block stays on
        one page."""
        body = self.body
        table = self._table(3, 2, STYLE["plain_table"])
        intro = _across(table, 0)
        self._cell(intro, STYLE["signature_role"], (Text(block.role),))
        body.paragraph(STYLE["table_text"], (Text(block.statement),), container=intro).paragraph_format.keep_with_next = True
        for cell, label in zip(table.rows[1].cells, (block.date_label, block.signature_label)):
            self._cell(cell, STYLE["signature_line"])
            body.paragraph(STYLE["signature_label"], (Text(label),), container=cell)
        name = table.cell(2, 0)
        self._cell(name, STYLE["signature_line"], (Text(block.name),) if block.name else ())
        last = body.paragraph(STYLE["signature_label"], (Text(block.name_label),), container=name)
        last.paragraph_format.keep_with_next = False
        body.paragraph(STYLE["break"])  # keeps the next block from joining the table

    def facts(self, facts: Iterable[tuple[str, str]]) -> None:
        pairs = list(facts)
        table = self._table(len(pairs), 2, STYLE["plain_table"])
        _set_widths(table, (1, 2))
        for row, (label, value) in zip(table.rows, pairs):
            self._cell(row.cells[0], STYLE["fact_label"], (Text(label),))
            self._cell(row.cells[1], STYLE["table_text"], (Text(value),))

    def _table(self, rows: int, columns: int, style: str, *, header: bool = False, first_column: bool = False) -> Any:
        """A full-width table in the style, its columns as wide as each other."""
        body = self.body
        if body.last_was_table:
            body.paragraph(STYLE["break"])
        table = body.container.add_table(rows=rows, cols=columns)
        table._tbl.tblStyle_val = body.styles[style]  # by id: python-docx would search the styles by name
        properties = table._tbl.tblPr
        width = properties.find(qn("w:tblW"))
        width.set(qn("w:type"), "pct")
        width.set(qn("w:w"), "5000")
        look = properties.find(qn("w:tblLook"))  # python-docx writes one; Word allows only one
        if look is None:
            look = OxmlElement("w:tblLook")
            properties.append(look)
        flags = {"firstRow": header, "lastRow": False, "firstColumn": first_column, "lastColumn": False,
                 "noHBand": True, "noVBand": True}
        for key, value in flags.items():
            look.set(qn(f"w:{key}"), "1" if value else "0")
        # The same as a bit mask, which older readers (and LibreOffice) go by.
        look.set(qn("w:val"), f"{sum(bit for bit, on in zip(_LOOK_BITS, flags.values()) if on):04X}")
        for index, row in enumerate(table.rows):
            row_properties = row._tr.get_or_add_trPr()
            row_properties.append(OxmlElement("w:cantSplit"))
            if header and index == 0:
                row_properties.append(OxmlElement("w:tblHeader"))
        body.last_was_table = True
        return table

    def _cell(self, cell: Any, style: str, content: Inlines = ()) -> WordParagraph:
        paragraph: WordParagraph = cell.paragraphs[0]
        paragraph._p.style = self.body.styles[style]
        self.body.runs.write(paragraph, content)
        return paragraph


def _across(table: Any, row: int) -> _Cell:
    """The row's empty cells made one, across the table: what python-docx's merge makes
    of them, without its search of the whole table for the span (a tenth of an activity
    plan's DOCX)."""
    first, *others = table.rows[row]._tr.tc_lst
    for other in others:
        first.width = Length(first.width + other.width)
        first.grid_span += other.grid_span
        other.getparent().remove(other)
    return _Cell(first, table)


def _width(table: Any) -> Length:
    """The table's width: its grid's, which python-docx made as wide as the text."""
    return Length(sum(column.w for column in table._tbl.tblGrid.gridCol_lst))


def _set_widths(table: Any, shares: Sequence[float]) -> None:
    """The table's columns in proportion to `shares`, the table as wide as before."""
    grid = table._tbl.tblGrid.gridCol_lst
    full, total = _width(table), sum(shares)
    for column, share in zip(grid, shares):
        column.w = int(full * share / total)
    for row in table.rows:  # Word reads the cells' widths, LibreOffice the grid's
        for cell, column in zip(row.cells, grid):  # (row.cells is made anew at each call)
            cell.width = column.w
