"""Watch the data folder and the templates, and mark what a change affects.

watchfiles batches the events of one save (an editor that writes a new file and
renames it over the old one gives a delete and an add) and yields once the folder
has been quiet for a moment, so the rebuild sees the file as saved, not half-way.
"""

from __future__ import annotations

import asyncio

from watchfiles import awatch

from docgen.paths import TEMPLATES
from docgen.serve.workspace import Workspace

QUIET_MS = 50  # a save is complete when nothing more changes for this long


async def watch(workspace: Workspace, stop: asyncio.Event) -> None:
    async for changes in awatch(workspace.data_dir, TEMPLATES, stop_event=stop, step=QUIET_MS):
        workspace.mark(workspace.affected(path for _, path in changes))
