"""The HTML writer's report page: one h1, language, landmarks, skip link, headings in
order, escaped data, readable colours, and no serious axe-core findings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from html.parser import HTMLParser

import pytest
from clients import format_violations

from docgen import language as lang
from docgen.document import (
    Document,
    Heading,
    Link,
    ListBlock,
    Meta,
    Note,
    PageBreak,
    Paragraph,
    Profile,
    Section,
    Table,
    Text,
)
from docgen.writers.html import HtmlWriter, _luminance, css_string, readable, render_page

MUNICIPALITY = {"nb": "Guovdageainnu suohkan", "nn": "Dømeby kommune", "sv": "Nora kommun"}
SECTIONS = {
    "nb": ("Innledning", "Roller og ansvar", "Krisekommunikasjon"),
    "nn": ("Innleiing", "Roller og ansvar", "Krisekommunikasjon"),
    "sv": ("Inledning", "Roller och ansvar", "Kriskommunikation"),
}


def report_document(language: str = "nb", *, title: str = "Strategi for bruk av sosiale medier", **changes) -> Document:
    """A small report with every block type a report uses: three sections with a
    subsection, a list, a note, a table and a page break."""
    sections = []
    for number, name in enumerate(SECTIONS[language], start=1):
        anchor = f"section-{number}"
        blocks = [
            Paragraph((Text(f"{name}: Sámi bokstavar áčđŋšŧž og ïæøåäö står her. " * 6),)),
            Heading(2, (Text(f"{name}, detaljar"),), f"{anchor}-detail"),
            ListBlock(False, ((Paragraph((Text("Svar raskt"),)),), (Paragraph((Text("Skriv enkelt"),)),))),
            Note((Paragraph((Text("Husk å arkivere det du sletter."),)),)),
            Table(
                ((Text("Plattform"),), (Text("Adresse"),)),
                tuple(
                    ((Text("Facebook"),), (Link(f"https://www.facebook.com/side{row}", (Text("side"),)),))
                    for row in range(4)
                ),
                caption="Kontoer",
            ),
        ]
        if number < len(SECTIONS[language]):
            blocks.append(PageBreak())
        sections.append(Section(anchor, Heading(1, (Text(name),), anchor), tuple(blocks)))
    meta = Meta(
        title=title,
        language=language,
        author=MUNICIPALITY[language],
        date=dt.date(2026, 1, 15),
        category="strategy",
        subtitle="Vedtatt av kommunestyret",
        facts=(("Status", "Vedtatt"), ("Dato", "15.01.2026"), ("Versjon", "1.0")),
        labels=lang.labels(language)["interface"],
    )
    document = Document(
        meta=meta,
        profile=Profile(primary_colour="#005A8C", accent_colour="#C8A200"),
        sections=tuple(sections),
        title_page=True,
        table_of_contents=True,
    )
    return dataclasses.replace(document, **changes)


class Outline(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[int] = []
        self.landmarks: list[tuple[str, int]] = []  # tag and depth below <body>
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.lang: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.append((tag, len(self.stack) - self.stack.index("body") - 1 if "body" in self.stack else -1))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.hrefs.append(attributes.get("href", ""))
        if tag not in ("meta", "img", "br", "input", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]

    def handle_data(self, data):
        if "body" in self.stack:
            self.text.append(data)


def outline(document: Document) -> Outline:
    parser = Outline()
    parser.feed(HtmlWriter().render(document).decode("utf-8"))
    return parser


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_one_h1_and_the_language(language: str):
    page = outline(report_document(language))
    assert page.headings.count(1) == 1
    assert page.headings[0] == 1
    assert page.lang == language


def test_headings_never_skip_a_level():
    levels = outline(report_document()).headings
    assert levels[:3] == [1, 2, 2]  # title, contents, first section
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels


def test_skip_link_leads_to_main_content():
    page = outline(report_document())
    assert page.hrefs[0] == "#main"
    assert "main" in page.ids


def test_landmarks_banner_navigation_main_and_contentinfo():
    page = outline(report_document())
    top_level = [tag for tag, depth in page.landmarks if depth == 0]
    assert top_level == ["header", "main", "footer"]
    assert "nav" in [tag for tag, _ in page.landmarks]


def test_contents_links_to_every_section():
    page = outline(report_document())
    for number in (1, 2, 3):
        assert f"#section-{number}" in page.hrefs
        assert f"section-{number}" in page.ids


def test_no_contents_without_table_of_contents():
    page = outline(report_document(table_of_contents=False))
    assert "nav" not in [tag for tag, _ in page.landmarks]


def test_text_from_the_data_is_escaped():
    page = outline(report_document(title='<script>alert("x")</script> & <b>fet</b>'))
    assert "script" not in page.tags and "b" not in page.tags
    assert '<script>alert("x")</script> & <b>fet</b>' in "".join(page.text)


def test_colours_too_light_for_text_are_darkened():
    def contrast(colour: str) -> float:
        return 1.05 / (_luminance(colour) + 0.05)

    assert readable("#005A8C") == "#005A8C"  # already readable: kept as chosen
    for light in ("#FFD700", "#C8A200", "#FFFFFF", "#7FBFFF"):
        assert contrast(readable(light)) >= 4.5


def test_css_strings_cannot_end_the_string_or_the_style_element():
    quoted = css_string('Side" } </style><script>')
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1] and "<" not in quoted and "}" not in quoted


def test_page_is_self_contained():
    html = HtmlWriter().render(report_document()).decode()
    assert "fonts/" not in html  # print-only @font-face stays out of the screen page
    assert 'src="http' not in html and "url(http" not in html


@pytest.mark.client
@pytest.mark.parametrize("language", ["nb", "sv"])
def test_no_serious_accessibility_violations(language, tmp_path, axe):
    path = tmp_path / "page.html"
    path.write_bytes(HtmlWriter().render(report_document(language)))
    assert not (found := axe(path)), format_violations(found)


def test_a_screen_frames_each_table_and_print_does_not():
    document = report_document()
    screen = HtmlWriter().render(document).decode()
    printed = render_page(document, media="print")
    frame = '<div class="table-frame" role="region" aria-label="Kontoer" tabindex="0"><table>'
    assert screen.count(frame) == screen.count("<table>") == 3
    assert "table-frame" not in printed and printed.count("<table>") == 3


def test_a_table_of_six_columns_may_take_a_wide_screen():
    row = tuple((Text(f"kolonne {number}"),) for number in range(6))
    wide = Table(row, (row,), caption="Plan")
    document = report_document(sections=(Section("plan", None, (wide,)),))
    assert '<div class="table-frame wide" role="region" aria-label="Plan"' in HtmlWriter().render(document).decode()


def test_a_long_address_may_break_after_a_slash_on_a_screen_and_reads_the_same():
    address = "https://www.facebook.com/ås.kommune/bilder"
    document = report_document(sections=(Section("a", None, (Paragraph((Link(address, (Text(address),)),)),)),))
    screen = HtmlWriter().render(document).decode()
    assert '>https://<wbr>www.facebook.com/<wbr>ås.kommune/<wbr>bilder</a>' in screen
    assert f'class="bare">{address}</a>' in render_page(document, media="print")  # WeasyPrint breaks it (print.css)
