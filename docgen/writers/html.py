"""HTML: a complete, accessible page (or a fragment) rendered through Jinja layouts.

Nodes become HTML through the dispatch table of a Visitor (docgen.visitor); every piece of text is
escaped by markupsafe, so data can never become markup. The page is self-contained (CSS
inlined, logo as a data URI) so it opens anywhere and the PDF writer can use it as is.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

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
    plain,
)
from docgen.template_path import search_path
from docgen.visitor import Visitor
from docgen.writers.base import Writer
from docgen.writers.column_widths import column_shares


@cache
def environment(own: Path | None = None) -> Environment:
    """The layouts, a municipality's `own` templates found before docgen's."""
    return Environment(
        loader=FileSystemLoader([root / "html" for root in search_path(own)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


# A table's columns are as wide as docgen.writers.column_widths measures them across the
# print layout's text: A4 less print.css's side margins (22 + 20 mm), upright or across,
# in ems of its table text (0.82 × 10.5 pt); and each cell's padding (0.4em each side,
# in print.css) and borders, with a little to spare. On paper the table keeps these
# widths (table-layout: fixed), so it has the DOCX's columns and WeasyPrint need not
# lay every cell out to measure it; a screen takes them as the columns' preferred widths.
_TABLE_POINTS = 0.82 * 10.5
TABLE_LINE: Final = {"portrait": 168 / 25.4 * 72 / _TABLE_POINTS, "landscape": 255 / 25.4 * 72 / _TABLE_POINTS}
CELL_PADDING: Final = 2 * 0.4 + 0.3
# A table of this many columns (the register, the publishing plan) may take a wide
# screen's whole width: in the text's, its columns would be a word wide.
WIDE_TABLE: Final = 6


class HtmlTranslator(Visitor[Markup]):
    """Blocks and inlines to HTML; every piece of text is escaped by markupsafe. Tables
    are measured for a line of `table_line` ems of table text (TABLE_LINE). For a
    `screen`, a link that shows its address may break after each slash (in print,
    anywhere: print.css)."""

    name = "the HTML writer"

    def __init__(self, table_line: float, screen: bool) -> None:
        self.table_line = table_line
        self.screen = screen

    def inlines(self, nodes: Inlines) -> Markup:
        return Markup("").join(self.visit(node) for node in nodes)

    def blocks(self, blocks: Sequence[Block], tight: bool = False) -> Markup:
        if tight and len(blocks) == 1 and isinstance(blocks[0], Paragraph):
            return self.inlines(blocks[0].content)
        return Markup("\n").join(self.visit(block) for block in blocks)

    # Inlines ------------------------------------------------------------------------

    def visit_text(self, node: Text) -> Markup:
        return escape(node.text)

    def visit_emphasis(self, node: Emphasis) -> Markup:
        return Markup("<em>%s</em>") % self.inlines(node.children)

    def visit_strong(self, node: Strong) -> Markup:
        return Markup("<strong>%s</strong>") % self.inlines(node.children)

    def visit_link(self, node: Link) -> Markup:
        # A link whose text is its address is marked, so print does not repeat it.
        text = self.inlines(node.children)
        if not node.shows_address:
            return Markup('<a href="%s">%s</a>') % (node.href, text)
        if self.screen and all(isinstance(child, Text) for child in node.children):
            # A browser breaks a long address anywhere or nowhere; after a slash it reads best.
            text = Markup("<wbr>").join(_AFTER_SLASHES.split(plain(node.children)))
        return Markup('<a href="%s" class="bare">%s</a>') % (node.href, text)

    def visit_line_break(self, node: LineBreak) -> Markup:
        return Markup("<br>")

    def visit_inserted(self, node: Inserted) -> Markup:
        return Markup("<ins>%s</ins>") % self.inlines(node.children)

    def visit_deleted(self, node: Deleted) -> Markup:
        return Markup("<del>%s</del>") % self.inlines(node.children)

    # Blocks -------------------------------------------------------------------------

    def visit_heading(self, block: Heading) -> Markup:
        level = min(block.level + 1, 6)  # the title is the page's only h1
        return Markup('<h%d id="%s">%s</h%d>') % (level, block.anchor, self.inlines(block.content), level)

    def visit_paragraph(self, block: Paragraph) -> Markup:
        return Markup("<p>%s</p>") % self.inlines(block.content)

    def visit_list_block(self, block: ListBlock) -> Markup:
        tag = "ol" if block.ordered else "ul"
        start = Markup(' start="%d"') % block.start if block.ordered and block.start != 1 else Markup("")
        items = Markup("").join(Markup("<li>%s</li>") % self.blocks(item, tight=True) for item in block.items)
        return Markup("<%s%s>%s</%s>") % (tag, start, items, tag)

    def visit_table(self, block: Table) -> Markup:
        caption = Markup("<caption>%s</caption>") % block.caption if block.caption else Markup("")
        shares = column_shares(block, self.table_line, CELL_PADDING, printed)
        columns = Markup("").join(Markup('<col style="width: %.1f%%">') % (100 * share / sum(shares)) for share in shares)
        head = Markup("").join(Markup('<th scope="col">%s</th>') % self.inlines(cell) for cell in block.header)
        rows = Markup("").join(
            Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % self.inlines(cell) for cell in row)
            for row in block.rows
        )
        table = Markup("<table>%s<colgroup>%s</colgroup><thead><tr>%s</tr></thead><tbody>%s</tbody></table>") % (
            caption, columns, head, rows
        )
        if not self.screen:
            return table
        # On a screen, a frame the table scrolls in when the window is too narrow (base.css):
        # a region of its own, which a keyboard can reach to scroll.
        wide = Markup(" wide") if len(block.header) >= WIDE_TABLE else Markup("")
        named = Markup(' role="region" aria-label="%s" tabindex="0"') % block.caption if block.caption else Markup("")
        return Markup('<div class="table-frame%s"%s>%s</div>') % (wide, named, table)

    def visit_note(self, block: Note) -> Markup:
        return Markup('<aside class="note">%s</aside>') % self.blocks(block.blocks)

    def visit_page_break(self, block: PageBreak) -> Markup:
        return Markup('<div class="page-break"></div>')

    def visit_form_field(self, block: FormField) -> Markup:
        number = Markup('<span class="number">%s.</span> ') % block.number if block.number else Markup("")
        label = self.inlines(block.label)
        # data-field lets a layout size fields by what they hold (a name, an e-mail, …).
        classes = "field inline" if block.inline else "field"
        if block.value is not None:
            return Markup(
                '<div class="%s filled" data-field="%s"><p class="question">%s%s</p><p class="answer">%s</p></div>'
            ) % (classes, block.name, number, label, block.value)
        control = (
            Markup('<textarea id="f-%s" name="%s" rows="4"></textarea>')
            if block.multiline
            else Markup('<input id="f-%s" name="%s" type="text">')
        ) % (block.name, block.name)
        return Markup('<div class="%s" data-field="%s"><label class="question" for="f-%s">%s%s</label>%s</div>') % (
            classes,
            block.name,
            block.name,
            number,
            label,
            control,
        )

    def visit_signature_block(self, block: SignatureBlock) -> Markup:
        name = Markup('<span class="printed">%s</span>') % block.name if block.name else Markup("")
        return Markup(
            '<div class="signature"><p class="role">%s</p><p class="statement">%s</p>'
            '<div class="lines"><div class="line date"><span class="label">%s</span></div>'
            '<div class="line sign"><span class="label">%s</span></div>'
            '<div class="line name">%s<span class="label">%s</span></div></div></div>'
        ) % (block.role, block.statement, block.date_label, block.signature_label, name, block.name_label)

    def visit_schedule(self, block: Schedule) -> Markup:
        return self.blocks(block.tables())


def printed(inlines: Inlines) -> str:
    """The text of inline content as print shows it, a web link's address included."""
    return plain(inlines, addresses=True)


