"""DOCX: the document poured into a Word template with docxtpl.

The template (templates/docx/<Document.word_template>.docx, made by scripts/make-docx-templates)
holds the page, the header and footer and every named style. Its Jinja is minimal: a
few scalars, escaped by docxtpl's autoescape, and one `{{p body }}` subdocument that
docx_blocks fills with the blocks in the template's own styles. Afterwards we set what
Word keeps outside the body: document properties and language from the data, the
municipality's colour as the theme's Accent 1, and "update fields on open" for the
table of contents. The package is re-zipped with fixed dates, so the same document
always gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

from docgen import language as lang
from docgen import template_path
from docgen.document import Document, PageBreak
from docgen.errors import RenderError
from docgen.writers.base import Writer
from docgen.writers.docx_logo import logo_png
from docgen.writers.docx_package import normalise, with_accent

HEADER_LOGO_MM = 10
COVER_LOGO_MM = 40
# CT_Settings is a sequence: w:updateFields must come before these elements.
_AFTER_UPDATE_FIELDS = frozenset({
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
})


class DocxWriter(Writer):
    format = "docx"
    suffix = ".docx"
    template_folders = ("docx", "fonts")  # the fonts measure table columns (docx_tables)

    def template_for(self, document: Document) -> Path:
        """The Word template the document names (its kind chose it): the municipality's
        own before docgen's, found as every template is (docgen.template_path)."""
        name = f"{document.word_template}.docx"
        own = document.profile.templates
        path = template_path.find(f"docx/{name}", own)
        if path is None:
            folders = " or ".join(str(root / "docx") for root in template_path.search_path(own))
            raise RenderError(f"no Word template in {folders} (looked for {name})")
        return path

    def render(self, document: Document) -> bytes:
        from docxtpl import DocxTemplate

        path = self.template_for(document)
        template = DocxTemplate(str(path))
        if document.print_spec.orientation == "landscape":  # first: the body's tables are sized for the page
            _landscape(template.get_docx().sections[0])
        try:
            context = self._context(template, document)
            template.render(context, _environment(), autoescape=True)
        except (KeyError, LookupError) as error:
            raise RenderError(f"the Word template {path} lacks what docgen needs: {error}") from error
        word = template.docx  # get_docx() would reload the unrendered template
        _properties(word, document)
        _language(word, lang_tag(document.meta.language))
        _colour(word, document.profile.primary_colour)
        word.sections[0].different_first_page_header_footer = document.title_page
        if document.table_of_contents:
            _update_fields_on_open(word)
        buffer = io.BytesIO()
        template.save(buffer)
        date = document.meta.date
        return normalise(buffer.getvalue(), (date.year, date.month, date.day))

    def _context(self, template: Any, document: Document) -> dict[str, Any]:
        from docx.shared import Mm
        from docxtpl import InlineImage

        from docgen.writers.docx_blocks import Body

        meta = document.meta
        png = logo_png(document.profile.logo)

        def logo(height: int) -> Any:
            return InlineImage(template, io.BytesIO(png), height=Mm(height)) if png else ""

        subdoc = _empty_subdocument(template)
        body = Body(subdoc, revised=meta.date)
        if document.title_page:
            if meta.facts:
                body.facts(meta.facts)
            body.visit(PageBreak())
        if document.table_of_contents:
            body.contents(meta.labels["contents"], (s.heading for s in document.sections if s.heading))
            body.visit(PageBreak())
        for section in document.sections:
            if section.heading is not None:
                body.visit(section.heading)
            body.blocks(section.blocks)
        body.finish()
        return {
            "title": meta.title,
            "subtitle": meta.subtitle or "",
            "municipality": meta.author,
            "date": lang.long_date(meta.date, meta.language),
            "page_label": meta.labels["page"],
            "of_label": meta.labels["of"],
            "header_logo": logo(HEADER_LOGO_MM),
            "cover_logo": logo(COVER_LOGO_MM) if document.title_page else "",
            "body": subdoc,
        }


