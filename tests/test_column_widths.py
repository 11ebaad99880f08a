"""Table columns, measured once for the DOCX and the PDF (docgen.writers.column_widths):
room for each heading and each column's longest word, the rest of the line for the
longer texts, and on paper the address a link's text is followed by."""

from __future__ import annotations

import docx
import pytest
from conftest import Built
from docx.oxml.ns import qn

from docgen.document import Link, Table, Text
from docgen.writers.column_widths import LONG_WORD, column_shares, ems
from docgen.writers.docx_tables import CELL_PADDING, TABLE_POINTS
from docgen.writers.html import printed

PADDING = 1.0


def table(header: tuple[str, ...], *rows: tuple[str, ...]) -> Table:
    return Table(tuple((Text(cell),) for cell in header), tuple(tuple((Text(cell),) for cell in row) for row in rows))


def test_each_column_has_room_for_its_longest_word_and_the_longer_texts_get_the_rest():
    block = table(("Dato", "Mål"), ("1.12.2026", "Bilete frå jubileumsåret, med historia bak"))
    date, aim = column_shares(block, 60, PADDING)
    assert date == pytest.approx(ems("1.12.2026") + PADDING)  # its text is one word: no more than that
    assert date + aim == pytest.approx(60)


def test_a_long_word_gives_way_before_a_heading_does():
    """In a narrow table the longest words may break; a heading never does."""
    block = table(("Administratörer", "Adress"), ("Anna", "https://www.facebook.com/norakommunnaringsliv"))
    heading, address = column_shares(block, 14, PADDING)
    assert heading >= ems("Administratörer", bold=True) + PADDING
    assert address < LONG_WORD + PADDING and heading + address <= 14 + 0.25


def test_print_measures_a_link_with_the_address_it_is_followed_by():
    page = Link("https://www.facebook.com/domekommune", (Text("Døme kommune"),))
    bare = Link("https://www.dome.kommune.no/", (Text("https://www.dome.kommune.no/"),))
    mail = Link("mailto:post@dome.kommune.no", (Text("post@dome.kommune.no"),))
    assert printed((page,)) == "Døme kommune (https://www.facebook.com/domekommune)"
    assert printed((bare, Text(" og "), mail)) == "https://www.dome.kommune.no/ og post@dome.kommune.no"


def test_the_word_register_gives_every_heading_its_width(built: Built):
    """Word and LibreOffice would break «Administratörer» inside a column narrower than it."""
    (output,) = built.select(municipality="nora", language="sv", kind="account-register", format="docx")
    word = docx.Document(str(built.path(output)))
    register = word.tables[-1]
    grid = [int(column.get(qn("w:w"))) / 20 for column in register._tbl.tblGrid.findall(qn("w:gridCol"))]  # points
    for cell, width in zip(register.rows[0].cells, grid):
        assert width / TABLE_POINTS >= ems(cell.text, bold=True) + CELL_PADDING - 0.01, cell.text