_AFTER_SLASHES = re.compile(r"(?<=/)(?=[^/])")
_HTML = {
    (orientation, media): HtmlTranslator(line, screen=media != "print")
    for orientation, line in TABLE_LINE.items()
    for media in ("screen", "print")
}


def data_uri(path: Path) -> str:
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{media};base64,{base64.b64encode(path.read_bytes()).decode()}"


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, every character that could end it escaped."""
    safe = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return Markup('"%s"' % safe)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def readable(colour: str) -> str:
    """`colour` (#RRGGBB) darkened until text in it on white has WCAG AA contrast (4.5:1)."""
    while 1.05 / (_luminance(colour) + 0.05) < 4.5:
        colour = "#" + "".join(f"{int(int(colour[i : i + 2], 16) * 0.9):02x}" for i in (1, 3, 5))
    return colour


def tint(colour: str, strength: float) -> str:
    """`colour` laid over white at `strength` (0–1): a background that keeps text readable."""
    return "#" + "".join(f"{round(255 - (255 - int(colour[i : i + 2], 16)) * strength):02x}" for i in (1, 3, 5))


def page_context(document: Document, media: str) -> dict[str, object]:
    """What the layouts see: the document, its rendered sections and its assets."""
    translator = _HTML[document.print_spec.orientation, media]
    return {
        "doc": document,
        "meta": document.meta,
        "labels": document.meta.labels,
        "profile": document.profile,
        # Colours are validated hex codes; `text` is the primary colour made readable.
        "colours": {
            "primary": document.profile.primary_colour,
            "accent": document.profile.accent_colour,
            "text": readable(document.profile.primary_colour),
            "tint": tint(document.profile.primary_colour, 0.08),
        },
        "css_string": css_string,
        "media": media,
        "logo": data_uri(document.profile.logo) if document.profile.logo else None,
        "sections": [(section, translator.blocks(section.blocks)) for section in document.sections],
        "heading": translator.visit_heading,
        "inline": translator.inlines,
    }


def render_page(document: Document, media: str = "screen") -> str:
    """The HTML of `document` for a screen or for print (the PDF writer's input)."""
    template = environment(document.profile.templates).get_template(f"{document.layout}.html")
    return template.render(page_context(document, media))


class HtmlWriter(Writer):
    format = "html"
    suffix = ".html"
    template_folders = ("html", "fonts")  # the fonts measure table columns (column_widths)

    def render(self, document: Document) -> bytes:
        return render_page(document).encode("utf-8")
