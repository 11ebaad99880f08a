"""What the preview knows about each municipality, and the loop that rebuilds them.

Saving a file marks the municipalities it affects. The loop rebuilds them one stage at a
time in a child process: first the web pages of every marked municipality, then, one
municipality at a time, every format. So text edits show within a second even while a
long PDF is being laid out for another municipality.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click

from docgen.load import discover
from docgen.paths import TEMPLATES
from docgen.serve.stages import Outcome, ignore_ctrl_c, run_stage

log = logging.getLogger("docgen")

# The preview's own pages and scripts are not document templates: editing them
# rebuilds nothing.
SERVE_TEMPLATES = TEMPLATES / "html" / "serve"


def _child_processes() -> ProcessPoolExecutor:
    """One fresh process per stage, forked from a server process that has docgen
    imported already (so a stage starts in milliseconds) but has read no template."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["docgen.serve.stages"])
    return ProcessPoolExecutor(max_workers=1, mp_context=context, max_tasks_per_child=1, initializer=ignore_ctrl_c)


class Workspace:
    def __init__(self, data_dir: Path, out_dir: Path, preview_dir: Path, slugs: Iterable[str] = ()):
        self.data_dir = data_dir.resolve()
        self.out_dir = out_dir
        self.preview_dir = preview_dir
        self.named = frozenset(slugs)  # only these, when named on the command line
        self.outcomes: dict[str, Outcome] = {}
        # Versions start at the clock, so a page left open across a restart sees a newer one.
        self.version = time.time_ns() // 1_000_000
        self.changed_at: dict[str, int] = {}
        self._web_due: set[str] = set()
        self._full_due: set[str] = set()
        self._building: str | None = None  # the municipality in its full stage
        self._stage_running = False
        self._due = asyncio.Event()
        self._published = asyncio.Condition()
        self._pool: ProcessPoolExecutor | None = None

    # What the pages show ----------------------------------------------------------

    def slugs(self) -> list[str]:
        return sorted(set(self.outcomes) | self._web_due | self._full_due)

    def updating(self, slug: str) -> bool:
        """Whether the municipality's PDFs, Word files and page images are still being made."""
        return slug in self._web_due or slug in self._full_due or slug == self._building

    async def wait_for_change(self, slug: str | None, since: int) -> int:
        """Wait until the municipality (any, when None) changes after version `since`."""

        def changed() -> bool:
            latest = self.version if slug is None else self.changed_at.get(slug, 0)
            return latest > since

        async with self._published:
            await self._published.wait_for(changed)
            return self.version

    # What the watcher tells ---------------------------------------------------------

    def affected(self, paths: Iterable[str | Path]) -> set[str]:
        """The municipalities whose documents depend on any of `paths`."""
        slugs: set[str] = set()
        for changed in map(Path, paths):
            if changed.is_relative_to(SERVE_TEMPLATES):
                continue
            if changed.is_relative_to(TEMPLATES):
                slugs.update(self.slugs())
            elif changed.is_relative_to(self.data_dir) and changed != self.data_dir:
                parts = changed.relative_to(self.data_dir).parts
                if len(parts) == 1 and changed.suffix == ".yaml":
                    slugs.add(changed.stem)
                elif len(parts) > 1:  # an asset or a template override in <slug>/
                    slugs.add(parts[0])
        return {slug for slug in slugs if not self.named or slug in self.named}

    def mark(self, slugs: Iterable[str]) -> None:
        """Rebuild these municipalities, web pages first."""
        slugs = set(slugs)
        if slugs:
            self._web_due |= slugs
            self._due.set()

    def mark_all(self) -> None:
        self.mark(self.named or {path.stem for path in discover(self.data_dir)})

    # The rebuild loop ------------------------------------------------------------------

    async def rebuild_forever(self) -> None:
        while True:
            await self._due.wait()
            self._due.clear()
            while self._web_due or self._full_due:
                full = not self._web_due
                slug = min(self._full_due if full else self._web_due)
                (self._full_due if full else self._web_due).discard(slug)
                self._building = slug if full else None
                self._stage_running = True
                outcome = await self._run(slug, full)
                self._stage_running, self._building = False, None
                self.outcomes[slug] = outcome
                if not full and not outcome.problems and not outcome.missing:
                    self._full_due.add(slug)
                await self._publish(slug)

    async def _run(self, slug: str, full: bool) -> Outcome:
        if self._pool is None:
            self._pool = _child_processes()
        loop = asyncio.get_running_loop()
        args = (self.data_dir, self.out_dir, self.preview_dir, slug, full)
        try:
            return await loop.run_in_executor(self._pool, run_stage, *args)
        except BrokenProcessPool as error:  # the child died (killed, out of memory)
            self._pool = None
            return Outcome(slug, failures=(f"the build process stopped: {error}",))
        except Exception as error:  # a bug must not stop the preview of the others
            log.exception("rebuilding %s failed", slug)
            return Outcome(slug, failures=(f"{type(error).__name__}: {error}",))

    async def _publish(self, slug: str) -> None:
        async with self._published:
            self.version += 1
            self.changed_at[slug] = self.version
            self._published.notify_all()

    def close(self) -> None:
        """Let a running stage finish (its files are written whole) and drop the rest."""
        if self._stage_running:
            click.echo("docgen serve: finishing the build in progress, so no file is left half-written", err=True)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
