"""The DOCX writer: Word styles, real numbering, hyperlinks, fields, reproducible bytes,
escaping, a restyled template, and LibreOffice converting every example DOCX."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
from clients import require_client, soffice_to_pdf
from conftest import EXAMPLES, Built
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree
from pypdf import PdfReader

from docgen import language as lang
from docgen.document import (
    Document,
    Emphasis,
    FormField,
    Heading,
    Link,
    ListBlock,
    Meta,
    Note,
    PageBreak,
    Paragraph,
    Profile,
    Section,
    SignatureBlock,
    Strong,
    Table,
    Text,
)
from docgen.errors import RenderError
from docgen.paths import TEMPLATES
from docgen.writers.docx import DocxWriter
from docgen.writers.docx_styles import STYLE, StyleIds

HOSTILE = 'Strategi <script>alert("x")</script> & {{ title }} ]]>'
LOGO = EXAMPLES / "nora" / "logo.svg"


def para(*parts: object) -> Paragraph:
    return Paragraph(tuple(Text(p) if isinstance(p, str) else p for p in parts))  # type: ignore[misc]


def sample(language: str = "nb", title: str = "Strategi for sosiale medier", text: str = "Vanlig tekst.",
           logo: Path | None = LOGO, title_page: bool = True, contents: bool = True) -> Document:
    """A small document that has every block type once."""
    return Document(
        meta=Meta(title=title, language=language, author="Prøve kommune", date=dt.date(2026, 3, 2), category="strategy",
                  subtitle="Utkast", facts=(("Status", "Utkast"), ("Versjon", "1.0")),
                  labels=lang.labels(language)["interface"]),
        profile=Profile(primary_colour="#0B5D52", accent_colour="#E0A100", logo=logo),
        sections=(
            Section("intro", Heading(1, (Text("Innledning"),), "innledning"), (
                para(text, " ", Emphasis((Text("kursiv"),)), " ", Strong((Text("halvfet"),)), " ",
                     Link("https://www.prove.kommune.no/?a=1&b=<2>", (Text("nettsiden"),))),
                ListBlock(True, ((para("Første"),), (para("Andre"), ListBlock(False, ((para("Under"),),))))),
                ListBlock(True, ((para("Ny første"),), (para("Ny andre"),))),
                ListBlock(False, ((para("Punkt"),),)),
                Note((para("Husk dette."),)),
                Heading(2, (Text("Kontoer"),), "kontoer"),
                Table(((Text("Plattform"),), (Text("Navn"),)), (((Text("Facebook"),), (Text("Prøve <kommune>"),)),),
                      caption="Kontoene"),
            )),
            Section("form", Heading(1, (Text("Skjema"),), "skjema"), (
                FormField("platform", (Text("Plattform"),), "Facebook", number="1"),
                FormField("purpose", (Text("Formål"),), None, multiline=True, number="2"),
                SignatureBlock("Enhetsleder", "Jeg godkjenner planen.", "Dato", "Underskrift", "Navn", "Kari Nordmann"),
                PageBreak(),
                para("Slutt."),
            )),
        ),
        word_template="strategy",
        title_page=title_page,
        table_of_contents=contents,
    )


def render(document: Document, writer: DocxWriter | None = None) -> bytes:
    return (writer or DocxWriter()).render(document)


def opened(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def paragraph(word: docx.document.Document, text: str):
    """The paragraph reading `text`, not counting the table of contents' copy of a heading."""
    found = [p for p in word.paragraphs if p.text == text and not p.style.name.startswith("toc")]
    assert found, f"no paragraph reads {text!r}"
    return found[0]


def num_pr(p) -> tuple[int, int]:
    numbering = p._p.pPr.numPr
    assert numbering is not None, f"{p.text!r} has no Word numbering"
    return numbering.numId.val, numbering.ilvl.val


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    return render(sample())


# Structure -------------------------------------------------------------------------


