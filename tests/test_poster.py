"""The «Pass på» poster: always exactly one page in A4 and A3, every rule printed, type
that stays readable, nothing outside the page, a clear error when the rules cannot fit,
the PNG for the intranet and an accessible HTML page."""

from __future__ import annotations

import ctypes
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from conftest import EXAMPLES, write_municipality
from docgen.build import build
from docgen.document import Document, plain
from docgen.kinds import KINDS
from docgen.kinds.poster import rules_of
from docgen.load import load
from docgen.writers.pdf import PdfWriter
from docgen.writers.png import PngWriter

KIND = "poster"
PAGE_SIZES = {"a4": (595, 842), "a3": (842, 1191)}  # points
PAGE_FACTOR = {"a4": 1.0, "a3": 2**0.5}  # A3 is the A4 poster enlarged
BODY_PT = 16  # body text on A4 at full size
MIN_BODY_PT = 12  # the smallest the fitting may make it on A4
MARGIN_PT = 8 / 25.4 * 72  # no glyph within 8 mm of the edge: office printers cannot print there

# Local rules a municipality might add, to bring the poster up to sixteen.
MORE_RULES = {
    "nb": [
        "**Bruk sterke passord.** Slå på innlogging i to steg på alle kontoer du bruker i jobben.",
        "**Del ikke andres innlegg ukritisk.** Sjekk hvem som står bak før du deler noe videre.",
        "**Svar i arbeidstida.** Utenom arbeidstid svarer vi neste virkedag, og det sier vi tydelig.",
        "**Lagre det som skal arkiveres.** Viktige meldinger og svar tar du vare på i arkivet.",
        "**Skriv enkelt.** Korte setninger og vanlige ord når flest mulig.",
        "**Meld fra om falske kontoer.** Ser du en konto som later som den er kommunens, si fra.",
    ],
    "nn": [
        "**Bruk sterke passord.** Slå på innlogging i to steg på alle kontoar du brukar i jobben.",
        "**Del ikkje innlegg frå andre ukritisk.** Sjekk kven som står bak før du deler noko vidare.",
        "**Svar i arbeidstida.** Utanom arbeidstid svarar vi neste verkedag, og det seier vi tydeleg.",
        "**Lagre det som skal arkiverast.** Viktige meldingar og svar tek du vare på i arkivet.",
        "**Skriv enkelt.** Korte setningar og vanlege ord når flest mogleg.",
        "**Meld frå om falske kontoar.** Ser du ein konto som lèt som han er kommunen sin, sei frå.",
    ],
    "sv": [
        "**Använd starka lösenord.** Slå på inloggning i två steg på alla konton du använder i jobbet.",
        "**Dela inte andras inlägg okritiskt.** Kolla vem som står bakom innan du delar vidare.",
        "**Svara under arbetstid.** Utanför arbetstid svarar vi nästa arbetsdag, och det säger vi tydligt.",
        "**Spara det som ska arkiveras.** Viktiga meddelanden och svar sparar du i arkivet.",
        "**Skriv enkelt.** Korta meningar och vanliga ord når flest.",
        "**Anmäl falska konton.** Ser du ett konto som låtsas vara kommunens, säg till.",
    ],
}
LONG_NAME = "Nordre Langtvekk og Søndre Forsøksbygd interkommunale samarbeidskommune for fjord og fjell"


# --- reading what was made --------------------------------------------------------------


def squeezed(text: str) -> str:
    """Text without any whitespace, so line breaks in the PDF do not matter."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return squeezed(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def rule_texts(document: Document) -> list[str]:
    return [" ".join(plain(block.content) for block in rule) for rule in rules_of(document)]  # type: ignore[union-attr]


def poster_document(data_dir: Path, slug: str, language: str, variant: str = "a4") -> Document:
    entry = load(data_dir / f"{slug}.yaml").in_language(language)
    kind = KINDS[KIND]
    output = next(o for o in kind.outputs(entry, language) if o.variant == variant)
    return kind.document(entry, language, output)


def glyphs(path: Path) -> tuple[float, float, list[tuple[str, float, tuple[float, float, float, float]]]]:
    """Page width and height, and every visible character with its font size and box.

    The size is as printed, in points: the font size times the scale of the character's
    whole transformation (WeasyPrint sets sizes in CSS pixels and scales the page; the A3
    poster is the A4 one enlarged by its page transformation)."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        page = pdf[0]
        width, height = page.get_size()
        text = page.get_textpage()
        found = []
        for index in range(text.count_chars()):
            char = text.get_text_range(index, 1)
            if char.strip():
                matrix = pdfium_c.FS_MATRIX()
                pdfium_c.FPDFText_GetMatrix(text.raw, index, ctypes.byref(matrix))
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                size = pdfium_c.FPDFText_GetFontSize(text.raw, index) * scale
                found.append((char, size, text.get_charbox(index)))
        return width, height, found
    finally:
        pdf.close()


