"""Plain text: ready to paste into Facebook or any field that takes no formatting.

No Markdown or HTML: headings stand on their own line, lists use "• " and "1.", blocks
are separated by one blank line (which Facebook keeps), links read "text (address)".
Data is written as it is: plain text has no markup to escape.

When the document says where it is pasted (Document.paste_spec), the text must fit every
field there; otherwise the writer fails and says how much to cut.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from docgen.document import (
    Block,
    Deleted,
    Document,
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
)
from docgen.errors import RenderError
from docgen.platforms import characters
from docgen.visitor import Visitor
from docgen.writers.base import Writer, hanging_indent

log = logging.getLogger("docgen")

BULLET = "• "
NESTED_BULLET = "◦ "
BLANK = "_" * 24  # a line to write on, for empty form fields
NEAR = 0.9  # warn when the text uses this share of a limit


class TextTranslator(Visitor[str]):
    name = "the text writer"

    def inlines(self, nodes: Inlines) -> str:
        return "".join(self.visit(node) for node in nodes)

    def blocks(self, blocks: Sequence[Block]) -> str:
        return "\n\n".join(text for text in map(self.visit, blocks) if text)

    # Inlines ------------------------------------------------------------------------

    def visit_text(self, node: Text) -> str:
        return node.text

    def visit_line_break(self, node: LineBreak) -> str:
        return "\n"

    def visit_link(self, node: Link) -> str:
        text, address = self.inlines(node.children), node.href.removeprefix("mailto:").removeprefix("tel:")
        # A link whose text is its address is written once; platforms link it themselves.
        if node.shows_address:
            return address
        if address.startswith("#"):  # a link inside the document means nothing here
            return text
        return f"{text} ({address})"

    def visit_emphasis(self, node: Emphasis) -> str:
        return self.inlines(node.children)

    def visit_strong(self, node: Strong) -> str:
        return self.inlines(node.children)

    # A redline's changes, marked so they can be told apart without formatting.
    def visit_inserted(self, node: Inserted) -> str:
        return f"[+{self.inlines(node.children)}+]"

    def visit_deleted(self, node: Deleted) -> str:
        return f"[-{self.inlines(node.children)}-]"

    # Blocks -------------------------------------------------------------------------

    def visit_heading(self, block: Heading) -> str:
        return self.inlines(block.content)

    def visit_paragraph(self, block: Paragraph) -> str:
        return self.inlines(block.content)

    def visit_list_block(self, block: ListBlock, depth: int = 0) -> str:
        # Tight (no blank lines) unless an item holds more than one paragraph or other blocks.
        tight = all(
            sum(isinstance(child, Paragraph) for child in item) <= 1
            and all(isinstance(child, (Paragraph, ListBlock)) for child in item)
            for item in block.items
        )
        gap = "\n" if tight else "\n\n"
        items = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else (BULLET if depth == 0 else NESTED_BULLET)
            body = gap.join(
                self.visit_list_block(child, depth + 1) if isinstance(child, ListBlock) else self.visit(child)
                for child in item
            )
            items.append(hanging_indent(body, marker))
        return gap.join(items)

    def visit_table(self, block: Table) -> str:
        """Each row as "column: value" lines, rows apart, since columns cannot line up in
        proportional type."""
        header = [self.inlines(cell) for cell in block.header]
        rows = []
        for row in block.rows:
            cells = [self.inlines(cell).replace("\n", " ") for cell in row]
            if header:
                rows.append("\n".join(f"{label}: {value}" for label, value in zip(header, cells) if value))
            else:
                rows.append(" – ".join(cells))
        caption = [block.caption] if block.caption else []
        return "\n\n".join(caption + rows)

    def visit_note(self, block: Note) -> str:
        return self.blocks(block.blocks)

    def visit_page_break(self, block: PageBreak) -> str:
        return ""

    def visit_form_field(self, block: FormField) -> str:
        number = f"{block.number}. " if block.number else ""
        answer = block.value if block.value is not None else BLANK
        return f"{number}{self.inlines(block.label)}: {answer}"

    def visit_signature_block(self, block: SignatureBlock) -> str:
        return "\n".join(
            [
                block.role,
                block.statement,
                f"{block.date_label}: {BLANK}",
                f"{block.signature_label}: {BLANK}",
                f"{block.name_label}: {block.name or BLANK}",
            ]
        )

    def visit_schedule(self, block: Schedule) -> str:
        return self.blocks(block.tables())


_TEXT = TextTranslator()


def document_text(document: Document) -> str:
    """The whole document as plain text, without a final line break."""
    meta = document.meta
    parts = [meta.title, meta.subtitle or ""]
    if meta.facts:
        parts.append("\n".join(f"{label}: {value}" for label, value in meta.facts))
    parts.extend(_TEXT.visit(block) for block in document.blocks())
    text = "\n\n".join(part for part in parts if part)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def check_limits(document: Document, text: str) -> None:
    """Fail, naming every field the text does not fit, when it is too long."""
    count = characters(text)
    meta = document.meta
    where = f"{meta.author}, {meta.category} ({meta.language})"
    for limit in document.paste_spec.limits:
        # Within a tenth of the limit, a few more words from the data will break it.
        level = logging.WARNING if limit.characters * NEAR <= count <= limit.characters else logging.INFO
        log.log(level, "%s: %s characters; %s holds at most %s", where, f"{count:,}", limit.field, f"{limit.characters:,}")
    too_long = [limit for limit in document.paste_spec.limits if count > limit.characters]
    if too_long:
        fields = "; ".join(
            f"{limit.field} holds at most {limit.characters:,}: cut {count - limit.characters:,} characters"
            for limit in too_long
        )
        raise RenderError(f"{where}: the plain text is {count:,} characters, too long to paste. {fields}.")


class TextWriter(Writer):
    format = "txt"
    suffix = ".txt"

    def render(self, document: Document) -> bytes:
        text = document_text(document)
        check_limits(document, text)
        return (text + "\n").encode("utf-8")