def test_blocks_use_the_templates_named_styles(sample_docx: bytes):
    word = opened(sample_docx)
    assert paragraph(word, "Strategi for sosiale medier").style.name == "Title"
    assert paragraph(word, "Utkast").style.name == "Subtitle"
    assert paragraph(word, "Innledning").style.name == "Heading 1"
    assert paragraph(word, "Kontoer").style.name == "Heading 2"
    assert paragraph(word, "Første").style.name == "List Number"
    assert paragraph(word, "Under").style.name == "List Bullet 2"
    assert paragraph(word, "Punkt").style.name == "List Bullet"
    assert paragraph(word, "Husk dette.").style.name == "Note"
    assert paragraph(word, "Kontoene").style.name == "Caption"
    assert paragraph(word, "Slutt.").style.name == "Body Text"
    body = paragraph(word, "Vanlig tekst. kursiv halvfet nettsiden")
    assert body.style.name == "Body Text"
    runs = {run.text: run for run in body.runs}
    assert runs["kursiv"].italic and not runs["kursiv"].bold
    assert runs["halvfet"].bold and not runs["halvfet"].italic


def test_numbered_lists_restart_and_nested_lists_use_levels(sample_docx: bytes):
    word = opened(sample_docx)
    first, _ = num_pr(paragraph(word, "Første"))
    assert num_pr(paragraph(word, "Andre"))[0] == first
    again, _ = num_pr(paragraph(word, "Ny første"))
    assert again != first, "the second numbered list continues the first"
    numbering = word.part.numbering_part.element
    for num_id in (first, again):
        starts = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride/@w:val')
        assert starts == ["1"]
    under_num, under_level = num_pr(paragraph(word, "Under"))
    assert under_level == 1
    bullet_style = word.styles["List Bullet"].element.pPr.numPr.numId.val
    assert num_pr(paragraph(word, "Punkt")) == (bullet_style, 0)
    assert under_num == bullet_style


def test_links_are_real_hyperlinks(sample_docx: bytes):
    word = opened(sample_docx)
    links = word.element.body.xpath(".//w:hyperlink")
    assert len(links) == 1
    relationship = word.part.rels[links[0].get(qn("r:id"))]
    assert relationship.is_external
    assert relationship.target_ref == "https://www.prove.kommune.no/?a=1&b=<2>"
    assert links[0].xpath("./w:r/w:rPr/w:rStyle/@w:val") == ["Hyperlink"]
    assert "".join(links[0].xpath(".//w:t/text()")) == "nettsiden"


def test_tables_have_a_repeating_header_in_the_table_style(sample_docx: bytes):
    word = opened(sample_docx)
    table = next(t for t in word.tables if t.cell(0, 0).text == "Plattform")
    assert table.style.name == "Report Table"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert table.cell(1, 1).text == "Prøve <kommune>"
    for any_table in word.tables:  # Word refuses a file whose table has two of these
        assert len(any_table._tbl.tblPr.findall(qn("w:tblLook"))) == 1
        assert any_table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == ("1" if any_table._tbl is table._tbl else "0")


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_every_tables_grid_spans_the_text_width_of_the_templates_page(orientation: str):
    """Word and LibreOffice start from the grid's column widths: they are measured on
    the template's own page and margins (A4, on its side for a landscape document),
    not on another page size."""
    document = sample()
    word = opened(render(dataclasses.replace(document, print_spec=dataclasses.replace(document.print_spec, orientation=orientation))))
    section = word.sections[0]
    assert (section.page_width > section.page_height) == (orientation == "landscape")
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU → twips
    for table in word.tables:
        columns = [int(column.get(qn("w:w"))) for column in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(columns) - text_width) <= len(columns), (columns, text_width)


