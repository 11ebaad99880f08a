"""Outputs docgen no longer makes: an account removed, a language dropped, a kind
switched off. The build takes them out of the build folder and the manifest, so what is
there is what the data asks for. `docgen diff`'s redlines are made on request, never
planned, so they are kept.
"""

from __future__ import annotations

from typing import Any

# The variant of the outputs made on request (docgen diff's) in the manifest.
ON_REQUEST = "changes"


def unplanned(state: dict[str, dict[str, Any]], planned: set[str], municipalities: set[str]) -> list[str]:
    """The recorded outputs of `municipalities` that are not `planned`."""
    return [
        path
        for path, recorded in sorted(state.items())
        if path not in planned
        and recorded["target"]["municipality"] in municipalities
        and recorded["target"].get("variant") != ON_REQUEST
    ]
