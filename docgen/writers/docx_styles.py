"""The Word template's named styles, as the DOCX writer's modules use them.

Every paragraph, run and table gets one of the template's styles (never direct fonts or
colours), so restyling the template in Word restyles every document.
"""

from __future__ import annotations

from typing import Any

from docx.styles import BabelFish

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
    """The ids of the template's styles by name, read in one pass over the template's
    styles per document. python-docx searches every style on each assignment by name, and
    every style again for its type's default, which took most of the DOCX writer's time."""

    def __init__(self, part: Any) -> None:
        self.part = part
        self._ids: dict[str, str | None] | None = None

    def __getitem__(self, name: str) -> str | None:
        """The id of style `name` (as Word shows it: "Heading 1"); None for the default
        style of its type, which is written as no style, as python-docx does."""
        if self._ids is None:
            self._ids = _style_ids(self.part.styles.element)
        internal = BabelFish.ui2internal(name)
        if internal not in self._ids:
            raise KeyError(f"no style with name '{name}'")
        return self._ids[internal]


def _style_ids(styles: Any) -> dict[str, str | None]:
    """Each style's id by its name in the file, as python-docx finds them: the first
    style of a name, and of the default styles of a type the last."""
    every = styles.style_lst
    defaults = {style.type: style for style in every if style.default}
    ids: dict[str, str | None] = {}
    for style in every:
        if style.name_val is not None:
            ids.setdefault(style.name_val, None if defaults.get(style.type) is style else style.styleId)
    return ids
