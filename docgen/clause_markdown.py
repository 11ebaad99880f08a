"""A clause's Markdown → docgen blocks: markdown-it parses it, `ClauseConverter` maps
the syntax tree node by node (a Visitor keyed by markdown-it's token type).

Raw HTML is off: it cannot be mapped to DOCX or text, and it would let data inject
markup. Anything the converter has no handler for (an image, a token type a markdown-it
plugin adds) is a content error at the clause's line, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NoReturn
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from docgen.document import (
    Block,
    Emphasis,
    Heading,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    Note,
    PageBreak,
    Paragraph,
    Strong,
    Table,
    Text,
)
from docgen.errors import ContentError
from docgen.visitor import Visitor

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


@lru_cache(maxsize=4096)
def _syntax_tree(text: str) -> SyntaxTreeNode:
    """A clause's Markdown, parsed once per process: the text is the library's, before any
    placeholder is filled (the converter fills the text it finds in the tree), so every
    document that uses the clause reads the same tree. Converting only reads it."""
    return SyntaxTreeNode(_MARKDOWN.parse(text))


_SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:", "#")


class ClauseConverter(Visitor[list[Any]]):  # blocks or inlines, by the node
    """One clause's syntax tree → blocks and inlines, a handler per token type.

    `where` locates the clause for errors; `fill` puts the data into a piece of text;
    `standing_for` gives the blocks a paragraph stands for when it is nothing but a
    block placeholder, else None.
    """

    name = "the clause converter"

    def __init__(
        self,
        clause_id: str,
        where: str,
        fill: Callable[[str], str],
        standing_for: Callable[[str], Sequence[Block] | None],
    ) -> None:
        self.clause_id = clause_id
        self.where = where
        self.fill = fill
        self.standing_for = standing_for
        self.headings = 0

    def convert(self, text: str) -> list[Block]:
        return self.blocks(_syntax_tree(text))

    def type_of(self, node: SyntaxTreeNode) -> str:
        return node.type

    def unknown(self, node: SyntaxTreeNode, kind: str) -> NoReturn:
        raise ContentError(f"{self.where}: {kind} is not supported in clause {self.clause_id}")

    def blocks(self, node: SyntaxTreeNode) -> list[Block]:
        return [block for child in node.children for block in self.visit(child)]

    def inlines(self, node: SyntaxTreeNode) -> Inlines:
        return tuple(inline for child in node.children for inline in self.visit(child))

    # Blocks -------------------------------------------------------------------------

    def visit_paragraph(self, node: SyntaxTreeNode) -> list[Block]:
        alone = self.standing_for(node.children[0].content if node.children else "")
        if alone is not None:
            return list(alone)
        return [Paragraph(self.inlines(node.children[0]))]

    def visit_heading(self, node: SyntaxTreeNode) -> list[Block]:
        level = int(node.tag[1])
        self.headings += 1
        anchor = self.clause_id.replace(".", "-") + (f"-{self.headings}" if self.headings > 1 else "")
        return [Heading(level, self.inlines(node.children[0]), anchor)]

    def visit_bullet_list(self, node: SyntaxTreeNode) -> list[Block]:
        return [ListBlock(False, tuple(tuple(self.blocks(item)) for item in node.children))]

    def visit_ordered_list(self, node: SyntaxTreeNode) -> list[Block]:
        start = int(node.attrs.get("start", 1))
        return [ListBlock(True, tuple(tuple(self.blocks(item)) for item in node.children), start)]

    def visit_blockquote(self, node: SyntaxTreeNode) -> list[Block]:
        return [Note(tuple(self.blocks(node)))]

    def visit_hr(self, node: SyntaxTreeNode) -> list[Block]:
        return [PageBreak()]

    def visit_table(self, node: SyntaxTreeNode) -> list[Block]:
        header: tuple[Inlines, ...] = ()
        rows: list[tuple[Inlines, ...]] = []
        for part in node.children:
            for row in part.children:
                cells = tuple(self.inlines(cell.children[0]) if cell.children else () for cell in row.children)
                if part.type == "thead":
                    header = cells
                else:
                    rows.append(cells)
        return [Table(header, tuple(rows))]

    def visit_code_block(self, node: SyntaxTreeNode) -> list[Block]:
        return [Paragraph((Text(self.fill(node.content.strip())),))]

    visit_fence = visit_code_block

    # Inlines ------------------------------------------------------------------------

    def visit_text(self, node: SyntaxTreeNode) -> list[Inline]:
        return [Text(self.fill(node.content))]

    visit_code_inline = visit_text

    def visit_softbreak(self, node: SyntaxTreeNode) -> list[Inline]:
        return [Text(" ")]

    def visit_hardbreak(self, node: SyntaxTreeNode) -> list[Inline]:
        return [LineBreak()]

    def visit_em(self, node: SyntaxTreeNode) -> list[Inline]:
        return [Emphasis(self.inlines(node))]

    def visit_strong(self, node: SyntaxTreeNode) -> list[Inline]:
        return [Strong(self.inlines(node))]

    def visit_link(self, node: SyntaxTreeNode) -> list[Inline]:
        href = self.fill(unquote(str(node.attrs["href"])))
        if not href.startswith(_SAFE_SCHEMES):
            raise ContentError(f"{self.where}: link to {href!r} is not allowed in clause {self.clause_id}")
        return [Link(href, self.inlines(node))]

    def visit_image(self, node: SyntaxTreeNode) -> list[Inline]:
        raise ContentError(f"{self.where}: images are not supported in clause text ({self.clause_id})")
