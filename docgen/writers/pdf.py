"""PDF: the print HTML through WeasyPrint, as tagged PDF/A with embedded fonts.

WeasyPrint only ever sees our own files: `ResourceFetcher` serves docgen's templates
folder, the municipality's asset folder and data: URIs, and refuses everything else
(other files, the network). WeasyPrint's warnings are build problems: they are passed
on to the "docgen" logger, and a resource that could not be loaded fails the render.

Archival format: PDF/A-2u with tags (`pdf_tags`), so the file is both archival and
readable by screen readers. Its dates come from `<meta name="dcterms.created|modified">`
(the document date from the data), so the same inputs give the same bytes.

Forms and PDF/A: an empty FormField becomes a fillable AcroForm field (`pdf_forms`). As
written by WeasyPrint 70 such a file breaks PDF/A-2 (ISO 19005-2, 6.3.3 and 6.4.1: every
widget needs an appearance stream, and `NeedAppearances` must not be true) although
WeasyPrint still declares it PDF/A. We want both a fillable form and an archival file,
so `_archival_forms` completes the form before the file is written: each text field gets
an (empty) appearance stream and the flag is removed. Viewers still let people type into
the fields; what they type is drawn by the viewer as usual.

Last, every object's bytes are made once (docgen.writers.pdf_objects), instead of each
time pydyf asks for them.
"""

from __future__ import annotations

import atexit
import gc
import logging
import math
import re
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docgen import snapshot
from docgen.document import Document, FormField
from docgen.errors import PageOverflow, RenderError
from docgen.paths import TEMPLATES
from docgen.writers.base import Writer
from docgen.writers.html import render_page
from docgen.writers.weasyprint_loader import import_weasyprint

if TYPE_CHECKING:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

log = logging.getLogger("docgen")

PDF_VARIANT = "pdf/a-2u"
# Every document is laid out on A4. A larger ISO 216 size is that layout enlarged (A3 is
# A4 × √2), written at a larger zoom: the A3 poster is laid out once, with the A4 one,
# and reads exactly the same.
LAYOUT_SIZE: Final = "A4"
ENLARGEMENT = {"A4": 1.0, "A3": 2**0.5}
# Fit to pages: the type is scaled down at most to this factor of the layout's own sizes
# (unless the document's print spec sets its own `min_scale`), and the search stops when
# the largest scale that fits and the smallest that does not are less than FIT_PRECISION apart.
MIN_SCALE = 0.65
FIT_PRECISION = 0.02
# How the content's height grows with the type scale, as a power: about 1 where the
# lines only grow taller, up to 2 where text also wraps anew (fewer words on each line),
# below 1 where margins in millimetres do not grow at all. The search's first estimate
# takes GROWTH; later ones measure it between the last two layouts, within GROWTH_RANGE.
GROWTH: Final = 1.0
GROWTH_RANGE: Final = (0.5, 2.5)
# The formats drawn from a WeasyPrint layout: a process's first one imports WeasyPrint
# and loads the fonts, which is why a build starts its workers early for them.
LAID_OUT = frozenset({"pdf", "png"})


def allowed_folders(document: Document) -> tuple[Path, ...]:
    """docgen's templates and the folders of the municipality's own assets."""
    assets = [document.profile.logo, *document.profile.fonts]
    return (TEMPLATES.resolve(), *sorted({path.resolve().parent for path in assets if path}))


