"""Markdown: clean CommonMark (with pipe tables) of the same blocks.

Text from the data is escaped so it can never become Markdown syntax."""

from __future__ import annotations

import re
from collections.abc import Callable

from docgen.document import (
    Block,
    Document,
    Emphasis,
    FormField,
    Heading,
    Inlines,
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


def inline_md(nodes: Inlines) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(escape(node.text))
        elif isinstance(node, Emphasis):
            parts.append(f"*{inline_md(node.children)}*")
        elif isinstance(node, Strong):
            parts.append(f"**{inline_md(node.children)}**")
        elif isinstance(node, Link):
            parts.append(f"[{inline_md(node.children)}](<{destination(node.href)}>)")
        elif isinstance(node, LineBreak):
            parts.append("\\\n")
    return "".join(parts)


def _heading(block: Heading) -> str:
    return f"{'#' * (block.level + 1)} {inline_md(block.content)}"


def _list(block: ListBlock) -> str:
    items = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        items.append(hanging_indent(blocks_md(item), marker))
    tight = all(len(item) == 1 and isinstance(item[0], Paragraph) for item in block.items)
    return ("\n" if tight else "\n\n").join(items)


def _table(block: Table) -> str:
    def row(cells: tuple[Inlines, ...]) -> str:
        return "| " + " | ".join(inline_md(cell).replace("\n", " ") for cell in cells) + " |"

    lines = [row(block.header), "|" + "|".join(" --- " for _ in block.header) + "|"]
    lines += [row(cells) for cells in block.rows]
    caption = f"**{escape(block.caption)}**\n\n" if block.caption else ""
    return caption + "\n".join(lines)


def _note(block: Note) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in blocks_md(block.blocks).split("\n"))


def _form_field(block: FormField) -> str:
    number = f"{block.number}. " if block.number else ""
    answer = line_starts(escape(block.value)) if block.value is not None else "\\_" * 30
    return f"**{escape(number)}{inline_md(block.label)}**\n\n{answer}"


def _signature(block: SignatureBlock) -> str:
    name = escape(block.name) + " " if block.name else ""
    lines = [
        f"**{escape(block.role)}**",
        line_starts(escape(block.statement)),
        f"{escape(block.date_label)}: " + "\\_" * 20,
        f"{escape(block.signature_label)}: " + "\\_" * 30,
        f"{escape(block.name_label)}: {name}" + ("" if block.name else "\\_" * 30),
    ]
    return "\\\n".join(lines)


_BLOCKS: dict[type, Callable[..., str]] = {
    Heading: _heading,
    Paragraph: lambda block: line_starts(inline_md(block.content)),
    ListBlock: _list,
    Table: _table,
    Note: _note,
    PageBreak: lambda block: "---",
    FormField: _form_field,
    SignatureBlock: _signature,
    Schedule: lambda block: blocks_md(block.tables()),
}


def blocks_md(blocks: tuple[Block, ...] | list[Block]) -> str:
    return "\n\n".join(_BLOCKS[type(block)](block) for block in blocks)


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
                parts.append(_heading(section.heading))
            if section.blocks:
                parts.append(blocks_md(section.blocks))
        return ("\n\n".join(parts) + "\n").encode("utf-8")
