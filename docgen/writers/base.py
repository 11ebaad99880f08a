"""The writer interface: one format, one pure function from Document to bytes."""

from __future__ import annotations

from typing import ClassVar

from docgen.document import Document


class Writer:
    format: ClassVar[str]  # the name used by --format and the manifest
    suffix: ClassVar[str]  # the file name ending, with its dot

    def render(self, document: Document) -> bytes:
        raise NotImplementedError
