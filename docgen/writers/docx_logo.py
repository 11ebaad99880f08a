"""The municipality's logo as PNG, the one vector-free format every Word reads.

python-docx embeds PNG and JPEG but not SVG, and most coats of arms come as SVG. We
rasterise an SVG with the renderers docgen already has: WeasyPrint draws it on a PDF
page (it fetches nothing: the SVG is inlined as a data URI and every other URL is
refused), pypdfium2 renders that page to pixels, and the transparent margin is cropped.
"""

from __future__ import annotations

import base64
import io
from functools import cache
from pathlib import Path

from docgen.writers.pdf import font_configuration
from docgen.writers.weasyprint_loader import import_weasyprint

PIXELS = 600  # on the longest side: sharp in print at the sizes the writer uses


def logo_png(path: Path | None) -> bytes | None:
    """PNG bytes of the logo at `path` (PNG, JPEG or SVG), or None when there is none."""
    if path is None:
        return None
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _svg_to_png(data)
    if suffix in (".png", ".jpg", ".jpeg"):
        return data
    return None


@cache
def _svg_to_png(svg: bytes) -> bytes:
    import pypdfium2

    import_weasyprint()  # quickly, before the imports below
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    page = (
        "<style>@page{size:100mm 100mm;margin:0}html,body{margin:0}"
        "img{display:block;width:100mm;height:100mm;object-fit:contain}</style>"
        f'<img src="{source}" alt="">'
    )
    # With the process's font configuration: a new one for each logo was never freed.
    fonts = font_configuration(())
    pdf = HTML(string=page, url_fetcher=URLFetcher(allowed_protocols=("data",))).write_pdf(font_config=fonts)
    document = pypdfium2.PdfDocument(pdf)
    try:
        scale = PIXELS / document[0].get_width()
        image = document[0].render(scale=scale, fill_color=(255, 255, 255, 0)).to_pil()
    finally:
        document.close()
    box = image.getbbox()
    if box:
        image = image.crop(box)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # zlib's default level: `optimize` was a tenth smaller, in four times the time
    return buffer.getvalue()