class _CompiledOnce(Environment):
    """The Jinja environment docxtpl renders the template's parts in, each part compiled
    once: docxtpl compiles the body, every header and footer and the document
    properties at every render (11 times for an activity plan, a tenth of its DOCX),
    and they are the same for every document of a template."""

    def __init__(self) -> None:
        super().__init__()
        self.compiled: dict[str, Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:  # noqa: A002  (Jinja's names)
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        if source not in self.compiled:
            self.compiled[source] = super().from_string(source)
        return self.compiled[source]


@cache
def _environment() -> _CompiledOnce:
    return _CompiledOnce()  # one per process


def _empty_subdocument(template: Any) -> Any:
    """docxtpl's subdocument for the body: an empty body on the template's own part, in
    the template's namespaces. `new_subdoc()` makes the same from python-docx's default
    document, which it opens (14 ms, a fifth of an activity plan's DOCX) only to throw
    everything but the empty body away."""
    from docx.document import Document as WordDocument
    from docx.oxml import OxmlElement
    from docxtpl.subdoc import Subdoc

    class EmptyBody(Subdoc):  # type: ignore[misc]  # docxtpl has no type hints
        def __init__(self) -> None:
            self.tpl = template
            self.docx = template.get_docx()
            root = OxmlElement("w:document", nsdecls=self.docx.element.nsmap)
            body = OxmlElement("w:body")
            body.append(copy.deepcopy(self.docx.element.body.sectPr))  # python-docx sizes tables by it
            root.append(body)
            self.subdocx = WordDocument(root, self.docx.part)

    return EmptyBody()


def lang_tag(language: str) -> str:
    """nb-NO, nn-NO or sv-SE: what Word's proofing and hyphenation expect."""
    return f"{language}-{lang.COUNTRY[language]}"


def _properties(word: Any, document: Document) -> None:
    meta = document.meta
    moment = dt.datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=dt.timezone.utc)
    properties = word.core_properties
    properties.title = meta.title
    properties.subject = meta.subtitle or ""
    properties.author = properties.last_modified_by = meta.author
    properties.keywords = ", ".join(meta.keywords)
    properties.language = lang_tag(meta.language)
    properties.created = properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1
    properties.comments = ""
    properties.category = meta.category


def _language(word: Any, tag: str) -> None:
    """The document's language on the default run properties, which every style inherits."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = word.styles.element
    for name in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"):
        child = element.find(qn(name))
        if child is None:
            child = OxmlElement(name)
            element.insert(0, child) if name == "w:docDefaults" else element.append(child)
        element = child
    element.set(qn("w:val"), tag)
    theme_language = word.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), tag)


def _colour(word: Any, colour: str) -> None:
    """The municipality's primary colour as the theme's Accent 1, and in every style
    colour bound to Accent 1 (Word reads the theme, LibreOffice the value), tints and
    shades included. A colour picked by hand in the template is not bound to the theme
    and stays as it is."""
    from docx.oxml.ns import qn

    rgb = colour.lstrip("#").upper()
    theme = next(rel.target_part for rel in word.part.rels.values() if rel.reltype.endswith("/theme"))
    theme._blob = with_accent(theme.blob, rgb)
    for root in (word.styles.element, word.part.numbering_part.element):
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.get(qn("w:themeColor")) == "accent1":
                # w:color keeps its value in w:val; borders and shading in w:color
                target = qn("w:val") if element.tag == qn("w:color") else qn("w:color")
                element.set(target, _shaded(rgb, element.get(qn("w:themeTint")), element.get(qn("w:themeShade"))))
            if element.get(qn("w:themeFill")) == "accent1":
                fill = _shaded(rgb, element.get(qn("w:themeFillTint")), element.get(qn("w:themeFillShade")))
                element.set(qn("w:fill"), fill)


def _shaded(rgb: str, tint: str | None, shade: str | None) -> str:
    """Word's tint (towards white) or shade (towards black) of `rgb`; hex 00-FF amounts."""
    channels = [int(rgb[i : i + 2], 16) for i in (0, 2, 4)]
    if tint:
        channels = [255 - (255 - c) * int(tint, 16) // 255 for c in channels]
    if shade:
        channels = [c * int(shade, 16) // 255 for c in channels]
    return "".join(f"{c:02X}" for c in channels)


def _landscape(section: Any) -> None:
    """Turn the template's page on its side (long edge on top); its margins stay as they are."""
    from docx.enum.section import WD_ORIENT

    width, height = section.page_width, section.page_height
    if width < height:
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE


def _update_fields_on_open(word: Any) -> None:
    """Ask Word to refresh the fields (the table of contents) when it opens the file."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    for child in settings:
        if isinstance(child.tag, str) and child.tag.split("}")[-1] in _AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            return
    settings.append(element)