def assert_one_readable_page(path: Path, variant: str, rules: list[str], least_body_pt: float = MIN_BODY_PT) -> None:
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 1, f"{path.name}: {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZES[variant], abs=1), path.name
    text = pdf_text(path)
    for rule in rules:
        assert squeezed(rule) in text, f"{path.name}: rule missing from the PDF: {rule}"
    width, height, chars = glyphs(path)
    factor = PAGE_FACTOR[variant]
    smallest = min(size for _, size, _ in chars)
    assert smallest >= least_body_pt * factor - 0.1, f"{path.name}: text at {smallest:.1f} pt"
    for char, _, (left, bottom, right, top) in chars:
        inside = MARGIN_PT <= left and right <= width - MARGIN_PT and MARGIN_PT <= bottom and top <= height - MARGIN_PT
        assert inside, f"{path.name}: {char!r} at {left:.0f},{bottom:.0f} is outside the printable area"


class _Page(HTMLParser):
    """The parts of the HTML poster that matter for a screen reader."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.h1: list[str] = []
        self.ordered_lists = 0
        self.items = 0
        self.images_without_alt = 0
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "ol":
            self.ordered_lists += 1
        if tag == "li" and "ol" in self._open:
            self.items += 1
        if tag == "img" and not found.get("alt"):
            self.images_without_alt += 1
        if tag == "h1":
            self.h1.append("")
        if tag not in ("img", "meta", "br", "link"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if "h1" in self._open:
            self.h1[-1] += data


# --- the example municipalities -----------------------------------------------------------


def examples() -> list[tuple[str, str]]:
    return [
        (path.stem, language)
        for path in sorted(EXAMPLES.glob("*.yaml"))
        for language in load(path).municipality.all_languages
    ]


def test_the_examples_build_their_posters(built) -> None:
    assert not [f for f in built.failures if f" {KIND} " in f], built.failures
    made = {(o["municipality"], o["language"], o["variant"], o["format"]) for o in built.select(kind=KIND)}
    expected = {
        (slug, language, variant, fmt)
        for slug, language in examples()
        for variant, fmt in (("a4", "pdf"), ("a4", "png"), ("a4", "html"), ("a3", "pdf"),
                             ("a4", "snapshot"), ("a3", "snapshot"))  # snapshots: kept for docgen diff
    }
    assert made == expected


@pytest.mark.parametrize("variant", ["a4", "a3"])
@pytest.mark.parametrize(("slug", "language"), examples())
def test_example_poster_is_one_full_size_page_with_every_rule(built, slug: str, language: str, variant: str) -> None:
    [output] = built.select(kind=KIND, municipality=slug, language=language, variant=variant, format="pdf")
    rules = rule_texts(poster_document(EXAMPLES, slug, language, variant))
    assert len(rules) >= 10
    # The default rules fit without shrinking: body text is the full 16 pt.
    assert_one_readable_page(built.path(output), variant, rules, least_body_pt=BODY_PT)
    text = pdf_text(built.path(output))
    document = poster_document(EXAMPLES, slug, language, variant)
    assert squeezed(document.meta.title) in text
    assert squeezed(document.meta.author) in text


def test_the_a3_poster_is_the_a4_poster_enlarged(built) -> None:
    """One layout for both sizes: every character of the A3 poster is the A4 one at √2 the
    size and position."""
    a4, a3 = (
        glyphs(built.path(built.select(kind=KIND, municipality="nora", variant=variant, format="pdf")[0]))
        for variant in ("a4", "a3")
    )
    factor = PAGE_FACTOR["a3"]
    assert (a3[0], a3[1]) == pytest.approx((a4[0] * factor, a4[1] * factor), abs=0.5)
    assert [char for char, _, _ in a3[2]] == [char for char, _, _ in a4[2]]
    for (char, small, small_box), (_, large, large_box) in zip(a4[2], a3[2]):
        assert large == pytest.approx(small * factor, abs=0.05), char
        assert large_box == pytest.approx(tuple(edge * factor for edge in small_box), abs=0.5), char


def test_a_layout_written_twice_gives_the_same_bytes() -> None:
    """The A3 PDF written from a fresh layout and from the layout the A4 PDF was written
    from are the same file: writing does not change the layout (rebuilds stay identical)."""
    a4, a3 = (poster_document(EXAMPLES, "dome", "nn", variant) for variant in ("a4", "a3"))
    first = PdfWriter().render(a3)
    PdfWriter().render(a4)
    again = PdfWriter().render(replace(a3))  # another object, so the cached PDF is not reused
    assert again == first


@pytest.mark.parametrize(("slug", "language"), examples())
def test_example_png_is_the_a4_poster_for_the_intranet(built, slug: str, language: str) -> None:
    [output] = built.select(kind=KIND, municipality=slug, language=language, format="png")
    assert output["variant"] == "a4"
    with Image.open(built.path(output)) as image:
        width, height = image.size
        assert image.format == "PNG"
    dpi = PngWriter.dpi
    assert width == pytest.approx(PAGE_SIZES["a4"][0] * dpi / 72, abs=2)
    assert height == pytest.approx(PAGE_SIZES["a4"][1] * dpi / 72, abs=2)
    assert width >= 1200, "too coarse for the intranet"


@pytest.mark.parametrize(("slug", "language"), examples())
def test_example_html_is_an_accessible_page(built, slug: str, language: str) -> None:
    [output] = built.select(kind=KIND, municipality=slug, language=language, format="html")
    document = poster_document(EXAMPLES, slug, language)
    page = _Page()
    page.feed(built.path(output).read_text(encoding="utf-8"))
    assert page.lang == language
    assert page.h1 == [document.meta.title]
    assert page.ordered_lists == 1
    assert page.items == len(rules_of(document))
    assert page.images_without_alt == 0


@pytest.mark.client
def test_example_html_has_no_serious_accessibility_problems(built, axe) -> None:
    from clients import format_violations

    for output in built.select(kind=KIND, format="html"):
        violations = axe(built.path(output))
        assert not violations, f"{output['path']}:\n{format_violations(violations)}"


# --- purpose-made municipalities ------------------------------------------------------


def build_posters(data_dir: Path, out: Path):
    return build(data_dir, out, kinds=[KIND], formats=["pdf"], workers=1)


def posters(out: Path, report) -> dict[tuple[str, str], Path]:
    return {(t.language, t.variant): out / t.path for t in report.written if t.kind == KIND and t.format == "pdf"}


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_sixteen_rules_still_fit_on_one_readable_page(tmp_path: Path, minimal, language: str) -> None:
    data = minimal[language]
    defaults = len(rule_texts(poster_document(EXAMPLES, "aas", "nb")))
    anchor = "poster.rules.ethics"
    added = []
    for number, text in enumerate(MORE_RULES[language][: 16 - defaults], start=1):
        added.append({"after": anchor, "id": f"poster.rules.local-{number}", "text": text})
        anchor = added[-1]["id"]
    data["content"] = {KIND: {"add": added}}
    data_dir = write_municipality(tmp_path / "data", "seksten", data)

    report = build_posters(data_dir, tmp_path / "out")

    assert not report.failures
    document = poster_document(data_dir, "seksten", language)
    rules = rule_texts(document)
    assert len(rules) == 16
    made = posters(tmp_path / "out", report)
    assert set(made) == {(language, "a4"), (language, "a3")}
    for (_, variant), path in made.items():
        assert_one_readable_page(path, variant, rules)


def test_a_very_long_name_stays_on_the_page(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["name"] = LONG_NAME
    data_dir = write_municipality(tmp_path / "data", "langt", data)

    report = build_posters(data_dir, tmp_path / "out")

    assert not report.failures
    rules = rule_texts(poster_document(data_dir, "langt", "nb"))
    assert any(LONG_NAME in rule for rule in rules)
    for (_, variant), path in posters(tmp_path / "out", report).items():
        assert_one_readable_page(path, variant, rules)
        assert squeezed(LONG_NAME) in pdf_text(path)


def test_too_many_rules_fail_the_build_with_what_to_cut(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    long_rule = (
        "**Dette er en lang regel.** Den har mange ord, slik at plakaten blir altfor lang. "
        "Vi skriver den om og om igjen for å fylle siden. Ingen leser så mye på en vegg."
    )
    added = [{"after": "poster.rules.ethics", "id": "poster.rules.local-1", "text": long_rule}]
    for number in range(2, 30):
        added.append({"after": f"poster.rules.local-{number - 1}", "id": f"poster.rules.local-{number}", "text": long_rule})
    data["content"] = {KIND: {"add": added}}
    data_dir = write_municipality(tmp_path / "data", "prove", data)
    out = tmp_path / "out"

    report = build_posters(data_dir, out)

    assert len(report.failures) == 2, report.failures  # A4 and A3
    for failure in report.failures:
        assert "Prøve kommune" in failure and "(nb)" in failure, failure
        match = re.search(r"cut (\d+) of its (\d+) rules", failure)
        assert match, failure
        assert match.group(2) == "40"
        assert 1 <= int(match.group(1)) < 40
        assert re.search(r"about \d+ of their \d+ words", failure), failure
    assert not [t for t in report.written if t.kind == KIND]
    assert not list(out.rglob("pass-pa-plakat*"))


def test_cutting_as_advised_makes_the_poster_fit(tmp_path: Path, minimal) -> None:
    """The advice is enough: omit the number of rules the error names and it builds."""
    data = minimal["nb"]
    rule = "**En regel til.** Denne regelen er her bare for å gjøre plakaten for lang til én side."
    added = [{"after": "poster.rules.ethics", "id": "poster.rules.local-1", "text": rule}]
    for number in range(2, 21):
        added.append({"after": f"poster.rules.local-{number - 1}", "id": f"poster.rules.local-{number}", "text": rule})
    data["content"] = {KIND: {"add": added}}
    data_dir = write_municipality(tmp_path / "data", "prove", data)
    report = build_posters(data_dir, tmp_path / "out")
    failure = next(f for f in report.failures if "A4" in f)
    cut = int(re.search(r"cut (\d+) of its", failure).group(1))  # type: ignore[union-attr]

    data["content"] = {KIND: {"add": added[: len(added) - cut]}}
    write_municipality(data_dir, "prove", data)
    report = build_posters(data_dir, tmp_path / "out")

    assert not report.failures, report.failures
