"""Inline content to Word runs: formatting, hyperlinks and a redline's tracked changes.

python-docx escapes all text. A redline's Inserted and Deleted text become Word's own
tracked changes (w:ins, w:del), so a reviewer accepts or rejects them in Word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from docgen.document import Deleted, Emphasis, Inlines, Inserted, LineBreak, Link, Strong, Text
from docgen.visitor import Visitor
from docgen.writers.docx_styles import STYLE, StyleIds

REVISION_AUTHOR = "docgen"  # who Word names as the author of a redline's tracked changes
_REVISION = {Inserted: "w:ins", Deleted: "w:del"}


@dataclass(frozen=True)
class Place:
    """Where runs go and how they look: the paragraph, the element they are appended to
    (the paragraph or a hyperlink in it), and the formatting and revision around them."""

    paragraph: WordParagraph
    parent: Any
    bold: bool = False
    italic: bool = False
    revision: str | None = None  # "w:ins" or "w:del" inside a tracked change


class Runs(Visitor[None]):
    name = "the DOCX writer"

    def __init__(self, part: Any, styles: StyleIds, revised: dt.date | None = None) -> None:
        self.part = part
        self.styles = styles
        # Tracked changes carry this date, the document's own, so the same redline always
        # gives the same bytes.
        self._revised = f"{(revised or dt.date(2000, 1, 1)).isoformat()}T00:00:00Z"
        self._revisions = 0

    def write(self, paragraph: WordParagraph, nodes: Inlines) -> None:
        """Append `nodes` to `paragraph` as runs."""
        self._all(nodes, Place(paragraph, paragraph._p))

    def _all(self, nodes: Inlines, place: Place) -> None:
        for node in nodes:
            self.visit(node, place)

    def visit_text(self, node: Text, place: Place) -> None:
        self._run(place, node.text, link=place.parent is not place.paragraph._p)

    def visit_emphasis(self, node: Emphasis, place: Place) -> None:
        self._all(node.children, replace(place, italic=True))

    def visit_strong(self, node: Strong, place: Place) -> None:
        self._all(node.children, replace(place, bold=True))

    def visit_link(self, node: Link, place: Place) -> None:
        self._all(node.children, replace(place, parent=self._hyperlink(place.paragraph, node.href)))

    def visit_line_break(self, node: LineBreak, place: Place) -> None:
        self._run(place, "").add_break()

    def visit_inserted(self, node: Inserted, place: Place) -> None:
        self._all(node.children, replace(place, revision=_REVISION[Inserted]))

    def visit_deleted(self, node: Deleted, place: Place) -> None:
        self._all(node.children, replace(place, revision=_REVISION[Deleted]))

    def _run(self, place: Place, text: str, link: bool = False) -> Run:
        element = OxmlElement("w:r")
        # A tracked change wraps its runs; inside a hyperlink, never around it (the schema
        # allows w:ins and w:del in a w:hyperlink, not the other way round).
        (self._revision(place.revision, place.parent) if place.revision else place.parent).append(element)
        run = Run(element, place.paragraph)
        if link:
            element.style = self.styles[STYLE["hyperlink"]]
        if place.bold:
            run.bold = True
        if place.italic:
            run.italic = True
        run.text = text
        if place.revision == "w:del":  # deleted text is w:delText, or Word will not open the file
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

    def mark_whole(self, properties: Any, content: Inlines, container: str | None = None) -> None:
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
