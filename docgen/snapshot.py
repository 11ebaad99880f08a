"""A document's snapshot: its assembled content as canonical JSON.

The snapshot is what a document *says* (sections, blocks, text, clause ids, metadata),
independent of any format. It is stable (same document, same bytes), so it serves as
the document's fingerprint for incremental builds and as the earlier version that
`docgen diff` compares against.

Files the document refers to (the logo, fonts) are recorded by name and by the SHA-256
of their bytes, not by where they lie, so a snapshot does not change when the project
folder moves, and does change when the logo is replaced. A folder (the municipality's
own templates) is recorded by the names and bytes of every file in it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from docgen import document as doc

SUFFIX = ".snapshot.json"  # build/<slug>/<lang>/<stem>.snapshot.json, beside the outputs
FORMAT = "snapshot"  # its format in the manifest

# Every node type a snapshot may hold, by name.
TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in vars(doc).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == doc.__name__
}


def dumps(document: doc.Document) -> bytes:
    """The document as canonical JSON: sorted keys, no insignificant white space
    differences, UTF-8, a final newline."""
    return (json.dumps(_encode(document), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def loads(data: bytes | str) -> doc.Document:
    """A document read back from its snapshot (file references become bare names)."""
    value = _decode(json.loads(data))
    if not isinstance(value, doc.Document):
        raise ValueError("not a document snapshot")
    return value


def digest(document: doc.Document) -> str:
    """The fingerprint of the document's snapshot: of the same canonical JSON without
    the line breaks and indents that make the file readable, which json can then write
    with its C encoder, in half the time."""
    compact = json.dumps(_encode(document), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(compact.encode("utf-8")).hexdigest()


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoded = {field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {"_type": type(value).__name__, **encoded}
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return {"_type": "datetime", "value": value.isoformat()}
    if isinstance(value, dt.date):
        return {"_type": "date", "value": value.isoformat()}
    if isinstance(value, dt.time):
        return {"_type": "time", "value": value.isoformat()}
    if isinstance(value, Path):
        data = _folder_bytes(value) if value.is_dir() else value.read_bytes() if value.is_file() else b""
        return {"_type": "file", "name": value.name, "sha256": hashlib.sha256(data).hexdigest()}
    return value


def _folder_bytes(folder: Path) -> bytes:
    """Each file's path in `folder` and its bytes' digest, in a fixed order."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return b"".join(
        f"{path.relative_to(folder).as_posix()}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode()
        for path in files
    )


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    if not isinstance(value, dict):
        return value
    kind = value.get("_type")
    if kind == "date":
        return dt.date.fromisoformat(value["value"])
    if kind == "datetime":
        return dt.datetime.fromisoformat(value["value"])
    if kind == "time":
        return dt.time.fromisoformat(value["value"])
    if kind == "file":
        return Path(value["name"])
    if kind in TYPES:
        fields = {name: _decode(item) for name, item in value.items() if name != "_type"}
        return TYPES[kind](**_upgraded(kind, fields))
    return {key: _decode(item) for key, item in value.items()}


_PRINT_FIELDS = ("page_size", "orientation", "fit_pages", "min_scale")


def _upgraded(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of a snapshot written by an earlier docgen (an archived build folder
    `docgen diff` compares with) as today's Document has them: Meta.kind is now
    Meta.category, and the print and paste settings are grouped in their specs."""
    if kind == "Meta" and "kind" in fields:
        fields["category"] = fields.pop("kind")
    if kind == "Document":
        printing = {name: fields.pop(name) for name in _PRINT_FIELDS if name in fields}
        if printing:
            fields["print_spec"] = doc.PrintSpec(**printing)
        if "limits" in fields:
            fields["paste_spec"] = doc.PasteSpec(fields.pop("limits"))
    return fields
