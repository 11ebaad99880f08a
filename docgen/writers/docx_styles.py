"""The Word template's named styles, as the DOCX writer's modules use them.

Every paragraph, run and table gets one of the template's styles (never direct fonts or
colours), so restyling the template in Word restyles every document.
"""

from __future__ import annotations

from typing import Any

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


class StyleIds:
    """The ids of the template's styles by name, looked up once per document: python-docx
    scans every style of the template on each assignment by name, which took most of the
    DOCX writer's time."""

    def __init__(self, part: Any) -> None:
        self.part = part
        self._ids: dict[str, str | None] = {}

    def __getitem__(self, name: str) -> str | None:
        """The id of style `name`; None for the default style of its type (written as no
        style, as python-docx does)."""
        if name not in self._ids:
            styles = self.part.styles
            style = styles[name]
            self._ids[name] = None if style == styles.default(style.type) else style.style_id
        return self._ids[name]
