"""The PDF and PNG writers, read back with pypdf and Pillow: page size, text, fonts,
PDF/A and tags, page furniture, reproducibility, the URL fetcher, forms, fit to pages."""

from __future__ import annotations

from dataclasses import replace

import dataclasses
import io
import logging
import math
import re
import shutil
from functools import cache
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from conftest import example_documents
from test_html import MUNICIPALITY, SECTIONS, report_document
from weasyprint import HTML

from docgen.document import Document, FormField, Paragraph, PrintSpec, Section, Text
from docgen.paths import TEMPLATES
from docgen.errors import PageOverflow, RenderError
from docgen.writers import batch_writers, render_formats
from docgen.writers.html import TABLE_LINE, render_page
from docgen.writers.pdf import (
    PdfWriter,
    allowed_folders,
    font_configuration,
    laid_out,
    resource_fetcher,
    weasyprint_problems,
)
from docgen.writers.png import PngWriter, page_images


@cache
def rendered(language: str = "nb") -> bytes:
    return PdfWriter().render(report_document(language))


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in read(pdf).pages]


def sizes(pdf: bytes) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in read(pdf).pages]


def fonts(pdf: bytes) -> list[pypdf.generic.DictionaryObject]:
    """Every font the pages use, with Type0 fonts resolved to their descendant."""
    found = {}
    for page in read(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for candidate in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                if "/FontDescriptor" in candidate:
                    found[candidate["/BaseFont"]] = candidate
    return list(found.values())


def long_document(paragraphs: int, **changes) -> Document:
    text = "Du er tilsett i kommunen også når du bruker sosiale medium privat, så tenk deg om. " * 3
    body = tuple(Paragraph((Text(f"{number}. {text}"),)) for number in range(paragraphs))
    return report_document(
        sections=(Section("rules", None, body),), title_page=False, table_of_contents=False, **changes
    )


# Pages, text and fonts ------------------------------------------------------------


def test_a4_pages():
    assert set(sizes(rendered())) == {(595, 842)}


def test_a3_pages():
    assert set(sizes(PdfWriter().render(long_document(3, print_spec=PrintSpec(page_size="A3"))))) == {(842, 1191)}


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_text_has_title_municipality_and_every_section(language):
    text = " ".join(page_texts(rendered(language)))
    assert "Strategi for bruk av sosiale medier" in text
    assert MUNICIPALITY[language] in text
    for heading in SECTIONS[language]:
        assert heading in text


def test_sami_and_nordic_letters_survive_in_noto_sans():
    text = " ".join(page_texts(rendered()))
    assert "áčđŋšŧž" in text and "ïæøåäö" in text
    names = [str(font["/BaseFont"]) for font in fonts(rendered())]
    assert names and all("Noto" in name for name in names), names  # never a system font


def test_every_font_is_embedded():
    found = fonts(rendered())
    assert found
    for font in found:
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


def test_municipality_fonts_replace_ours(tmp_path):
    folder = tmp_path / "prove"
    folder.mkdir()
    shutil.copy(TEMPLATES / "fonts" / "NotoSans-Italic.ttf", folder / "house-font.ttf")
    document = long_document(2)
    document = dataclasses.replace(document, profile=dataclasses.replace(document.profile, fonts=(folder / "house-font.ttf",)))
    names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts(PdfWriter().render(document))}
    assert "docgen-profile" in names, names  # the text is set in the municipality's font
    assert "Noto-Sans" not in names, names  # headers and footers too


# Archival and accessible PDF ---------------------------------------------------------


def test_language_title_and_author_in_metadata():
    reader = read(rendered("sv"))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert "Strategi for bruk av sosiale medier" in reader.metadata.title
    assert reader.metadata.author == MUNICIPALITY["sv"]


def test_dates_come_from_the_document():
    reader = read(rendered())
    assert reader.metadata["/CreationDate"].startswith("D:20260115")
    assert reader.metadata["/ModDate"].startswith("D:20260115")


def test_declared_pdf_a_2_with_srgb_output_intent():
    root = read(rendered()).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="2"', xmp) and re.search(r'pdfaid:conformance="U"', xmp)
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"