def resource_fetcher(folders: tuple[Path, ...]) -> weasyprint.URLFetcher:
    """A WeasyPrint URL fetcher that serves data: URIs and files inside `folders` only."""
    from urllib.request import url2pathname

    import_weasyprint()
    from weasyprint import URLFetcher

    class ResourceFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "file":
                path = Path(url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:"))).resolve()
                if not any(path.is_relative_to(folder) for folder in folders):
                    raise ValueError(f"docgen does not load files outside its templates and assets: {url}")
            elif scheme != "data":
                raise ValueError(f"docgen does not load anything from the network: {url[:80]}")
            return super().fetch(url, headers)

    return ResourceFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def weasyprint_problems(what: str) -> Iterator[None]:
    """Pass WeasyPrint's warnings on to the docgen log; fail on resources it could not load."""
    source = logging.getLogger("weasyprint")
    collector = _Collector()
    source.addHandler(collector)
    propagate, source.propagate = source.propagate, False  # reported once, as docgen's
    try:
        yield
    finally:
        source.removeHandler(collector)
        source.propagate = propagate
    errors = [record.getMessage() for record in collector.records if record.levelno >= logging.ERROR]
    for record in collector.records:
        if record.levelno < logging.ERROR:
            log.warning("%s: %s", what, record.getMessage())
    if errors:
        raise RenderError(f"{what}: " + "; ".join(errors))


class PdfWriter(Writer):
    format = "pdf"
    suffix = ".pdf"
    template_folders = ("html", "fonts")

    def __init__(self, layouts: Layouts | None = None) -> None:
        self._layouts = layouts

    def for_batch(self) -> PdfWriter:
        """A writer that keeps the batch's layout, so the A3 poster is the A4 one enlarged."""
        return PdfWriter(Layouts())

    def render(self, document: Document) -> bytes:
        """The PDF, from the layout the batch already has of the document (on other
        paper), or from a new one."""
        forms = _has_empty_fields(document)
        layout = (self._layouts or Layouts()).of(document)
        with weasyprint_problems(_what(document)):
            # A copy has its own font subsets, so the bytes never depend on what was written before.
            pdf: bytes = layout.copy().write_pdf(
                zoom=ENLARGEMENT[document.print_spec.page_size],
                pdf_variant=PDF_VARIANT,
                pdf_tags=True,
                pdf_forms=forms,
                finisher=_finish,
            )
            return pdf


def on_layout_paper(document: Document) -> Document:
    """The document on the paper every layout is made on (A4)."""
    return replace(document, print_spec=replace(document.print_spec, page_size=LAYOUT_SIZE))


def layout_key(document: Document) -> str:
    """Documents with the same key share one layout (they differ in paper size only)."""
    return snapshot.digest(on_layout_paper(document))


def laid_out(document: Document) -> weasyprint.Document:
    """The document laid out on A4 pages, fitted to its page count if it asks for that."""
    with weasyprint_problems(_what(document)):
        return _lay_out(on_layout_paper(document))


class Layouts:
    """The layouts a batch of documents shares (`PdfWriter.for_batch`): the A3 poster is
    the A4 poster's layout enlarged, so the build renders the two one after the other
    with one batch's writers (docgen.rendering). Only the latest layout is kept, so a
    long batch does not hold every document's layout."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._layout: weasyprint.Document | None = None

    def of(self, document: Document) -> weasyprint.Document:
        key = layout_key(document)
        if self._layout is None or key != self._key:
            self._key, self._layout = key, laid_out(document)
        return self._layout


def _lay_out(document: Document) -> weasyprint.Document:
    spec = document.print_spec
    lay_out = _layouts(document)
    if spec.fit_pages is None:
        return lay_out(None)
    smallest = spec.min_scale or MIN_SCALE
    try:
        return _fit(lay_out, spec.fit_pages, smallest)
    except PageOverflow as overflow:
        shares = _section_shares(document, smallest)
        raise PageOverflow(overflow.pages, overflow.allowed, overflow.fraction_that_fits, shares) from None


def _layouts(document: Document) -> Callable[[float | None], weasyprint.Document]:
    """Lays the document out at a type scale (None: the layout's own sizes), parsing
    its HTML once however many scales are tried."""
    library = import_weasyprint()
    fetcher = resource_fetcher(allowed_folders(document))
    base_url = _base_url()
    forms = _has_empty_fields(document)
    fonts = font_configuration(document.profile.fonts)
    html, style = _without_style(render_page(document, media="print"))
    page = _page_class()(string=html, base_url=base_url, url_fetcher=fetcher)
    sheets = [_stylesheet(style, document.profile.fonts)] if style else []

    def lay_out(scale: float | None) -> weasyprint.Document:
        css = _page_css(document) + (f"\n:root {{ --docgen-scale: {scale:.3f} !important; }}" if scale else "")
        extra = library.CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
        return page.render(stylesheets=[*sheets, extra], pdf_forms=forms, font_config=fonts)

    return lay_out


# Rules of WeasyPrint's user-agent style sheet that apply to every element, each for a
# pseudo-element (::marker, and the five of footnotes and notes). For each of them the
# cascade computes one more style per element: six of every seven styles it computed for
# a page of docgen's. docgen's pages have no footnotes or notes, and only a list item has
# a marker, so the layouts use the sheet with those rules narrowed to what they style.
_EVERY_ELEMENTS_PSEUDO: Final = re.compile(r"^::(?:footnote|note)-[a-z-]+ \{[^}]*\}$", re.MULTILINE)
_EVERY_ELEMENTS_MARKER: Final = re.compile(r"^::marker \{", re.MULTILINE)


@lru_cache(maxsize=1)
def _page_class() -> type[weasyprint.HTML]:
    """WeasyPrint's HTML, reading a page with `_user_agent_sheet` in place of its own."""
    import_weasyprint()
    from weasyprint import HTML, UA_STYLESHEET

    class Page(HTML):  # type: ignore[misc]  # WeasyPrint has no type hints
        def _ua_stylesheets(self, forms: bool = False) -> list[weasyprint.CSS]:
            own = super()._ua_stylesheets(forms)
            return [_user_agent_sheet() if sheet is UA_STYLESHEET else sheet for sheet in own]

    return Page


@lru_cache(maxsize=1)
def _user_agent_sheet() -> weasyprint.CSS:
    """WeasyPrint's user-agent style sheet without the rules for every element's footnote
    and note pseudo-elements, and with markers for list items only: the styles of
    docgen's pages are the same, and the cascade computes a seventh of them."""
    library = import_weasyprint()
    from weasyprint.html import UA

    lean = _EVERY_ELEMENTS_MARKER.sub("li::marker, summary::marker {", _EVERY_ELEMENTS_PSEUDO.sub("", UA))
    return library.CSS(string=lean, base_url=library.UA_STYLESHEET.base_url)


_STYLE: Final = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _without_style(html: str) -> tuple[str, str]:
    """The page without its first <style> element, and that element's CSS."""
    found = _STYLE.search(html)
    if found is None:
        return html, ""
    return html[: found.start()] + html[found.end() :], found.group(1)


def _base_url() -> str:
    """What relative URLs in the pages and style sheets are read against: docgen's templates."""
    return TEMPLATES.resolve().as_uri() + "/"


@lru_cache(maxsize=32)
def _stylesheet(css: str, profile_fonts: tuple[Path, ...]) -> weasyprint.CSS:
    """The layout's style sheet, parsed once per process for every document that has it.

    Parsing the CSS and compiling its selectors took a sixth of an activity plan's
    rendering when WeasyPrint read it from each page's <style>. Handed over parsed, it
    counts as a user style sheet, not the author's: the cascade is the same, because
    the only author CSS left in the page is the municipality's colours (custom
    properties no other rule sets; WeasyPrint's own presentational hints are off), and
    docgen's CSS has no !important rule that could now beat another.

    The sheet is the same for every municipality without fonts of its own (base.html
    keeps the colours out of it), so a build parses it once per layout and language,
    and `docgen warm` hands the builds it forks the sheets it parsed while warming up.
    It may load docgen's templates only; the municipality's fonts come with `_page_css`."""
    library = import_weasyprint()
    fonts = font_configuration(profile_fonts)
    fetcher = resource_fetcher((TEMPLATES.resolve(),))
    return library.CSS(string=css, base_url=_base_url(), url_fetcher=fetcher, font_config=fonts)


@lru_cache(maxsize=8)
def font_configuration(profile_fonts: tuple[Path, ...]) -> FontConfiguration:
    """The fonts, loaded once per worker process and kept for every later document.

    WeasyPrint adds each @font-face to a FontConfiguration only once, so reusing one saves
    loading the four Noto fonts again for every document. A municipality's own fonts all
    share the family name "docgen-profile", so each set of them gets its own configuration:
    two municipalities' fonts must never be mixed up under that one name."""
    import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    if not font_configuration.cache_info().currsize:
        atexit.register(_forget_fonts)
    made = FontConfiguration()
    _made.add(made)
    return made


# Every font configuration of this process; and, in a process forked from one that had
# some (docgen warm's builds, and their workers), those it inherited.
_made: weakref.WeakSet[FontConfiguration] = weakref.WeakSet()
_inherited: tuple[FontConfiguration, ...] = ()


def keep_inherited_fonts() -> None:
    """In a process just forked: keep the font configurations it inherited for as long as
    it runs. Their fonts lie in folders the parent still uses, and WeasyPrint removes a
    configuration's folder when the configuration is freed, as `font_configuration`'s
    cache lets an old one go."""
    global _inherited
    _inherited = tuple(_made)


def _forget_fonts() -> None:
    """Let the kept font configurations go while Python still runs. Each keeps a copy of
    its fonts in a temporary folder that only its finaliser removes; left for Python's
    exit, the finaliser ran after the module it needs was gone ("TypeError: 'NoneType'
    object is not callable") and the folder stayed in /tmp. (Build workers never run
    finalisers; docgen.workers removes their temporary files.)"""
    _stylesheet.cache_clear()
    font_configuration.cache_clear()
    gc.collect()


def fonts_loaded() -> bool:
    """Whether this process has laid a document out before, or was forked from one that
    had (docgen warm's builds are): its next layout starts at once."""
    return font_configuration.cache_info().currsize > 0


def warm_up() -> None:
    """Prepare a build worker: import WeasyPrint, load its configuration and read its
    user-agent style sheet once."""
    font_configuration(())
    _user_agent_sheet()


def _what(document: Document) -> str:
    return f"{document.meta.author}, {document.meta.title} ({document.meta.language}, PDF)"


def _page_css(document: Document) -> str:
    """The page size, and the municipality's own fonts in front of ours.

    WeasyPrint applies these as user style sheets, which lose to the layout's own rules
    unless marked !important."""
    orientation = " landscape" if document.print_spec.orientation == "landscape" else ""
    rules = [f"@page {{ size: {LAYOUT_SIZE}{orientation} !important; }}"]
    if document.profile.fonts:
        for font in document.profile.fonts:
            name = font.stem.lower()
            weight = "bold" if "bold" in name else "normal"
            style = "italic" if "italic" in name or "oblique" in name else "normal"
            rules.append(
                f'@font-face {{ font-family: "docgen-profile"; src: url("{font.resolve().as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
        rules.append('html { font-family: "docgen-profile", "Noto Sans", sans-serif !important; }')
    return "\n".join(rules)


def _fit(lay_out: Callable[[float], weasyprint.Document], allowed: int, minimum: float) -> weasyprint.Document:
    """The largest type scale at which the document fits on `allowed` pages, to within
    FIT_PRECISION. Each layout tried is measured, and the heights of its content and of
    the one before against the room on `allowed` pages say where to try next
    (`_next_scale`): a poster that must shrink is laid out four to six times, where a
    bisection took six, and never more often than a bisection would."""
    tried = lay_out(1.0)
    if len(tried.pages) <= allowed:
        return tried
    room = allowed * tried.pages[0]._page_box.height
    heights = [(1.0, _height(tried))]  # (scale, content height) of each layout tried
    # `high` never fits; `low` does once `best` (its layout) is found. Until then `low`
    # is the smallest scale allowed, not tried yet.
    low, high, best = minimum, 1.0, None
    while best is None or high - low > FIT_PRECISION:
        scale = _next_scale(heights, room, (low, high), fitted=tried is best, low_tried=best is not None)
        tried = lay_out(scale)
        heights.append((scale, _height(tried)))
        if len(tried.pages) <= allowed:
            low, best = scale, tried
        elif scale <= minimum:
            raise PageOverflow(len(tried.pages), allowed, _fraction_that_fits(tried, allowed))
        else:
            high = scale
    return best


def _next_scale(
    heights: list[tuple[float, float]], room: float, bracket: tuple[float, float], fitted: bool, low_tried: bool
) -> float:
    """Where to try next, within the bracket: where the layouts tried say the content
    would fill the room exactly (the growth measured between the last two). After a try
    that did not fit, a little below that, so the next one fits; after one that did, a
    little above, and at least FIT_PRECISION above it, so that one that does not can end
    the search. The bracket's low end when it is not tried yet and the estimate is below
    it; halfway when the estimate leaves less than half the precision to either end."""
    low, high = bracket
    scale, height = heights[-1]
    growth = GROWTH
    if len(heights) > 1 and heights[-2][0] != scale and heights[-2][1] > 0 < height:
        measured = math.log(heights[-2][1] / height) / math.log(heights[-2][0] / scale)
        growth = min(max(measured, GROWTH_RANGE[0]), GROWTH_RANGE[1])
    estimate = scale * (room / height) ** (1 / growth) if height > 0 else (low + high) / 2
    if fitted:
        aim = max(estimate + FIT_PRECISION / 2, low + FIT_PRECISION)
    else:
        aim = estimate - FIT_PRECISION / 2
    margin = FIT_PRECISION / 2
    if not low_tried and (aim < low + margin or high - low <= FIT_PRECISION):
        return low
    return aim if low + margin <= aim <= high - margin else (low + high) / 2


def _fraction_that_fits(rendered: weasyprint.Document, allowed: int) -> float:
    """How much of the content fits on `allowed` pages, measured in laid-out text height."""
    total = _height(rendered)
    return sum(_content_height(page) for page in rendered.pages[:allowed]) / total if total else 1.0


def _section_shares(document: Document, scale: float) -> dict[str, float]:
    """Each section's share of the content's height at `scale`: how much shorter the
    content is without it. Measured only for a document that does not fit, so its kind
    can say what to cut in its own terms (the poster: how many of its rules)."""
    total = _height(_layouts(document)(scale))
    shares = {}
    for section in document.sections:
        rest = replace(document, sections=tuple(other for other in document.sections if other is not section))
        shares[section.id] = (total - _height(_layouts(rest)(scale))) / total if total else 0.0
    return shares


def _height(rendered: weasyprint.Document) -> float:
    return sum(_content_height(page) for page in rendered.pages)


def _content_height(page: weasyprint.Page) -> float:
    """The height the page's flowing content uses, from the top of the page area."""
    area = page._page_box.children[0] if page._page_box.children else None  # the html box
    return float(area.margin_height()) if area is not None else float(page.height)


def _has_empty_fields(document: Document) -> bool:
    return any(isinstance(block, FormField) and block.value is None for block in document.blocks())


def _finish(rendered: weasyprint.Document, pdf: Any) -> None:  # a pydyf.PDF
    """The file's last steps before it is written: forms completed, bytes made once."""
    from docgen.writers.pdf_objects import make_bytes_once

    _archival_forms(pdf)
    make_bytes_once(pdf)


def _archival_forms(pdf: Any) -> None:
    """Give every form widget an appearance stream and drop NeedAppearances (PDF/A-2)."""
    import pydyf

    acroform = pdf.catalog.get("AcroForm")
    if acroform is None:
        return
    acroform.pop("NeedAppearances", None)
    widgets = [o for o in pdf.objects if isinstance(o, dict) and o.get("Subtype") == "/Widget" and "AP" not in o]
    for widget in widgets:
        left, bottom, right, top = (float(value) for value in widget["Rect"])
        box = pydyf.Array((0, 0, abs(right - left), abs(top - bottom)))
        appearance = pydyf.Stream([], pydyf.Dictionary({"Type": "/XObject", "Subtype": "/Form", "BBox": box}))
        pdf.add_object(appearance)
        widget["AP"] = pydyf.Dictionary({"N": appearance.reference})
