"""Blocks to WordprocessingML, in the Word template's own named styles.

The DOCX writer hands us the body subdocument; everything here appends paragraphs and
tables to it through python-docx, which escapes all text. Every paragraph gets one of
the template's styles (never direct fonts or colours), so restyling the template in
Word restyles every document. The style names are listed in STYLE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
import datetime as dt
from typing import Any

from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from docgen.document import (
    Block,
    Deleted,
    Emphasis,
    FormField,
    Heading,
    Inlines,
    Inserted,
    LineBreak,
    Link,
    ListBlock,
    Note,
    PageBreak,
    Paragraph,
    Schedule,
    SignatureBlock,
    Strong,
    Table,
    Text,
    plain,
)

# The template's style for each role (see scripts/make-docx-templates).
STYLE = {
    "body": "Body Text",
    "heading": "Heading {level}",
    "bullet": "List Bullet{suffix}",
    "number": "List Number{suffix}",
    "continue": "List Continue{suffix}",
    "note": "Note",
    "caption": "Caption",
    "table": "Report Table",
    "table_heading": "Table Heading",
    "table_text": "Table Text",
    "form_table": "Form Table",
    "question": "Form Question",
    "answer": "Form Answer",
    "blank": "Form Blank",
    "plain_table": "Plain Table",
    "fact_label": "Fact Label",
    "signature_role": "Signature Role",
    "signature_line": "Signature Line",
    "signature_label": "Signature Label",
    "toc_heading": "TOC Heading",
    "toc": "toc {level}",
    "hyperlink": "Hyperlink",
    "break": "Normal",
}
BLANK_LINES = 3  # handwriting lines under a multi-line question
LINE_LETTERS = 90  # about how many letters of table text fit across the page
LONG_WORD = 12  # longer words may break in a narrow column
_LOOK_BITS = (0x20, 0x40, 0x80, 0x100, 0x200, 0x400)  # w:tblLook w:val, in the order of flags below
REVISION_AUTHOR = "docgen"  # who Word names as the author of a redline's tracked changes
_REVISION = {Inserted: "w:ins", Deleted: "w:del"}


def _level_suffix(depth: int) -> str:
    return "" if depth == 0 else f" {min(depth, 2) + 1}"


class Body:
    """Appends blocks to a python-docx block container (the body subdocument)."""

    def __init__(self, container: Any, revised: dt.date | None = None) -> None:
        self.container = container
        # Tracked changes (a redline's Inserted and Deleted text) carry this date, the
        # document's own, so the same redline always gives the same bytes.
        self._revised = f"{(revised or dt.date(2000, 1, 1)).isoformat()}T00:00:00Z"
        self._revisions = 0
        self.part = container.part
        self._bullets = self._style_num_id(STYLE["bullet"].format(suffix=""))
        numbers = self._style_num_id(STYLE["number"].format(suffix=""))
        self._numbers_abstract = self._numbering.num_having_numId(numbers).abstractNumId.val
        self._last_was_table = False
        self._style_ids: dict[str, str | None] = {}

    def _style_id(self, name: str) -> str | None:
        """The id of the template's style `name`, None for the default style of its type
        (written as no style, as python-docx does). Looked up once per document: python-docx
        scans every style of the template on each assignment by name, which took most of
        the DOCX writer's time."""
        if name not in self._style_ids:
            styles = self.part.styles
            style = styles[name]
            self._style_ids[name] = None if style == styles.default(style.type) else style.style_id
        return self._style_ids[name]

    # Numbering ---------------------------------------------------------------------

    @property
    def _numbering(self) -> Any:
        return self.part.numbering_part.element

    def _style_num_id(self, name: str) -> int:
        """The numbering instance a list style of the template points at."""
        num_pr = self.part.styles[name].element.pPr.numPr
        if num_pr is None or num_pr.numId is None:
            raise LookupError(f"the template's style {name!r} has no list numbering")
        num_id: int = num_pr.numId.val
        return num_id

    def _fresh_numbering(self, depth: int, start: int) -> int:
        """A new instance of the template's numbered list that starts at `start`, so
        every numbered list counts from its own beginning instead of continuing."""
        num = self._numbering.add_num(self._numbers_abstract)
        num.add_lvlOverride(ilvl=depth).add_startOverride(start)
        num_id: int = num.numId
        return num_id

    # Paragraphs and runs -------------------------------------------------------------

    def paragraph(self, style: str, content: Inlines = (), container: Any = None) -> WordParagraph:
        target = self.container if container is None else container
        paragraph: WordParagraph = target.add_paragraph()
        paragraph._p.style = self._style_id(style)
        self.inlines(paragraph, content)
        self._mark_whole(paragraph._p.get_or_add_pPr(), content, "w:rPr")
        if container is None:
            self._last_was_table = False
        return paragraph

    def inlines(self, paragraph: WordParagraph, nodes: Inlines, *, bold: bool = False, italic: bool = False,
                parent: Any = None, revision: str | None = None) -> None:
        parent = paragraph._p if parent is None else parent
        for node in nodes:
            if isinstance(node, Text):
                self._run(paragraph, parent, node.text, bold, italic, parent is not paragraph._p, revision)
            elif isinstance(node, Emphasis):
                self.inlines(paragraph, node.children, bold=bold, italic=True, parent=parent, revision=revision)
            elif isinstance(node, Strong):
                self.inlines(paragraph, node.children, bold=True, italic=italic, parent=parent, revision=revision)
            elif isinstance(node, Link):
                self.inlines(paragraph, node.children, bold=bold, italic=italic,
                             parent=self._hyperlink(paragraph, node.href), revision=revision)
            elif isinstance(node, LineBreak):
                self._run(paragraph, parent, "", bold, italic, False, revision).add_break()
            elif isinstance(node, (Inserted, Deleted)):
                self.inlines(paragraph, node.children, bold=bold, italic=italic, parent=parent,
                             revision=_REVISION[type(node)])

    def _run(self, paragraph: WordParagraph, parent: Any, text: str, bold: bool, italic: bool, link: bool,
             revision: str | None = None) -> Run:
        element = OxmlElement("w:r")
        # A tracked change wraps its runs; inside a hyperlink, never around it (the schema
        # allows w:ins and w:del in a w:hyperlink, not the other way round).
        (self._revision(revision, parent) if revision else parent).append(element)
        run = Run(element, paragraph)
        if link:
            element.style = self._style_id(STYLE["hyperlink"])
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        run.text = text
        if revision == "w:del":  # deleted text is w:delText, or Word will not open the file
            for node in element.findall(qn("w:t")):
                node.tag = qn("w:delText")
        return run

    def _revision(self, tag: str, parent: Any) -> Any:
        """A new w:ins or w:del in `parent`, with the unique id, author and date Word asks for."""
        element = OxmlElement(tag)
        self._revisions += 1
        element.set(qn("w:id"), str(self._revisions))
        element.set(qn("w:author"), REVISION_AUTHOR)
        element.set(qn("w:date"), self._revised)
        parent.append(element)
        return element

    def _mark_whole(self, properties: Any, content: Inlines, container: str | None = None) -> None:
        """Content that is inserted or deleted as a whole takes its paragraph mark (in
        the paragraph's w:rPr) or its table row with it, so accepting or rejecting the
        change leaves no empty line behind."""
        kinds = {type(node) for node in content}
        if len(kinds) != 1 or (kind := kinds.pop()) not in _REVISION:
            return
        holder = properties
        if container is not None:
            holder = properties.find(qn(container))
            if holder is None:
                holder = OxmlElement(container)
                properties.append(holder)
        self._revision(_REVISION[kind], holder)

    def _hyperlink(self, paragraph: WordParagraph, href: str) -> Any:
        """A real w:hyperlink: external targets through a relationship, #anchors to a bookmark."""
        element = OxmlElement("w:hyperlink")
        if href.startswith("#"):
            element.set(qn("w:anchor"), href[1:])
        else:
            element.set(qn("r:id"), self.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        element.set(qn("w:history"), "1")
        paragraph._p.append(element)
        return element

    # Blocks -------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block]) -> None:
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, FormField):
                # A form is a table per run of questions, as a paper form is.
                end = index
                while end < len(blocks) and isinstance(blocks[end], FormField):
                    end += 1
                self.form(blocks[index:end])  # type: ignore[arg-type]
                index = end
                continue
            _BLOCKS[type(block)](self, block)
            index += 1

    def finish(self) -> None:
        """Word wants a paragraph between a table and whatever follows, even the end."""
        if self._last_was_table:
            self.paragraph(STYLE["break"])

    def heading(self, block: Heading) -> None:
        self.paragraph(STYLE["heading"].format(level=min(max(block.level, 1), 3)), block.content)

    def body(self, block: Paragraph) -> None:
        self.paragraph(STYLE["body"], block.content)

    def list(self, block: ListBlock, depth: int = 0) -> None:
        kind = "number" if block.ordered else "bullet"
        num_id = self._fresh_numbering(depth, block.start) if block.ordered else self._bullets
        suffix = _level_suffix(depth)
        for item in block.items:
            numbered = False
            for child in item:
                if isinstance(child, ListBlock):
                    self.list(child, depth + 1)
                elif isinstance(child, Paragraph) and not numbered:
                    paragraph = self.paragraph(STYLE[kind].format(suffix=suffix), child.content)
                    _number(paragraph, num_id, depth)
                elif isinstance(child, Paragraph):
                    self.paragraph(STYLE["continue"].format(suffix=suffix), child.content)
                else:
                    self.blocks([child])
                numbered = True

    def note(self, block: Note) -> None:
        for child in block.blocks:
            if isinstance(child, Paragraph):
                self.paragraph(STYLE["note"], child.content)
            else:
                self.blocks([child])

    def page_break(self, block: PageBreak | None = None) -> None:
        self.paragraph(STYLE["break"]).add_run().add_break(WD_BREAK.PAGE)

    def table(self, block: Table) -> None:
        if block.caption:
            self.paragraph(STYLE["caption"], (Text(block.caption),))
        table = self._table(len(block.rows) + 1, len(block.header), STYLE["table"], header=True,
                            widths=_column_shares(block))
        for cell, content in zip(table.rows[0].cells, block.header):
            self._cell(cell, STYLE["table_heading"], content)
        self._mark_whole(table.rows[0]._tr.get_or_add_trPr(), tuple(node for cell in block.header for node in cell))
        for row, cells in zip(table.rows[1:], block.rows):
            for cell, content in zip(row.cells, cells):
                self._cell(cell, STYLE["table_text"], content)
            self._mark_whole(row._tr.get_or_add_trPr(), tuple(node for cell in cells for node in cell))

    def form(self, fields: Sequence[FormField]) -> None:
        table = self._table(len(fields), 2, STYLE["form_table"], first_column=True, widths=(2, 3))
        for row, field in zip(table.rows, fields):
            question, answer = row.cells
            number = (Text(f"{field.number}. "),) if field.number else ()
            self._cell(question, STYLE["question"], number + field.label)
            if field.value is not None:
                self._cell(answer, STYLE["answer"], (Text(field.value),))
            else:
                self._cell(answer, STYLE["blank"])
                for _ in range(BLANK_LINES - 1 if field.multiline else 0):
                    self.paragraph(STYLE["blank"], container=answer)

    def signature(self, block: SignatureBlock) -> None:
        """Role and statement, then date and signature lines, then the printed name; the
        rows cannot split and every paragraph keeps with the next, so the block stays on
        one page."""
        table = self._table(3, 2, STYLE["plain_table"])
        intro = table.cell(0, 0).merge(table.cell(0, 1))
        self._cell(intro, STYLE["signature_role"], (Text(block.role),))
        self.paragraph(STYLE["table_text"], (Text(block.statement),), container=intro).paragraph_format.keep_with_next = True
        for cell, label in zip(table.rows[1].cells, (block.date_label, block.signature_label)):
            self._cell(cell, STYLE["signature_line"])
            self.paragraph(STYLE["signature_label"], (Text(label),), container=cell)
        name = table.cell(2, 0)
        self._cell(name, STYLE["signature_line"], (Text(block.name),) if block.name else ())
        last = self.paragraph(STYLE["signature_label"], (Text(block.name_label),), container=name)
        last.paragraph_format.keep_with_next = False
        self.paragraph(STYLE["break"])  # keeps the next block from joining the table

    def facts(self, facts: Iterable[tuple[str, str]]) -> None:
        pairs = list(facts)
        table = self._table(len(pairs), 2, STYLE["plain_table"], widths=(1, 2))
        for row, (label, value) in zip(table.rows, pairs):
            self._cell(row.cells[0], STYLE["fact_label"], (Text(label),))
            self._cell(row.cells[1], STYLE["table_text"], (Text(value),))

    def contents(self, title: str, entries: Iterable[Heading]) -> None:
        """A table-of-contents field Word refreshes on open (settings: updateFields).

        Until then the field shows the headings without page numbers, which is also
        what LibreOffice shows when it converts the file."""
        self.paragraph(STYLE["toc_heading"], (Text(title),))
        headings = [heading for heading in entries if heading.level <= 3] or [Heading(1, (), "")]
        paragraphs = [self.paragraph(STYLE["toc"].format(level=h.level), h.content) for h in headings]
        first, last = paragraphs[0]._p, paragraphs[-1]._p
        begin = [_field_char("begin"), _instruction(r'TOC \o "1-3" \h \z \u'), _field_char("separate")]
        anchor = first.get_or_add_pPr()
        for element in reversed(begin):
            anchor.addnext(element)
        last.append(_field_char("end"))

    # Tables -------------------------------------------------------------------------

    def _table(self, rows: int, columns: int, style: str, *, header: bool = False, first_column: bool = False,
               widths: Sequence[float] | None = None) -> Any:
        if self._last_was_table:
            self.paragraph(STYLE["break"])
        table = self.container.add_table(rows=rows, cols=columns)
        table.style = style
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
        if widths:
            total = sum(widths)
            grid = table._tbl.tblGrid.gridCol_lst
            full = sum(column.w for column in grid)
            for index, (column, share) in enumerate(zip(grid, widths)):
                column.w = int(full * share / total)
                for row in table.rows:  # Word reads the cells' widths, LibreOffice the grid's
                    row.cells[index].width = column.w
        for index, row in enumerate(table.rows):
            row_properties = row._tr.get_or_add_trPr()
            row_properties.append(OxmlElement("w:cantSplit"))
            if header and index == 0:
                row_properties.append(OxmlElement("w:tblHeader"))
        self._last_was_table = True
        return table

    def _cell(self, cell: Any, style: str, content: Inlines = ()) -> WordParagraph:
        paragraph: WordParagraph = cell.paragraphs[0]
        paragraph._p.style = self._style_id(style)
        self.inlines(paragraph, content)
        return paragraph