def test_form_fields_and_signature_blocks_are_tables_that_hold_together(sample_docx: bytes):
    word = opened(sample_docx)
    form = next(t for t in word.tables if t.cell(0, 0).text == "1. Plattform")
    assert form.style.name == "Form Table"
    assert form.cell(0, 1).text == "Facebook"
    assert form.cell(1, 0).text == "2. Formål"
    blank = form.cell(1, 1).paragraphs
    assert [p.style.name for p in blank] == ["Form Blank"] * 3 and all(not p.text for p in blank)
    signature = next(t for t in word.tables if t.cell(0, 0).paragraphs[0].text == "Enhetsleder")
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in signature.rows)
    texts = [p.text for cell in signature._cells for p in cell.paragraphs]
    assert {"Jeg godkjenner planen.", "Dato", "Underskrift", "Kari Nordmann", "Navn"} <= set(texts)
    chained = [p for cell in signature._cells for p in cell.paragraphs if p.text != "Navn" and p.text]
    assert all(p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next for p in chained)
    # Role and statement in one cell across the block, as wide as the date and signature below.
    (role,) = signature.rows[0]._tr.tc_lst
    assert role.grid_span == 2
    assert role.width == sum(cell.width for cell in signature.rows[1]._tr.tc_lst)


@pytest.mark.parametrize("template", sorted(path.name for path in (TEMPLATES / "docx").glob("*.docx")))
@pytest.mark.parametrize("normal_is_default", [False, True])
def test_style_ids_are_those_python_docx_finds_by_name(template: str, normal_is_default: bool):
    """The writer's one pass over the styles gives each name the id python-docx's own
    look-up gives it, and no id to the default style of its type (Word marks Normal so;
    docgen's templates mark none)."""
    word = docx.Document(str(TEMPLATES / "docx" / template))
    if normal_is_default:
        word.styles["Normal"].element.set(qn("w:default"), "1")
    ids = StyleIds(word.part)
    names = [style.name for style in word.styles]
    assert {name for name in STYLE.values() if "{" not in name} <= set(names)
    for name in names:
        style = word.styles[name]
        assert ids[name] == (None if style == word.styles.default(style.type) else style.style_id), name
    assert (ids["Normal"] is None) == normal_is_default
    with pytest.raises(KeyError):
        ids["No Such Style"]


def test_title_page_has_facts_a_logo_and_a_table_of_contents_field(sample_docx: bytes):
    word = opened(sample_docx)
    facts = next(t for t in word.tables if t.cell(0, 0).text == "Status")
    assert facts.cell(1, 1).text == "1.0"
    document = part_xml(sample_docx, "word/document.xml")
    assert 'TOC \\o "1-3" \\h \\z \\u' in document
    assert document.count('w:fldCharType="begin"') == document.count('w:fldCharType="end"')
    assert "<w:drawing>" in document, "no logo on the title page"
    assert paragraph(word, "Innhold").style.name == "TOC Heading"
    assert [p.text for p in word.paragraphs if p.style.name == "toc 1"] == ["Innledning", "Skjema"]
    assert word.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    assert word.sections[0].different_first_page_header_footer


def test_logos_are_drawn_with_the_process_fonts_not_a_font_configuration_each(monkeypatch):
    """Each logo drawn for a Word file once made a WeasyPrint font configuration that was
    never freed: about 0.2 MB per municipality in a national build's workers."""
    import weasyprint.document

    from docgen.writers import docx_logo
    from docgen.writers.pdf import font_configuration

    font_configuration(())  # the process's, made once (by its first PDF, or here)
    made = []
    original = weasyprint.document.FontConfiguration
    monkeypatch.setattr(weasyprint.document, "FontConfiguration", lambda: made.append(1) or original())
    shield = LOGO.read_bytes()
    pictures = {docx_logo._svg_to_png(shield.replace(b"</svg>", f"<!-- {n} --></svg>".encode())) for n in range(3)}
    assert len(pictures) == 1 and pictures.pop().startswith(b"\x89PNG")  # three logos drawn, alike
    assert not made


def test_no_contents_means_no_field_and_no_update_prompt():
    data = render(sample(title_page=False, contents=False, logo=None))
    word = opened(data)
    assert "TOC" not in part_xml(data, "word/document.xml")
    assert word.settings.element.find(qn("w:updateFields")) is None
    assert not word.sections[0].different_first_page_header_footer
    assert "<w:drawing>" not in part_xml(data, "word/document.xml")


