"""The DOCX package as a ZIP file with nothing in it that changes between runs.

python-docx stamps every ZIP entry with the current time, so the same document would
give different bytes on every build. We rewrite the archive with one fixed time (the
document's own date), a fixed order and fixed file attributes.
"""

from __future__ import annotations

import io
import re
import zipfile

CONTENT_TYPES = "[Content_Types].xml"


def normalise(package: bytes, date: tuple[int, int, int]) -> bytes:
    """`package` rewritten with every entry dated `date` (year, month, day), in a stable order.

    [Content_Types].xml comes first, as Office writes it; the rest keep their order,
    which python-docx derives from the document's relationships.
    """
    source = zipfile.ZipFile(io.BytesIO(package))
    names = source.namelist()
    names.sort(key=lambda name: name != CONTENT_TYPES)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(*date, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return buffer.getvalue()


_ACCENT1 = re.compile(rb"(<a:accent1>\s*<a:srgbClr val=\")[0-9A-Fa-f]{6}")


def with_accent(theme: bytes, colour: str) -> bytes:
    """The theme part (word/theme/theme1.xml) with Accent 1 set to `colour` (RRGGBB)."""
    result, count = _ACCENT1.subn(rb"\g<1>" + colour.upper().encode(), theme)
    if count != 1:
        raise ValueError("the template's theme has no plain RGB Accent 1 colour")
    return result