def test_tagged():
    root = read(rendered()).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root


def test_same_bytes_every_time():
    assert PdfWriter().render(report_document()) == PdfWriter().render(report_document())


def test_the_cascade_styles_markers_of_list_items_only_and_no_footnotes(monkeypatch):
    """WeasyPrint's own sheet styles a marker, two footnote and three note pseudo-elements
    for every element; docgen's layouts style markers for the list items alone."""
    import weasyprint.document

    cascades = []
    cascade = weasyprint.document.get_all_computed_styles

    def kept(*args, **kwargs):
        cascades.append(cascade(*args, **kwargs))
        return cascades[-1]

    monkeypatch.setattr(weasyprint.document, "get_all_computed_styles", kept)
    laid_out(report_document())
    styled = [(element.tag, pseudo) for element, pseudo in cascades[0]._computed_styles if pseudo and hasattr(element, "tag")]
    assert {tag for tag, pseudo in styled if pseudo == "marker"} == {"li"}
    assert not {pseudo for _, pseudo in styled if "note" in pseudo}


def test_no_text_of_any_kind_asks_for_font_features():
    """WeasyPrint 70 makes a Pango attribute list for the text of every line it measures
    whose style sets a font feature, and never frees it: with the form's ligatures turned
    off, each activity plan left 20 KB behind in the process, and a national build's
    workers grew with every municipality. Ligatures are harmless to what is copied from
    the PDF: it reads back as written (test_activity_plan's answers hold «fl» and «fi»)."""
    documents = {}
    for job, document in example_documents():
        documents.setdefault(job.kind, document)
    for kind, document in documents.items():
        laid_out(document)
        assert not font_configuration(document.profile.fonts).font_features, kind


def test_the_narrowed_user_agent_sheet_draws_the_same_pdf_as_weasyprints(monkeypatch):
    """A document with a list, contents and a cover is the same file with either sheet."""
    import weasyprint

    import docgen.writers.pdf as pdf

    document = report_document()
    ours = PdfWriter().render(document)
    monkeypatch.setattr(pdf, "_page_class", lambda: weasyprint.HTML)
    assert PdfWriter().render(document) == ours


def test_each_object_is_made_once_into_the_bytes_pydyf_would_write(monkeypatch):
    """pydyf makes an object's bytes each time they are asked for, and compresses
    streams at level 9: a PDF/A file asks twice, to write the file and for its
    identifier. docgen makes each object's bytes once, before, with streams at zlib's
    default level. The file is the one pydyf writes when it compresses at that level,
    byte for byte, with its form and identifier."""
    import zlib

    import pydyf

    import docgen.writers.pdf_objects as pdf_objects

    made: list[int] = []

    class DefaultLevel:  # pydyf's zlib, at the default level, counting what pydyf compresses
        def __getattr__(self, name):
            return getattr(zlib, name)

        def compressobj(self, *arguments, **options):
            made.append(options.pop("level", None))
            return zlib.compressobj(*arguments, **options)

    fields = (FormField("purpose", (Text("Formål"),), multiline=True, number="1"),)
    document = report_document(sections=(*report_document().sections, Section("form", None, fields)))
    monkeypatch.setattr(pydyf, "zlib", DefaultLevel())
    ours = PdfWriter().render(document)
    assert len(made) <= 3  # its object stream (written, then hashed) and the cross-reference stream
    monkeypatch.setattr(pdf_objects, "make_bytes_once", lambda pdf: None)
    theirs = PdfWriter().render(document)
    assert len(made) > 3 + 2 * len(read(theirs).pages)  # every stream, twice
    assert ours == theirs
    assert "/ID" in read(ours).trailer and set(read(ours).get_fields()) == {"purpose"}


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_a_table_on_paper_has_the_columns_its_page_gives_it(orientation: str):
    """The print layout's tables keep the widths of the page's <col> elements, which
    are measured for the text width TABLE_LINE says: the table is that many ems of its
    own text wide, upright or across."""
    document = report_document(print_spec=PrintSpec(orientation=orientation))
    html = render_page(document, media="print")
    given = [float(width) for width in re.findall(r'<col style="width: ([0-9.]+)%">', html.split("<colgroup>")[1].split("</colgroup>")[0])]
    layout = laid_out(document)
    table = next(box for page in layout.pages for box in page._page_box.descendants() if type(box).__name__ == "TableBox")
    assert table.width / table.style["font_size"] == pytest.approx(TABLE_LINE[orientation], rel=0.02)
    widths = table.column_widths
    assert [100 * width / sum(widths) for width in widths] == pytest.approx(given, abs=0.2)
    assert given[1] > given[0]  # the addresses, printed after each link's text, get the room


