"""The snapshot writer: the document's content as canonical JSON (docgen.snapshot), kept
beside every document's outputs as the earlier version `docgen diff` compares with."""

from __future__ import annotations

from docgen import snapshot
from docgen.document import Document
from docgen.writers.base import Writer


class SnapshotWriter(Writer):
    format = snapshot.FORMAT
    suffix = snapshot.SUFFIX

    def render(self, document: Document) -> bytes:
        return snapshot.dumps(document)
