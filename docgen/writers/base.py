"""The writer interface: one format, one pure function from Document to bytes."""

from __future__ import annotations

from typing import ClassVar

from docgen.document import Document, Schedule
from docgen.errors import RenderError


class Writer:
    format: ClassVar[str]  # the name used by --format and the manifest
    suffix: ClassVar[str]  # the file name ending, with its dot
    # The folders under templates/ the writer lays documents out with (for fingerprints).
    template_folders: ClassVar[tuple[str, ...]] = ()
    # The format this one is made from (PNG: "pdf"). The build renders that format once
    # and hands its bytes to `derive`, so the document is not laid out a second time.
    derived_from: ClassVar[str | None] = None

    def render(self, document: Document) -> bytes:
        raise NotImplementedError

    def for_batch(self) -> Writer:
        """The writer for one batch of documents that differ in paper size only (the A4
        and A3 poster). A writer that can share work across such a batch returns an
        instance of its own for it; one that cannot returns itself."""
        return self

    def derive(self, document: Document, source: bytes) -> bytes:
        """The output made from `source`, the document in the `derived_from` format."""
        raise NotImplementedError


def hanging_indent(text: str, prefix: str) -> str:
    """`prefix` before the first line and its width of spaces before the others: a list
    item in Markdown or plain text. Blank lines stay empty."""
    first, *rest = text.split("\n")
    pad = " " * len(prefix)
    return "\n".join([prefix + first, *[(pad + line) if line else "" for line in rest]])


def schedule_of(document: Document, format: str) -> Schedule:
    """The document's one schedule: what spreadsheet and calendar formats are made of."""
    found = [block for block in document.blocks() if isinstance(block, Schedule)]
    if len(found) != 1:
        raise RenderError(
            f"{document.meta.title}: {format} needs exactly one schedule in the document; it has {len(found)}"
        )
    return found[0]
