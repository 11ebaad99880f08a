"""A target's fingerprints: what its bytes depend on.

The content fingerprint (`of_targets`) is everything the bytes depend on, and nothing else:

    docgen's code + the writer's own templates + the assembled document + the target

The document enters as its snapshot (what it says, logo and fonts by content), not as
the data file it came from: editing one administrator's phone number changes only the
documents that show that number, so only they are rendered again, and an edit that
changes no document (a comment, a reordered key) renders nothing.

The clause library (templates/content) is not hashed here: what it contributes is
already in the document. The templates a writer lays the document out with are, per
writer (`Writer.template_folders`), so a new Word template rebuilds the DOCX files only.

The inputs fingerprint (`of_inputs`) is cheaper and coarser: the data file, the
municipality's assets, docgen's code and all its templates, read without assembling
anything. When it is unchanged the file is current; only when it changed does the
build assemble the document and compare content fingerprints. So a build with nothing
changed assembles nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import __version__, snapshot
from docgen.document import Document
from docgen.paths import PACKAGE, TEMPLATES
from docgen.writers import WRITERS

if TYPE_CHECKING:
    from docgen.entry import Entry
    from docgen.planning import Target


def of_target(source_digest: str, fmt: str, target: object) -> str:
    """The fingerprint of one output file made from a source (a document's snapshot, or
    the inputs) with the given digest."""
    return _joined(_code_digest(), templates_digest(fmt), source_digest, _canonical(target))


def of_targets(document: Document, targets: Iterable[Target]) -> dict[Target, str]:
    """The fingerprint of each of the document's output files."""
    document_digest = snapshot.digest(document)
    return {target: of_target(document_digest, target.format, target) for target in targets}


def of_data(entry: Entry) -> str:
    """What a municipality's files say as a whole: its data file, the listing of its
    folder and docgen's templates. Computed once per municipality and build."""
    return of_data_file(entry.path, entry.folder)


def of_data_file(path: Path, folder: Path) -> str:
    """`of_data` of the data file at `path` with its assets in `folder`, before it is loaded."""
    listing = _listing_digest(folder) if folder.is_dir() else ""
    return _joined(_all_templates_digest(), hashlib.sha256(path.read_bytes()).hexdigest(), listing)


def of_code() -> str:
    """docgen's own code (and version)."""
    return _code_digest()


def of_code_and_templates() -> str:
    """docgen's code and templates as they are on disk now, looked at again at every call:
    what a process that stays (docgen.warm_server) compares with what it loaded, before
    every build. Each file counts by its name, size and time of change, the rule Python
    itself uses to tell whether a module's source changed: looking costs a millisecond,
    reading every file ten."""
    return _joined(__version__, _files_digest([PACKAGE], suffix=".py", contents=False),
                   _files_digest([TEMPLATES], contents=False))


def of_inputs(data_digest: str, targets: Iterable[Target]) -> dict[Target, str]:
    """The inputs fingerprint of each target of a municipality whose `of_data` is given."""
    return {target: of_target(data_digest, target.format, target) for target in targets}


@cache
def _all_templates_digest() -> str:
    return _files_digest([TEMPLATES])


@cache
def templates_digest(fmt: str) -> str:
    """The files under the writer's template folders, by path and content."""
    return _files_digest(TEMPLATES / folder for folder in WRITERS[fmt].template_folders)


@cache
def _code_digest() -> str:
    """docgen's own code: a changed writer (or anything it calls) renders everything again."""
    return __version__ + _files_digest([PACKAGE], suffix=".py")


def _listing_digest(folder: Path) -> str:
    """The municipality's folder by each entry's name, size and time of change. A first
    check that opens nothing: a link out of the folder, a pipe or a large video beside
    the logo is never read (the content fingerprint reads only the assets a document
    shows, and those are checked at validation)."""
    digest = hashlib.sha256()
    for root, folders, files in os.walk(folder):  # links to folders are not followed
        folders.sort()
        for name in sorted(files):
            path = Path(root, name)
            info = path.lstat()
            digest.update(f"{path.relative_to(folder)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _files_digest(folders: Iterable[Path], suffix: str = "", contents: bool = True) -> str:
    """The files by name and content (or, without `contents`, by name, size and time of
    change). Paths are taken relative to their folder, so the digest is the same wherever
    docgen is installed (a checkout, or a wheel that carries the templates inside the package)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob(f"*{suffix}")):
            if path.is_file() and "__pycache__" not in path.parts:
                # The name, then a digest of the bytes (or the size and time): so no name
                # and content can ever read as another name and content.
                if contents:
                    what = hashlib.sha256(path.read_bytes()).hexdigest()
                else:
                    info = path.stat()
                    what = f"{info.st_size}\0{info.st_mtime_ns}"
                digest.update(f"{path.relative_to(folder)}\0{what}\0".encode())
    return digest.hexdigest()


def _joined(*parts: str) -> str:
    """One digest of several texts, none of which holds a NUL: each is ended by one."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _canonical(value: object) -> str:
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
