"""How wide each column of a table is: one measure for the DOCX and the PDF, so a table
has the same columns in Word and on paper.

Widths are measured in ems of the table's text in Noto Sans, docgen's own font (which
LibreOffice also puts in Arial's place where Arial is missing, and a little wider than
Arial, so what fits here fits in Word too).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from fontTools.ttLib import TTFont

from docgen.document import Inlines, Table, plain
from docgen.paths import TEMPLATES

LONG_WORD = 6.5  # ems (about twelve letters): a longer word may break in a narrow column


def column_shares(block: Table, line: float, padding: float, shown: Callable[[Inlines], str] = plain) -> tuple[float, ...]:
    """Column widths for a table across `line` ems of table text, each cell's text (as
    `shown` gives it: what the format shows of the cell) with `padding` ems beside it.

    First room for each column's heading and its longest word (up to LONG_WORD, so
    names, platforms and dates do not break; when those do not all fit, the longest
    words give way first; a heading is never broken), then what is left of the line
    shared in proportion to how much longer each column's texts are."""
    columns = [[(shown(cell), index == 0) for index, cell in enumerate(cells)] for cells in zip(block.header, *block.rows)]
    words = [max((ems(word, bold) for text, bold in cells for word in text.split()), default=0.0) for cells in columns]
    headings = [max((ems(word, True) for word in shown(cell).split()), default=0.0) for cell in block.header]
    lengths = [max(ems(text, bold) for text, bold in cells) for cells in columns]

    def needs(longest: float) -> list[float]:
        return [max(min(word, longest), heading) + padding for word, heading in zip(words, headings)]

    longest = LONG_WORD
    while longest > 1 and sum(needs(longest)) > line:
        longest -= 0.25
    need = needs(longest)
    more = [max(length + padding - n, 0) for length, n in zip(lengths, need)]
    room = line - sum(need)
    if room <= 0 or not sum(more):
        return tuple(need)
    return tuple(n + room * m / sum(more) for n, m in zip(need, more))


def ems(text: str, bold: bool = False) -> float:
    """How wide `text` is set in Noto Sans, in ems."""
    advances, units = _advances(bold)
    other = advances.get(ord("n"), units // 2)
    return sum(advances.get(ord(letter), other) for letter in text) / units


@cache
def _advances(bold: bool) -> tuple[dict[int, int], int]:
    """The advance width of each character of Noto Sans (regular or bold), in font units, and the units per em."""
    font = TTFont(TEMPLATES / "fonts" / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"), lazy=True)
    metrics = font["hmtx"].metrics
    return {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}, font["head"].unitsPerEm
