"""HTML: a complete, accessible page (or a fragment) rendered through Jinja layouts.

Blocks become HTML through a dispatch table keyed by block type; every piece of text is
escaped by markupsafe, so data can never become markup. The page is self-contained (CSS
inlined, logo as a data URI) so it opens anywhere and the PDF writer can use it as is.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Callable
from functools import cache
from pathlib import Path

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
)
from docgen.template_path import search_path
from docgen.writers.base import Writer


@cache
def environment(own: Path | None = None) -> Environment:
    """The layouts, a municipality's `own` templates found before docgen's."""
    return Environment(
        loader=FileSystemLoader([root / "html" for root in search_path(own)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def inline_html(nodes: Inlines) -> Markup:
    parts: list[Markup] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(escape(node.text))
        elif isinstance(node, Emphasis):
            parts.append(Markup("<em>%s</em>") % inline_html(node.children))
        elif isinstance(node, Strong):
            parts.append(Markup("<strong>%s</strong>") % inline_html(node.children))
        elif isinstance(node, Link):
            # A link whose text is its address is marked, so print does not repeat it.
            bare = Markup(' class="bare"') if node.shows_address else Markup("")
            parts.append(Markup('<a href="%s"%s>%s</a>') % (node.href, bare, inline_html(node.children)))
        elif isinstance(node, LineBreak):
            parts.append(Markup("<br>"))
        elif isinstance(node, Inserted):
            parts.append(Markup("<ins>%s</ins>") % inline_html(node.children))
        elif isinstance(node, Deleted):
            parts.append(Markup("<del>%s</del>") % inline_html(node.children))
    return Markup("").join(parts)


def _heading(block: Heading) -> Markup:
    level = min(block.level + 1, 6)  # the title is the page's only h1
    return Markup('<h%d id="%s">%s</h%d>') % (level, block.anchor, inline_html(block.content), level)


def _paragraph(block: Paragraph) -> Markup:
    return Markup("<p>%s</p>") % inline_html(block.content)


def _list(block: ListBlock) -> Markup:
    tag = "ol" if block.ordered else "ul"
    start = Markup(' start="%d"') % block.start if block.ordered and block.start != 1 else Markup("")
    items = Markup("").join(Markup("<li>%s</li>") % blocks_html(item, tight=True) for item in block.items)
    return Markup("<%s%s>%s</%s>") % (tag, start, items, tag)


def _table(block: Table) -> Markup:
    caption = Markup("<caption>%s</caption>") % block.caption if block.caption else Markup("")
    head = Markup("").join(Markup('<th scope="col">%s</th>') % inline_html(cell) for cell in block.header)
    rows = Markup("").join(
        Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % inline_html(cell) for cell in row)
        for row in block.rows
    )
    return Markup("<table>%s<thead><tr>%s</tr></thead><tbody>%s</tbody></table>") % (caption, head, rows)


def _note(block: Note) -> Markup:
    return Markup('<aside class="note">%s</aside>') % blocks_html(block.blocks)


def _page_break(block: PageBreak) -> Markup:
    return Markup('<div class="page-break"></div>')


def _form_field(block: FormField) -> Markup:
    number = Markup('<span class="number">%s.</span> ') % block.number if block.number else Markup("")
    label = inline_html(block.label)
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


def _signature(block: SignatureBlock) -> Markup:
    name = Markup('<span class="printed">%s</span>') % block.name if block.name else Markup("")
    return Markup(
        '<div class="signature"><p class="role">%s</p><p class="statement">%s</p>'
        '<div class="lines"><div class="line date"><span class="label">%s</span></div>'
        '<div class="line sign"><span class="label">%s</span></div>'
        '<div class="line name">%s<span class="label">%s</span></div></div></div>'
    ) % (block.role, block.statement, block.date_label, block.signature_label, name, block.name_label)


_BLOCKS: dict[type, Callable[..., Markup]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    ListBlock: _list,
    Table: _table,
    Note: _note,
    PageBreak: _page_break,
    FormField: _form_field,
    SignatureBlock: _signature,
    Schedule: lambda block: blocks_html(block.tables()),
}


def blocks_html(blocks: tuple[Block, ...] | list[Block], tight: bool = False) -> Markup:
    if tight and len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return inline_html(blocks[0].content)
    return Markup("\n").join(_BLOCKS[type(block)](block) for block in blocks)


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
        "sections": [(section, blocks_html(section.blocks)) for section in document.sections],
        "heading": _heading,
        "inline": inline_html,
    }


def render_page(document: Document, media: str = "screen") -> str:
    """The HTML of `document` for a screen or for print (the PDF writer's input)."""
    template = environment(document.profile.templates).get_template(f"{document.layout}.html")
    return template.render(page_context(document, media))


class HtmlWriter(Writer):
    format = "html"
    suffix = ".html"
    template_folders = ("html",)

    def render(self, document: Document) -> bytes:
        return render_page(document).encode("utf-8")
