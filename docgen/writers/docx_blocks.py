"""Blocks to WordprocessingML, in the Word template's own named styles.

The DOCX writer hands us the body subdocument; `Body` walks the blocks (a Visitor) and
appends paragraphs through python-docx, which escapes all text. Running text (headings,
paragraphs, lists, notes, the table of contents) is written here; inline content by
docx_runs, tables and forms by docx_tables. The style names are in docx_styles.STYLE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph

from docgen.document import (
    Block,
    FormField,
    Heading,
    Inlines,
    ListBlock,
    Note,
    PageBreak,
    Paragraph,
    Schedule,
    SignatureBlock,
    Table,
    Text,
)
from docgen.visitor import Visitor
from docgen.writers.docx_runs import Runs
from docgen.writers.docx_styles import STYLE, StyleIds
from docgen.writers.docx_tables import Tables


def _level_suffix(depth: int) -> str:
    return "" if depth == 0 else f" {min(depth, 2) + 1}"


class Body(Visitor[None]):
    """Appends blocks to a python-docx block container (the body subdocument)."""

    name = "the DOCX writer"

    def __init__(self, container: Any, revised: dt.date | None = None) -> None:
        self.container = container
        self.part = container.part
        self.styles = StyleIds(self.part)
        # A redline's tracked changes carry the document's own date (see docx_runs).
        self.runs = Runs(self.part, self.styles, revised)
        self.tables = Tables(self)
        self._bullets = self._style_num_id(STYLE["bullet"].format(suffix=""))
        numbers = self._style_num_id(STYLE["number"].format(suffix=""))
        self._numbers_abstract = self._numbering.num_having_numId(numbers).abstractNumId.val
        self.last_was_table = False  # Word wants a paragraph between two tables

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

    # Paragraphs --------------------------------------------------------------------

    def paragraph(self, style: str, content: Inlines = (), container: Any = None) -> WordParagraph:
        target = self.container if container is None else container
        paragraph: WordParagraph = target.add_paragraph()
        paragraph._p.style = self.styles[style]
        self.runs.write(paragraph, content)
        self.runs.mark_whole(paragraph._p.get_or_add_pPr(), content, "w:rPr")
        if container is None:
            self.last_was_table = False
        return paragraph

    # Blocks -------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block]) -> None:
        index = 0
        while index < len(blocks):
            if isinstance(blocks[index], FormField):
                # A form is a table per run of questions, as a paper form is.
                end = index
                while end < len(blocks) and isinstance(blocks[end], FormField):
                    end += 1
                self.tables.form(blocks[index:end])  # type: ignore[arg-type]
                index = end
                continue
            self.visit(blocks[index])
            index += 1

    def finish(self) -> None:
        """Word wants a paragraph between a table and whatever follows, even the end."""
        if self.last_was_table:
            self.paragraph(STYLE["break"])

    def visit_heading(self, block: Heading) -> None:
        self.paragraph(STYLE["heading"].format(level=min(max(block.level, 1), 3)), block.content)

    def visit_paragraph(self, block: Paragraph) -> None:
        self.paragraph(STYLE["body"], block.content)

    def visit_list_block(self, block: ListBlock, depth: int = 0) -> None:
        kind = "number" if block.ordered else "bullet"
        num_id = self._fresh_numbering(depth, block.start) if block.ordered else self._bullets
        suffix = _level_suffix(depth)
        for item in block.items:
            numbered = False
            for child in item:
                if isinstance(child, ListBlock):
                    self.visit_list_block(child, depth + 1)
                elif isinstance(child, Paragraph) and not numbered:
                    paragraph = self.paragraph(STYLE[kind].format(suffix=suffix), child.content)
                    _number(paragraph, num_id, depth)
                elif isinstance(child, Paragraph):
                    self.paragraph(STYLE["continue"].format(suffix=suffix), child.content)
                else:
                    self.blocks([child])
                numbered = True

    def visit_note(self, block: Note) -> None:
        for child in block.blocks:
            if isinstance(child, Paragraph):
                self.paragraph(STYLE["note"], child.content)
            else:
                self.blocks([child])

    def visit_page_break(self, block: PageBreak) -> None:
        self.paragraph(STYLE["break"]).add_run().add_break(WD_BREAK.PAGE)

    def visit_table(self, block: Table) -> None:
        self.tables.table(block)

    def visit_form_field(self, block: FormField) -> None:
        self.tables.form([block])

    def visit_signature_block(self, block: SignatureBlock) -> None:
        self.tables.signature(block)

    def visit_schedule(self, block: Schedule) -> None:
        self.blocks(block.tables())

    # The title page and the table of contents ------------------------------------------

    def facts(self, facts: Iterable[tuple[str, str]]) -> None:
        self.tables.facts(facts)

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