def fill_colours(pdf: bytes, page: int) -> set[str]:
    """The fill colours drawn on a page (text, running header), as #rrggbb."""
    content = pypdf.generic.ContentStream(read(pdf).pages[page].get_contents(), read(pdf))
    return {
        "#" + "".join(f"{round(float(value) * 255):02x}" for value in operands)
        for operands, operator in content.operations
        if operator == b"rg"
    }


def test_municipalities_share_the_parsed_style_sheet_and_keep_their_own_colours():
    """The layout's style sheet is the same for every municipality and parsed once; each
    PDF is still drawn in its own municipality's colour, in the running header too."""
    from docgen.writers.pdf import _stylesheet

    green, red = "#0b5e34", "#8c1c2c"
    documents = [
        replace(report_document(), profile=replace(report_document().profile, primary_colour=colour))
        for colour in (green, red)
    ]
    PdfWriter().render(report_document())  # the sheet is parsed by now
    parsed = _stylesheet.cache_info().misses
    green_pdf, red_pdf = (PdfWriter().render(document) for document in documents)
    assert _stylesheet.cache_info().misses == parsed
    assert green in fill_colours(green_pdf, 2) and red not in fill_colours(green_pdf, 2)
    assert red in fill_colours(red_pdf, 2) and green not in fill_colours(red_pdf, 2)


# Page furniture --------------------------------------------------------------------


@pytest.mark.parametrize(("language", "page_word"), [("nb", "Side"), ("nn", "Side"), ("sv", "Sida")])
def test_page_numbers_in_the_footer(language, page_word):
    texts = page_texts(rendered(language))
    total = len(texts)
    assert f"{page_word} 2 av {total}" in texts[1]
    assert f"{page_word} {total} av {total}" in texts[-1]


def test_cover_page_has_no_running_header_or_footer():
    cover, *body = page_texts(rendered())
    assert "Side 1 av" not in cover
    assert cover.count(MUNICIPALITY["nb"]) == 1  # on the cover itself, not in a header
    for text in body:
        assert f"{MUNICIPALITY['nb']} Strategi for bruk av sosiale medier" in text  # the running header


def test_a_strategy_cover_names_its_municipality_once():
    """Under the logo, not again under the title: the strategy's subtitle, its municipality's
    name, is for the formats without a cover (Word's title page, Markdown, text)."""
    strategies = [document for job, document in example_documents() if job.kind == "strategy"]
    assert strategies
    for document in strategies:
        cover = page_texts(PdfWriter().render(document))[0]
        assert document.meta.subtitle == document.meta.author
        assert cover.count(document.meta.author) == 1, cover


def test_without_a_cover_the_masthead_replaces_the_header_on_page_one():
    first, second, *_ = page_texts(PdfWriter().render(long_document(14)))
    assert first.count(MUNICIPALITY["nb"]) == 1  # the masthead only
    assert f"{MUNICIPALITY['nb']} Strategi for bruk av sosiale medier" in second


def test_contents_show_the_page_each_section_starts_on():
    texts = page_texts(rendered())
    contents = texts[1]
    assert contents.startswith("Innhold")
    for heading in SECTIONS["nb"]:
        # The section's heading followed by its first paragraph, which repeats it.
        starts = next(number for number, text in enumerate(texts, start=1) if f"{heading} {heading}:" in text)
        assert starts > 2
        assert re.search(rf"{heading} {starts}\b", contents), (heading, starts, contents)
    # The numbers stand in one column at the right; the dots leading to them are drawn, not text.
    page = read(rendered()).pages[1]
    numbers: list[float] = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: numbers.append(tm[4] * cm[0] + cm[4]) if text.strip().isdigit() else None)
    numbers = numbers[: len(SECTIONS["nb"])]
    assert max(numbers) - min(numbers) < 0.5 and min(numbers) > 0.8 * float(page.mediabox.width)
    assert "/Pattern" in page["/Resources"]