def _column_shares(block: Table) -> tuple[float, ...]:
    """Column widths for a table: first room for each column's longest word (up to
    LONG_WORD letters, so names, platforms and dates do not break), then what is left of
    the line shared in proportion to how much longer each column's texts are."""
    columns = list(zip(block.header, *block.rows))
    words = [max((len(word) for cell in cells for word in plain(cell).split()), default=1) for cells in columns]
    need = [min(longest, LONG_WORD) + 3 for longest in words]  # + the cell margins
    more = [max(max(len(plain(cell)) for cell in cells) - n, 0) for cells, n in zip(columns, need)]
    room = LINE_LETTERS - sum(need)
    if room <= 0 or not sum(more):
        return tuple(need)
    return tuple(n + room * m / sum(more) for n, m in zip(need, more))


def _number(paragraph: WordParagraph, num_id: int, depth: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = depth
    num_pr.get_or_add_numId().val = num_id


def _field_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _instruction(text: str) -> Any:
    run = OxmlElement("w:r")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {text} "
    run.append(instruction)
    return run


_BLOCKS: dict[type, Callable[[Body, Any], None]] = {
    Heading: Body.heading,
    Paragraph: Body.body,
    ListBlock: Body.list,
    Table: Body.table,
    Note: Body.note,
    PageBreak: Body.page_break,
    SignatureBlock: Body.signature,
    Schedule: lambda body, block: body.blocks(block.tables()),
}