@pytest.mark.parametrize(("language", "page", "of"), [("nb", "Side", "av"), ("nn", "Side", "av"), ("sv", "Sida", "av")])
def test_header_and_footer(language: str, page: str, of: str):
    word = opened(render(sample(language)))
    footer = word.sections[0].footer._element
    instructions = [text.strip() for text in footer.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert re.fullmatch(rf"{page} 1 {of} 1", "".join(footer.xpath(".//w:t/text()")))
    header = word.sections[0].header._element
    assert "Prøve kommune" in "".join(header.xpath(".//w:t/text()"))
    assert header.xpath(".//w:drawing"), "no logo in the header"


@pytest.mark.parametrize(("language", "tag"), [("nb", "nb-NO"), ("nn", "nn-NO"), ("sv", "sv-SE")])
def test_language_and_document_properties(language: str, tag: str):
    word = opened(render(sample(language)))
    assert word.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == [tag]
    properties = word.core_properties
    assert properties.title == "Strategi for sosiale medier"
    assert properties.author == properties.last_modified_by == "Prøve kommune"
    assert properties.language == tag
    assert properties.created == properties.modified == dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)


def test_the_templates_parts_are_compiled_once_and_filled_for_each_document(monkeypatch: pytest.MonkeyPatch):
    from jinja2 import Environment

    from docgen.writers import docx as docx_writer

    compiled: list[str] = []
    original = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, source, *a, **k: compiled.append(source) or original(self, source, *a, **k))
    docx_writer._environment.cache_clear()  # as in a process that has rendered nothing yet

    def footer(language: str) -> str:
        return "".join(opened(render(sample(language))).sections[0].footer._element.xpath(".//w:t/text()"))

    assert footer("sv") == "Sida 1 av 1"
    first = len(compiled)
    assert footer("nb") == "Side 1 av 1"
    assert footer("sv") == "Sida 1 av 1"
    assert first > 0 and len(compiled) == first  # the same template again: nothing compiled


def test_same_document_same_bytes(sample_docx: bytes):
    assert render(sample()) == sample_docx
    archive = zipfile.ZipFile(io.BytesIO(sample_docx))
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert {info.date_time for info in archive.infolist()} == {(2026, 3, 2, 0, 0, 0)}


def test_text_from_the_data_stays_text():
    data = render(sample(title=HOSTILE, text=HOSTILE))
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(archive.read(name))  # well-formed, or this raises
    word = opened(data)
    assert paragraph(word, HOSTILE).style.name == "Title"
    assert any(p.text.startswith(HOSTILE) and p.style.name == "Body Text" for p in word.paragraphs)
    assert word.core_properties.title == HOSTILE
    assert "<script>" not in part_xml(data, "word/document.xml")


def with_own_templates(document: Document, own: Path) -> Document:
    """`document` as a municipality with its own templates in `own` has it."""
    return dataclasses.replace(document, profile=dataclasses.replace(document.profile, templates=own))


def test_a_restyled_template_restyles_the_document(tmp_path: Path):
    (tmp_path / "docx").mkdir()
    template = docx.Document(str(TEMPLATES / "docx" / "strategy.docx"))
    template.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x30)
    template.styles["Heading 1"].font.size = docx.shared.Pt(20)
    template.save(str(tmp_path / "docx" / "strategy.docx"))

    restyled = opened(render(with_own_templates(sample(), tmp_path)))
    heading = restyled.styles["Heading 1"].font
    assert heading.color.rgb == RGBColor(0xC0, 0x00, 0x30)
    assert heading.size == docx.shared.Pt(20)
    assert paragraph(restyled, "Innledning").style.name == "Heading 1"


