"""Outputs docgen no longer makes: an account removed, a language dropped, a kind
switched off. They leave the build folder and the manifest, so what is there is what
the data asks for.

Only files docgen wrote, and that are still as it wrote them, are deleted; a file
changed by hand stays on disk and only leaves the manifest. `docgen diff`'s redlines
are made on request, never planned, so they are kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# The variant of the outputs made on request (docgen diff's) in the manifest.
ON_REQUEST = "changes"


def remove_stale(out_dir: Path, state: dict, planned: set[str], municipalities: set[str]) -> list[str]:
    """Take every output of `municipalities` that is not `planned` out of `state` and
    off the disk; the paths removed."""
    removed = []
    for path, recorded in sorted(state.items()):
        target = recorded["target"]
        if path in planned or target["municipality"] not in municipalities or target.get("variant") == ON_REQUEST:
            continue
        written = out_dir / path
        if written.is_file() and hashlib.sha256(written.read_bytes()).hexdigest() == recorded["sha256"]:
            written.unlink()
        del state[path]
        removed.append(path)
    return removed