def test_labels_with_quotes_stay_text():
    document = report_document()
    labels = {**document.meta.labels, "page": 'Si"de'}
    pdf = PdfWriter().render(dataclasses.replace(document, meta=dataclasses.replace(document.meta, labels=labels)))
    assert 'Si"de 2 av' in page_texts(pdf)[1]


# Only our own files ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://example.invalid/logo.png", "https://example.invalid/x.css", "file:///etc/passwd", "ftp://example.invalid/x"],
)
def test_fetcher_refuses_the_network_and_other_files(url):
    fetcher = resource_fetcher(allowed_folders(report_document()))
    with pytest.raises(ValueError):
        fetcher(url)


def test_fetcher_refuses_a_path_that_climbs_out_of_the_templates():
    fetcher = resource_fetcher(allowed_folders(report_document()))
    with pytest.raises(ValueError):
        fetcher((TEMPLATES / "fonts").as_uri() + "/../../pyproject.toml")


def test_fetcher_serves_our_fonts_the_municipality_assets_and_data(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    document = report_document()
    document = dataclasses.replace(document, profile=dataclasses.replace(document.profile, logo=logo))
    fetcher = resource_fetcher(allowed_folders(document))
    assert fetcher((TEMPLATES / "fonts" / "NotoSans-Regular.ttf").as_uri()).read(4) == b"\x00\x01\x00\x00"
    assert b"svg" in fetcher(logo.as_uri()).read()
    assert fetcher("data:text/plain;base64,aGVp").read() == b"hei"


@pytest.mark.parametrize(
    "reference",
    [
        '<img src="file:///etc/passwd" alt="x">',
        '<img src="http://example.invalid/track.png" alt="x">',
        "<style>@import url(https://example.invalid/evil.css);</style>",
        '<link rel="stylesheet" href="../../../../../../etc/passwd">',
    ],
)
def test_a_page_that_references_forbidden_resources_fails_to_render(reference):
    fetcher = resource_fetcher((TEMPLATES.resolve(),))
    page = f'<html lang="nb"><head><title>x</title>{reference}</head><body><p>x</p></body></html>'
    with pytest.raises(RenderError, match="example.invalid|passwd"), weasyprint_problems("test"):
        HTML(string=page, base_url=TEMPLATES.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf()


def test_weasyprint_warnings_reach_the_docgen_log(caplog):
    with caplog.at_level(logging.WARNING, logger="docgen"), weasyprint_problems("Prøve kommune"):
        logging.getLogger("weasyprint").warning("Ignored `foo: bar`, unknown property")
    assert "Prøve kommune: Ignored `foo: bar`" in caplog.text


# Forms ----------------------------------------------------------------------------


def test_empty_form_fields_are_fillable_and_the_file_stays_pdf_a():
    fields = (
        FormField("purpose", (Text("Formål"),), multiline=True, number="1"),
        FormField("platform", (Text("Plattform"),), number="2"),
        FormField("unit", (Text("Enhet"),), value="Kultur", number="3"),
    )
    document = report_document(sections=(Section("form", None, fields),), title_page=False, table_of_contents=False)
    pdf = PdfWriter().render(document)
    reader = read(pdf)
    assert set(reader.get_fields()) == {"purpose", "platform"}  # a given answer is text, not a field
    root = reader.trailer["/Root"]
    acroform = root["/AcroForm"]
    assert not acroform.get("/NeedAppearances")  # forbidden in PDF/A-2
    for field in acroform["/Fields"]:
        assert "/AP" in field.get_object()  # every widget has an appearance (PDF/A-2)
    assert 'pdfaid:part="2"' in root["/Metadata"].get_object().get_data().decode()
    assert pdf == PdfWriter().render(dataclasses.replace(document))  # a new, equal document


# Fit to pages ---------------------------------------------------------------------


def test_fit_pages_shrinks_a_long_document_onto_one_page():
    document = long_document(14)
    assert len(read(PdfWriter().render(document)).pages) > 1
    fitted = PdfWriter().render(dataclasses.replace(document, print_spec=PrintSpec(fit_pages=1)))
    assert len(read(fitted).pages) == 1
    assert "13. Du er tilsett" in page_texts(fitted)[0]  # the last paragraph, not clipped


@pytest.mark.parametrize("paragraphs", [14, 18, 22])
def test_the_fitting_search_is_guided_by_what_it_measured(paragraphs: int):
    """The largest scale that fits, to within FIT_PRECISION (a scale tried no further
    above it does not fit), in no more layouts than a bisection would need."""
    from docgen.writers.pdf import FIT_PRECISION, MIN_SCALE, _fit, _layouts

    lay_out = _layouts(long_document(paragraphs))
    tried: dict[float, object] = {}

    def measured(scale: float):
        tried[scale] = lay_out(scale)
        return tried[scale]

    fitted = _fit(measured, 1, MIN_SCALE)
    (scale,) = [s for s, layout in tried.items() if layout is fitted]
    assert scale < 1 and len(fitted.pages) == 1
    assert any(scale < other <= scale + FIT_PRECISION and len(tried[other].pages) > 1 for other in tried)
    assert len(tried) <= 2 + math.ceil(math.log2((1 - MIN_SCALE) / FIT_PRECISION))


def test_fit_pages_fails_when_even_the_smallest_type_is_too_big():
    with pytest.raises(PageOverflow) as overflow:
        PdfWriter().render(long_document(60, print_spec=PrintSpec(fit_pages=1)))
    assert overflow.value.pages > 1 and overflow.value.allowed == 1
    assert 0.2 < overflow.value.fraction_that_fits < 0.9


def test_an_overflow_measures_each_sections_share_of_the_content():
    """What a kind needs to say what to cut: here the long section is five times the short one."""
    long, short = long_document(50).sections[0], long_document(10).sections[0]
    sections = (dataclasses.replace(long, id="long"), dataclasses.replace(short, id="short"))
    document = dataclasses.replace(long_document(0, print_spec=PrintSpec(fit_pages=1)), sections=sections)
    with pytest.raises(PageOverflow) as overflow:
        PdfWriter().render(document)
    shares = overflow.value.section_shares
    assert set(shares) == {"long", "short"}
    assert 0.75 < shares["long"] + shares["short"] < 1  # the title and masthead are the rest
    assert 4.5 < shares["long"] / shares["short"] < 5.5


def test_min_scale_of_the_document_is_respected():
    document = long_document(14, print_spec=PrintSpec(fit_pages=1))
    PdfWriter().render(document)  # fits at the default minimum
    with pytest.raises(PageOverflow):
        PdfWriter().render(dataclasses.replace(document, print_spec=PrintSpec(fit_pages=1, min_scale=0.95)))


# PNG ------------------------------------------------------------------------------


def test_png_is_the_first_page_at_150_dpi():
    png = PngWriter().render(report_document())
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1240, 1754)
    assert png == PngWriter().render(report_document())


def test_png_of_an_a3_page():
    image = Image.open(io.BytesIO(PngWriter().render(long_document(2, print_spec=PrintSpec(page_size="A3")))))
    assert image.size == (1754, 2480)


def test_the_png_is_drawn_from_the_pdf_the_build_made(monkeypatch):
    """PNG derives from PDF: the document is laid out and written as PDF once for both,
    and a PNG asked for alone still gets its PDF (made for it, not returned)."""
    document = report_document()
    made = []
    render = PdfWriter.render
    monkeypatch.setattr(PdfWriter, "render", lambda self, doc: made.append(doc) or render(self, doc))

    both = render_formats(document, ["pdf", "png"])
    assert len(made) == 1
    assert both["png"] == page_images(both["pdf"], PngWriter.dpi, pages=1)[0]
    alone = render_formats(document, ["png"])
    assert set(alone) == {"png"} and alone["png"] == both["png"] and len(made) == 2


def test_the_a3_pdf_is_the_a4_layout_the_build_handed_over(monkeypatch):
    """One layout for both paper sizes when the build renders them with one batch's
    writers, and none kept between renders otherwise (no module-level cache)."""
    from docgen.writers import pdf

    a4 = long_document(2)
    a3 = replace(a4, print_spec=replace(a4.print_spec, page_size="A3"))
    laid = []
    lay_out = pdf.laid_out
    monkeypatch.setattr(pdf, "laid_out", lambda document: laid.append(document) or lay_out(document))

    writers = batch_writers()
    shared = render_formats(a3, ["pdf"], writers), render_formats(a4, ["pdf"], writers)
    assert len(laid) == 1
    assert set(sizes(shared[0]["pdf"])) == {(842, 1191)} and set(sizes(shared[1]["pdf"])) == {(595, 842)}
    assert PdfWriter().render(a3) == shared[0]["pdf"]  # the same file as from its own layout
    assert len(laid) == 2


def test_pdf_writer_is_registered_and_imports_lazily():
    import subprocess
    import sys

    code = "import sys, docgen.writers as w; print(sorted(w.WRITERS)); print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert "'pdf'" in out[0] and "'png'" in out[0]
    assert out[1] == "False"


def test_templates_folder_holds_the_fonts_and_their_licence():
    folder = Path(TEMPLATES / "fonts")
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert (folder / f"NotoSans-{style}.ttf").stat().st_size > 100_000
    assert "SIL Open Font License" in (folder / "OFL.txt").read_text()


# Every PDF the examples build -------------------------------------------------------


def test_every_built_pdf_is_tagged_pdf_a_with_embedded_fonts_and_its_language(built):
    for output in built.select(format="pdf"):
        pdf = built.path(output).read_bytes()
        root = read(pdf).trailer["/Root"]
        where = output["path"]
        assert root["/Lang"] == output["language"], where
        assert "/StructTreeRoot" in root, where
        assert 'pdfaid:part="2"' in root["/Metadata"].get_object().get_data().decode(), where
        assert not (root.get("/AcroForm") or {}).get("/NeedAppearances"), where
        for font in fonts(pdf):
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(font["/FontDescriptor"].get_object()), where
        expected = {(842, 1191)} if output.get("variant") == "a3" else {(595, 842)}
        if output["kind"] == "publishing-plan":  # a wide table: landscape A4
            expected = {(842, 595)}
        assert set(sizes(pdf)) == expected, where


def test_every_built_png_is_an_a4_page_at_150_dpi(built):
    for output in built.select(format="png"):
        assert Image.open(built.path(output)).size == (1240, 1754), output["path"]


def test_the_fonts_kept_for_a_process_are_let_go_with_their_temporary_copy(tmp_path: Path, monkeypatch):
    """WeasyPrint copies the fonts into a temporary folder that only its finaliser removes;
    left for Python's exit, that finaliser could run after the module it needs was gone
    ("'NoneType' object is not callable", seen at the end of test runs) and the folder
    stayed in /tmp. docgen lets its kept configurations go at exit, while Python still runs."""
    import tempfile

    from docgen.writers import pdf

    pdf._forget_fonts()  # a configuration made before this test keeps its folder elsewhere
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert PdfWriter().render(report_document()).startswith(b"%PDF")
    assert [path.name[:11] for path in tmp_path.iterdir()] == ["weasyprint-"]
    pdf._forget_fonts()  # what runs at exit (registered with atexit)
    assert list(tmp_path.iterdir()) == []


def test_font_configurations_a_forked_process_inherited_outlive_its_font_cache():
    """docgen warm's builds are forked from a process whose fonts lie in a folder it still
    uses; WeasyPrint removes that folder when its configuration is freed, so a build
    keeps what it inherited even when its cache lets go of it."""
    import gc

    from docgen.writers import pdf

    PdfWriter().render(report_document())  # the fonts are copied into the configuration's folder
    folder = Path(pdf.font_configuration(())._folder)
    assert folder.is_dir()
    pdf.keep_inherited_fonts()  # as a build's child does, just forked
    pdf.font_configuration.cache_clear()
    gc.collect()
    assert folder.is_dir() and any(folder.iterdir())
    pdf._inherited = ()  # this process is no fork: let them go
    gc.collect()
    assert not folder.exists()
