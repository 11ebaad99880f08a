"""Data never becomes markup: a municipality whose name, account, role and own clauses
are written as HTML appears as that text in every kind and every format, and no element,
attribute or script from the data reaches an output."""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, write_municipality
from markdown_it import MarkdownIt

from docgen import content
from docgen.build import build
from docgen.identifiers import slugify
from docgen.kinds import KINDS
from docgen.writers import WRITERS

EVIL = "<script>alert(1)</script> & <b>kommune</b>"
# Breaks out of an attribute or a <style> element if anything writes it unescaped.
BREAKOUT = "</style><img src=x onerror=alert(3)>\"'"
FORBIDDEN_TAGS = {"script", "b", "img", "iframe", "object"}
# Outputs that name no one: the house rules' intro is one line and a link.
NAMELESS = {"intro"}


def _evil_municipality() -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL["nb"])
    data["name"] = EVIL
    data["short_name"] = BREAKOUT
    data["roles"]["editor"] = EVIL
    data["roles"]["contact"] = EVIL
    account = data["accounts"][0]
    account["name"] = EVIL
    account["purpose"] = EVIL
    account["unit"] = EVIL
    # Every kind gets a clause of its own and one of its clauses replaced, in Markdown
    # that tries raw HTML.
    data["content"] = {
        kind: {
            "add": [
                {
                    "after": content.clause_ids(kind)[0],
                    "id": f"{kind}.local.evil",
                    "text": f"Tillegg: {EVIL} og *{EVIL}* og [lenke](https://example.org/?q=<b>)",
                }
            ]
        }
        for kind in KINDS
    }
    data["content"]["house-rules"]["replace"] = {"house-rules.welcome": f"Velkommen til {EVIL}. <i>kursiv</i>"}
    data["publishing_plan"] = {
        "period": {"from": "2026-03-02", "to": "2026-03-08"},
        "owner": EVIL,
        "presented_to": EVIL,
        "posts": [
            {"account": slugify(f"facebook-{EVIL}"), "date": "2026-03-03", "time": "09.00", "content_type": EVIL,
             "goal": EVIL, "responsible": EVIL},
        ],
    }
    return data


@pytest.fixture(scope="module")
def evil_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("evil")
    folder = write_municipality(root / "data", "evil", _evil_municipality())
    report = build(folder, root / "out", workers=1)
    assert not report.invalid, [e.format_message() for e in report.invalid]
    assert not report.failures, report.failures
    outputs = json.loads((root / "out" / "manifest.json").read_text())["outputs"]
    return root / "out", outputs


# --- reading each format back ------------------------------------------------------------


class _Html(HTMLParser):
    """Elements, attributes and text of an HTML document, entities resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check_html(html: str, where: str) -> str:
    parser = _Html()
    parser.feed(html)
    parser.close()
    tags = {tag for tag, _ in parser.tags}
    assert not tags & FORBIDDEN_TAGS, f"{where}: element from the data: {tags & FORBIDDEN_TAGS}"
    handlers = [(tag, name) for tag, attrs in parser.tags for name in attrs if name.startswith("on")]
    assert not handlers, f"{where}: event handler attribute from the data: {handlers}"
    return "".join(parser.text)


def _html_text(path: Path) -> str:
    return _check_html(path.read_text(encoding="utf-8"), str(path))


def _markdown_text(path: Path) -> str:
    # Rendered with raw HTML allowed: escaped data must still come out as text.
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(path.read_text(encoding="utf-8"))
    return _check_html(html, str(path))


def _plain_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _snapshot_text(path: Path) -> str:
    """The snapshot read back as a document: its text must be the data's, unchanged."""
    from docgen.diff.merge import text
    from docgen.snapshot import loads

    document = loads(path.read_bytes())
    return "\n".join([document.meta.title, document.meta.author, *(text(block) for block in document.blocks())])


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def _csv_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)


def _ics_text(path: Path) -> str:
    from icalendar import Calendar

    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return "\n".join(str(event[name]) for event in events for name in ("SUMMARY", "DESCRIPTION"))


READERS: dict[str, Callable[[Path], str] | None] = {
    "html": _html_text,
    "md": _markdown_text,
    "txt": _plain_text,
    "pdf": _pdf_text,
    "docx": _docx_text,
    "png": None,  # a picture of the poster; its text is checked in the HTML it is drawn from
    "snapshot": _snapshot_text,
    "csv": _csv_text,
    "xlsx": _xlsx_text,
    "ics": _ics_text,
}


def _squeezed(text: str) -> str:
    """Text without white space or line-end hyphens, since PDF text comes back in lines."""
    return re.sub(r"\s+|\u00ad|-\n", "", text)


# --- the tests ---------------------------------------------------------------------------


def test_every_format_has_a_reader_here() -> None:
    missing = sorted(set(WRITERS) - set(READERS))
    assert not missing, f"add a reader for {missing} to READERS, so data escaping is checked in it"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_data_is_text_in_every_format_of_every_kind(kind: str, evil_build) -> None:
    out, outputs = evil_build
    mine = [o for o in outputs if o["kind"] == kind]
    assert mine, f"{kind}: nothing was built"
    problems = []  # every output is checked, so one failure does not hide another
    for output in mine:
        reader = READERS[output["format"]]
        if reader is None or output["variant"] in NAMELESS:
            continue
        where = f"{output['path']} ({output['format']})"
        try:
            text = reader(out / output["path"])
        except AssertionError as markup:
            problems.append(str(markup).split("\n")[0])
            continue
        squeeze = _squeezed if output["format"] == "pdf" else str
        if squeeze(EVIL) not in squeeze(text):
            problems.append(f"{where}: the name is not there as text")
    assert not problems, "\n".join(problems)


def test_the_evil_clause_is_text_in_the_house_rules(evil_build) -> None:
    out, outputs = evil_build
    txt = next(o for o in outputs if o["kind"] == "house-rules" and o["format"] == "txt" and not o["variant"])
    text = (out / txt["path"]).read_text(encoding="utf-8")
    assert f"Velkommen til {EVIL}. <i>kursiv</i>" in text
    assert f"Tillegg: {EVIL} og {EVIL} og lenke (https://example.org/?q=<b>)" in text
