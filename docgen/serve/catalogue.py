"""The documents the preview shows and the only files it serves: those the build lists
in its manifest, the web renderings made for the preview, and the PDF page images.

Every file request is looked up in these lists; no path from a request is ever joined
to a folder, so `..`, encoded or absolute paths cannot reach anything else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.build import MANIFEST
from docgen.serve.stages import Outcome
from docgen.writers.snapshot import SnapshotWriter

FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "html": "web page (HTML)",
    "md": "Markdown",
    "txt": "plain text",
    "png": "image (PNG)",
}
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class DocumentView:
    """One document of a municipality in one language, in all the formats built."""

    slug: str
    language: str
    stem: str
    kind: str
    outputs: list[dict[str, Any]] = field(default_factory=list)  # its manifest entries
    preview_page: str | None = None  # the web page rendered from the latest save

    @property
    def url(self) -> str:
        return f"/documents/{self.slug}/{self.language}/{self.stem}"

    @property
    def web_page(self) -> str | None:
        """Where the web page to show inline is served from: the preview's rendering of
        the latest save, else the last build's."""
        if self.preview_page:
            return f"/previews/{self.slug}/{self.preview_page}"
        built = next((output for output in self.outputs if output["format"] == "html"), None)
        return f"/files/{built['path']}" if built else None

    @property
    def pdf(self) -> dict[str, Any] | None:
        return next((output for output in self.outputs if output["format"] == "pdf"), None)


class Catalogue:
    def __init__(self, out_dir: Path, preview_dir: Path, building: Callable[[], bool] = lambda: False):
        self.out_dir = out_dir
        self.preview_dir = preview_dir
        self._building = building
        self._last: list[dict[str, Any]] = []

    def outputs(self) -> list[dict[str, Any]]:
        """The last finished build's manifest entries (none before the first build). While
        a build runs, its manifest leaves out the files being replaced, so the entries
        read before it stand until it is done."""
        if self._building() and self._last:
            return self._last
        try:
            found = json.loads((self.out_dir / MANIFEST).read_text(encoding="utf-8"))["outputs"]
        except (OSError, ValueError, KeyError):
            return self._last
        # Snapshots are docgen's own record of a document (for docgen diff), not a format to show.
        self._last = [output for output in found if output["format"] != SnapshotWriter.format]
        return self._last

    def documents(self, outcome: Outcome) -> list[DocumentView]:
        """The municipality's documents by language and file name, from the last good build."""
        found: dict[tuple[str, str], DocumentView] = {}
        for output in self.outputs():
            if output["municipality"] == outcome.slug:
                stem = Path(output["path"]).stem
                key = (output["language"], stem)
                found.setdefault(key, DocumentView(outcome.slug, output["language"], stem, output["kind"]))
                found[key].outputs.append(output)
        for page in outcome.previews:
            key = (page.language, page.stem)
            found.setdefault(key, DocumentView(outcome.slug, page.language, page.stem, page.kind))
            found[key].preview_page = page.path
        return [found[key] for key in sorted(found)]

    def built_file(self, path: str) -> Path | None:
        """A file the build lists in its manifest, by its path there."""
        listed = {output["path"] for output in self.outputs()}
        return self.out_dir / path if path in listed else None

    def text(self, document: DocumentView) -> str | None:
        """A text meant for pasting (the house rules for Facebook), when the document has
        no web page to show instead."""
        if document.web_page:
            return None
        for output in document.outputs:
            if output["format"] == "txt":
                try:
                    path: str = output["path"]
                    return (self.out_dir / path).read_text(encoding="utf-8")
                except OSError:
                    return None
        return None

    def preview_page(self, outcome: Outcome, path: str) -> Path | None:
        listed = {page.path for page in outcome.previews}
        return self.preview_dir / outcome.slug / path if path in listed else None

    def page_images(self, pdf: dict[str, Any]) -> list[int] | None:
        """The numbers of the PDF's page images, or None while they are being made."""
        folder = self.preview_dir / "pages" / pdf["sha256"]
        if not folder.is_dir():
            return None
        return sorted(int(image.stem) for image in folder.glob("*.png"))

    def page_image(self, digest: str, number: int) -> Path | None:
        if not SHA256.fullmatch(digest):
            return None
        image = self.preview_dir / "pages" / digest / f"{number}.png"
        return image if image.is_file() else None
