"""Accept or reject every tracked change in a DOCX, as Word does, and read the text.

Accepting keeps inserted text (w:ins unwrapped), drops deleted text (w:del), and drops
paragraphs and table rows whose mark is deleted; rejecting does the opposite. The
result is the document's paragraphs as text, so a test can compare it with the DOCX
of the old or the new version.
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _tag(name: str) -> str:
    return f"{{{W}}}{name}"


def body(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def resolve(root: etree._Element, decision: Literal["accept", "reject"]) -> etree._Element:
    """`root` (word/document.xml) with every tracked change accepted or rejected."""
    keep, drop = ("ins", "del") if decision == "accept" else ("del", "ins")
    # Paragraphs and rows that the dropped side brought in go as a whole.
    for mark in root.xpath(f".//w:pPr/w:rPr/w:{drop} | .//w:trPr/w:{drop}", namespaces=NS):
        whole = mark.getparent().getparent()
        if whole.tag == _tag("pPr"):
            whole = whole.getparent()
        whole.getparent().remove(whole)
    for element in root.xpath(f".//w:{drop}", namespaces=NS):
        element.getparent().remove(element)
    for element in root.xpath(f".//w:{keep}", namespaces=NS):
        parent = element.getparent()
        if parent.tag in (_tag("rPr"), _tag("trPr")):  # a kept paragraph mark or row
            parent.remove(element)
            continue
        index = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(index + offset, child)
        parent.remove(element)
    for text in root.iter(_tag("delText")):
        text.tag = _tag("t")
    return root


def paragraphs(root: etree._Element) -> list[str]:
    """The text of every paragraph that has any, in order."""
    found = []
    for paragraph in root.iter(_tag("p")):
        text = "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))
        if text.strip():
            found.append(text)
    return found


def text_after(docx: bytes, decision: Literal["accept", "reject"]) -> list[str]:
    return paragraphs(resolve(body(docx), decision))


def changes(docx: bytes, kind: Literal["ins", "del"]) -> list[etree._Element]:
    return body(docx).xpath(f".//w:{kind}", namespaces=NS)
