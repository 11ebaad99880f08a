"""Checks on a municipality's assets (its logo and fonts) before anything is built.

An asset is read the way every file from a colleague is (docgen.reading: an ordinary
file inside the municipality's folder, of bounded size) and then parsed as what its name
says it is. So a garbage PNG, a decompression bomb, an SVG that is not XML or that
declares entities, or a font that is not one, is one clear validation message rather
than a traceback in one writer and a blank logo in another.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.parsers import expat

from docgen.limits import FONT_BYTES, LOGO_BYTES, LOGO_PIXELS
from docgen.reading import Unreadable, read_untrusted

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# What fontTools calls each font container, by file suffix (None: plain sfnt).
FONT_FLAVOURS = {".ttf": None, ".otf": None, ".woff": "woff", ".woff2": "woff2"}


def logo_problem(path: Path, folder: Path) -> str | None:
    """Why the logo at `path` cannot be used, or None when it can."""
    try:
        data = read_untrusted(path, folder, LOGO_BYTES)
    except Unreadable as error:
        return str(error)
    return _svg_problem(data) if path.suffix.lower() == ".svg" else _png_problem(data)


def font_problem(path: Path, folder: Path) -> str | None:
    """Why the font at `path` cannot be used, or None when it can."""
    try:
        data = read_untrusted(path, folder, FONT_BYTES)
    except Unreadable as error:
        return str(error)
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data))
        # Reading the tables every renderer needs parses the font for real.
        font["cmap"].getBestCmap()
        font["name"].getDebugName(1)
    except Exception:  # fontTools raises many kinds of errors on broken input
        return "is not a font file that can be read; export it again as .ttf, .otf, .woff or .woff2"
    expected = FONT_FLAVOURS.get(path.suffix.lower())
    if font.flavor != expected:
        return f"is a {font.flavor or 'TrueType/OpenType'} font, not what its name ({path.suffix}) says; rename it"
    return None


_TOO_MANY_PIXELS = f"has more pixels than a logo may have (at most {LOGO_PIXELS} on its longest side); scale it down"


def _png_problem(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                return f"is not a PNG picture but {image.format}; save it as PNG"
            if max(image.size) > LOGO_PIXELS:  # the size is in the header: nothing decoded yet
                return _TOO_MANY_PIXELS
            image.load()
    except Image.DecompressionBombError:  # Pillow's own, far larger, limit
        return _TOO_MANY_PIXELS
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "is not a PNG picture that can be read; save it again as PNG"
    return None


class _NotSvg(Exception):
    pass


def _svg_problem(data: bytes) -> str | None:
    """An SVG is well-formed XML whose root is <svg>, and declares no entities (the
    way to make a small file expand without bound)."""
    roots: list[str] = []

    def on_entity(*_: object) -> None:
        raise _NotSvg("declares XML entities, which docgen does not accept in a logo; remove the DOCTYPE part")

    def on_start(name: str, _attributes: object) -> None:
        roots.append(name)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.EntityDeclHandler = on_entity
    parser.StartElementHandler = on_start
    try:
        parser.Parse(data, True)
    except _NotSvg as error:
        return str(error)
    except expat.ExpatError as error:
        return f"is not a readable SVG file (line {error.lineno}: {expat.ErrorString(error.code)})"
    if not roots or roots[0] != f"{SVG_NAMESPACE} svg":
        return "is not an SVG picture (its first element is not <svg> in the SVG namespace)"
    return None
