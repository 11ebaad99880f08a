"""PNG: the first page of the PDF as an image for the intranet.

A derived format: the build hands it the PDF it has made of the same document
(`derive`), so the page is drawn from the very layout the PDF has.

Rasterised with pypdfium2 (a library from the registry, so users need no system
program) and saved by Pillow without any timestamp, so the bytes are reproducible.
`page_images` is the one way docgen turns PDF pages into pictures: the poster's PNG
and the page previews of `docgen serve` both use it.
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

from docgen.document import Document
from docgen.writers.base import Writer
from docgen.writers.pdf import PdfWriter


def page_images(pdf: bytes, dpi: int, pages: int | None = None) -> list[bytes]:
    """The first `pages` pages of `pdf` (all when None) as PNG images at `dpi`."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document) if pages is None else min(pages, len(document))
        return [_png(document[index], dpi) for index in range(count)]
    finally:
        document.close()


def _png(page: Any, dpi: int) -> bytes:  # a pypdfium2 page (the library has no type hints)
    width, height = (round(points * dpi / 72) for points in page.get_size())
    image = page.render(scale=dpi / 72).to_pil().convert("RGB")
    # pdfium rounds a partly covered edge pixel up; keep the page's own size (A4 at 150 dpi: 1240 × 1754).
    image = image.crop((0, 0, width, height))
    out = io.BytesIO()
    # zlib level 3: for the examples' posters it took 50 ms against the default level's
    # 60-65 ms, and made files 6 % smaller (353 KB against 377 KB); `optimize` (level 9)
    # took four times as long for 2.5 % fewer bytes.
    image.save(out, format="PNG", dpi=(dpi, dpi), compress_level=3)
    return out.getvalue()


class PngWriter(Writer):
    format = "png"
    suffix = ".png"
    template_folders = ("html", "fonts")  # drawn from the PDF
    derived_from = PdfWriter.format
    dpi: ClassVar[int] = 150  # A4 becomes 1240 × 1754 pixels: sharp on screen, small enough to share

    def render(self, document: Document) -> bytes:
        """The PNG alone, its PDF made here (the build hands `derive` the one it made)."""
        return self.derive(document, PdfWriter().render(document))

    def derive(self, document: Document, source: bytes) -> bytes:
        return page_images(source, self.dpi, pages=1)[0]
