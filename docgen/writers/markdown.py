"""Markdown: clean CommonMark (with pipe tables) of the same blocks.

Text from the data is escaped so it can never become Markdown syntax."""

from __future__ import annotations

import re
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
from docgen.visitor import Visitor
from docgen.writers.base import Writer, hanging_indent

# Only what CommonMark (with pipe tables) reads as syntax anywhere in a line: escapes,
# code, emphasis, link brackets, HTML and table cells. "(", "#" or "!" are syntax only
# after "]" (escaped here) or at the start of a line (line_starts), so running text such
# as "Lag (1998:112)" or "#GodSommer!" stays as it is written.
_SPECIAL = re.compile(r"([\\`*_\[\]<|])")
# "&" only where it would be read as an entity ("&amp;", "&#38;").
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-=+#>~])", re.MULTILINE)  # "~~~" opens a code fence
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)


def escape(text: str) -> str:
    """Text with every character that Markdown would read as syntax backslash-escaped."""
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


def line_starts(text: str) -> str:
    """Escape what would open a list, a heading, a quote, a code fence or an underline heading at the
    start of a line ("19. mars" must not become a numbered list), and drop the spaces at
    either end of a line: indentation makes a code block, two trailing spaces a line
    break. Only where text begins or ends a line."""
    text = _EDGE_SPACE.sub("", text)
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", text)


def destination(href: str) -> str:
    """A link target safe inside <…>: the characters that would end it are percent-encoded."""
    return href.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("\n", "%0A")


class MarkdownTranslator(Visitor[str]):
    name = "the Markdown writer"

    def inlines(self, nodes: Inlines) -> str:
        return "".join(self.visit(node) for node in nodes)

    def blocks(self, blocks: Sequence[Block]) -> str:
        return "\n\n".join(self.visit(block) for block in blocks)

    # Inlines ------------------------------------------------------------------------

    def visit_text(self, node: Text) -> str:
        return escape(node.text)

    def visit_emphasis(self, node: Emphasis) -> str:
        return f"*{self.inlines(node.children)}*"

    def visit_strong(self, node: Strong) -> str:
        return f"**{self.inlines(node.children)}**"

    def visit_link(self, node: Link) -> str:
        return f"[{self.inlines(node.children)}](<{destination(node.href)}>)"

    def visit_line_break(self, node: LineBreak) -> str:
        return "\\\n"

    # A redline's changes in CriticMarkup, which reads plainly where it is not rendered.
    def visit_inserted(self, node: Inserted) -> str:
        return f"{{++{self.inlines(node.children)}++}}"

    def visit_deleted(self, node: Deleted) -> str:
        return f"{{--{self.inlines(node.children)}--}}"

    # Blocks -------------------------------------------------------------------------

    def visit_heading(self, block: Heading) -> str:
        return f"{'#' * (block.level + 1)} {self.inlines(block.content)}"

    def visit_paragraph(self, block: Paragraph) -> str:
        return line_starts(self.inlines(block.content))

    def visit_list_block(self, block: ListBlock) -> str:
        items = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            items.append(hanging_indent(self.blocks(item), marker))
        tight = all(len(item) == 1 and isinstance(item[0], Paragraph) for item in block.items)
        return ("\n" if tight else "\n\n").join(items)

    def visit_table(self, block: Table) -> str:
        def row(cells: tuple[Inlines, ...]) -> str:
            return "| " + " | ".join(self.inlines(cell).replace("\n", " ") for cell in cells) + " |"

        lines = [row(block.header), "|" + "|".join(" --- " for _ in block.header) + "|"]
        lines += [row(cells) for cells in block.rows]
        caption = f"**{escape(block.caption)}**\n\n" if block.caption else ""
        return caption + "\n".join(lines)

    def visit_note(self, block: Note) -> str:
        return "\n".join(f"> {line}" if line else ">" for line in self.blocks(block.blocks).split("\n"))

    def visit_page_break(self, block: PageBreak) -> str:
        return "---"

    def visit_form_field(self, block: FormField) -> str:
        number = f"{block.number}. " if block.number else ""
        answer = line_starts(escape(block.value)) if block.value is not None else "\\_" * 30
        return f"**{escape(number)}{self.inlines(block.label)}**\n\n{answer}"

    def visit_signature_block(self, block: SignatureBlock) -> str:
        name = escape(block.name) + " " if block.name else ""
        lines = [
            f"**{escape(block.role)}**",
            line_starts(escape(block.statement)),
            f"{escape(block.date_label)}: " + "\\_" * 20,
            f"{escape(block.signature_label)}: " + "\\_" * 30,
            f"{escape(block.name_label)}: {name}" + ("" if block.name else "\\_" * 30),
        ]
        return "\\\n".join(lines)

    def visit_schedule(self, block: Schedule) -> str:
        return self.blocks(block.tables())


_MARKDOWN = MarkdownTranslator()


class MarkdownWriter(Writer):
    format = "md"
    suffix = ".md"

    def render(self, document: Document) -> bytes:
        meta = document.meta
        parts = [f"# {escape(meta.title)}"]
        if meta.subtitle:
            parts.append(line_starts(escape(meta.subtitle)))
        if meta.facts:
            parts.append("\n".join(f"- **{escape(label)}:** {escape(value)}" for label, value in meta.facts))
        for section in document.sections:
            if section.heading is not None:
                parts.append(_MARKDOWN.visit_heading(section.heading))
            if section.blocks:
                parts.append(_MARKDOWN.blocks(section.blocks))
        return ("\n\n".join(parts) + "\n").encode("utf-8")