def test_the_municipalitys_colour_fills_the_theme_bound_styles(sample_docx: bytes):
    word = opened(sample_docx)
    assert word.styles["Heading 1"].font.color.rgb == RGBColor(0x0B, 0x5D, 0x52)
    theme = next(rel.target_part for rel in word.part.rels.values() if rel.reltype.endswith("/theme"))
    assert b'<a:accent1>\n        <a:srgbClr val="0B5D52"/>' in theme.blob


def test_the_document_names_its_word_template_own_first_and_a_missing_one_is_an_error(tmp_path: Path):
    writer = DocxWriter()
    assert writer.template_for(sample()) == TEMPLATES / "docx" / "strategy.docx"
    assert writer.template_for(dataclasses.replace(sample(), word_template="form")) == TEMPLATES / "docx" / "form.docx"
    # A municipality that replaced the form only: its form, docgen's strategy template.
    (tmp_path / "docx").mkdir()
    shutil.copy(TEMPLATES / "docx" / "form.docx", tmp_path / "docx" / "form.docx")
    own = with_own_templates(sample(), tmp_path)
    assert writer.template_for(dataclasses.replace(own, word_template="form")) == tmp_path / "docx" / "form.docx"
    assert writer.template_for(own) == TEMPLATES / "docx" / "strategy.docx"
    with pytest.raises(RenderError, match=rf"no Word template in {re.escape(str(tmp_path / 'docx'))} or .*looked for leaflet\.docx"):
        render(dataclasses.replace(own, word_template="leaflet"), writer)


# The example municipalities ---------------------------------------------------------


def test_example_docx_files_use_styles_numbering_and_hyperlinks(built: Built):
    for output in built.select(format="docx", kind="strategy"):
        word = docx.Document(str(built.path(output)))
        styles = {p.style.name for p in word.paragraphs}
        assert {"Title", "Heading 1", "Body Text"} <= styles, output["path"]
        numbered = [p for p in word.paragraphs if p.style.name.startswith("List ") and p._p.pPr.numPr is not None]
        assert numbered, f"{output['path']}: no list uses Word numbering"
        assert word.element.body.xpath(".//w:hyperlink"), f"{output['path']}: no hyperlinks"


@pytest.mark.client
def test_libreoffice_converts_every_example_docx(built: Built, tmp_path: Path):
    require_client("libreoffice")
    outputs = built.select(format="docx")
    sources = {}
    for index, output in enumerate(outputs):
        # LibreOffice names the PDF after the file; examples share names across languages.
        source = tmp_path / "in" / f"{index:03d}-{Path(output['path']).name}"
        source.parent.mkdir(exist_ok=True)
        shutil.copy(built.path(output), source)
        sources[source] = output
    pdfs = soffice_to_pdf(list(sources), tmp_path / "out")
    for source, pdf in pdfs.items():
        word = docx.Document(str(source))
        words = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split()
        assert " ".join(word.core_properties.title.split()) in " ".join(words), f"{sources[source]['path']}: title missing from the PDF"
        assert not broken_table_words(word, Counter(words)), f"{sources[source]['path']}: words broken in a table's narrow column"


def broken_table_words(word: docx.document.Document, laid_out: Counter[str]) -> dict[str, tuple[int, int]]:
    """The short words of the document's data tables (platforms, names, dates: up to nine
    letters) that LibreOffice broke across lines, with how often each is in the document
    and how often whole in the words it laid out: a data table's columns are made wide
    enough for them."""
    def cells(table: Any) -> list[Any]:
        return list({id(cell._tc): cell for row in table.rows for cell in row.cells}.values())  # a merged cell once

    texts = [paragraph.text for paragraph in word.paragraphs] + [cell.text for table in word.tables for cell in cells(table)]
    for section in word.sections:
        texts += [paragraph.text for paragraph in (*section.header.paragraphs, *section.footer.paragraphs)]
    written = Counter(" ".join(texts).split())
    short = {piece for table in word.tables if table.style.name == STYLE["table"] for cell in cells(table)
             for piece in cell.text.split() if len(piece) <= 9 and "/" not in piece}
    return {piece: (written[piece], laid_out[piece]) for piece in short if laid_out[piece] < written[piece]}
