"""What the preview knows about each municipality, and the loops that rebuild them.

Saving a file marks the municipalities it affects. Two loops, each with a child process
of its own, take it from there: the web loop validates the file and renders the web
pages (within a second), the build loop then runs `docgen build` for every format and
makes the PDF page images. They touch different folders, so a text edit shows at once
even while a long PDF is being laid out.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

import click

from docgen.load import discover
from docgen.paths import TEMPLATES
from docgen.serve.stages import Outcome, full_stage, ignore_ctrl_c, web_stage

log = logging.getLogger("docgen")

# The preview's own pages and scripts are not document templates: editing them
# rebuilds nothing.
SERVE_TEMPLATES = TEMPLATES / "html" / "serve"

Result = TypeVar("Result")


class ChildProcess:
    """Runs one stage at a time, each in a fresh process forked from a server process
    that has docgen imported already (so a stage starts in milliseconds) but has read no
    template: docgen caches templates per process, and a template may have changed."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self.busy = False

    async def run(self, stage: Callable[..., Result], *args: Any) -> Result:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["docgen.serve.stages"])
            self._pool = ProcessPoolExecutor(1, mp_context=context, max_tasks_per_child=1, initializer=ignore_ctrl_c)
        self.busy = True
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, stage, *args)
        except BrokenProcessPool:  # the child died (killed, out of memory): start afresh
            self._pool = None
            raise
        finally:
            self.busy = False

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class Workspace:
    def __init__(self, data_dir: Path, out_dir: Path, preview_dir: Path, slugs: Iterable[str] = ()):
        self.data_dir = data_dir  # as given, so problems name the file as `docgen validate` does
        self._watched = data_dir.resolve()  # watchfiles reports absolute paths
        self.out_dir = out_dir
        self.preview_dir = preview_dir
        self.named = frozenset(slugs)  # only these, when named on the command line
        self.outcomes: dict[str, Outcome] = {}
        self.build_failures: dict[str, tuple[str, ...]] = {}
        # Versions start at the clock, so a page left open across a restart sees a newer one.
        self.version = time.time_ns() // 1_000_000
        self.changed_at: dict[str, int] = {}
        self._web_due: set[str] = set()
        self._build_due: set[str] = set()
        self._building: str | None = None
        self._web_wanted = asyncio.Event()
        self._build_wanted = asyncio.Event()
        self._published = asyncio.Condition()
        self._web_process = ChildProcess()
        self._build_process = ChildProcess()

    # What the pages show ----------------------------------------------------------

    def slugs(self) -> list[str]:
        return sorted(set(self.outcomes) | self._web_due | self._build_due)

    def updating(self, slug: str) -> bool:
        """Whether the municipality's PDFs, Word files and page images are still being made."""
        return slug in self._web_due or slug in self._build_due or slug == self._building

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
            elif changed.is_relative_to(self._watched) and changed != self._watched:
                parts = changed.relative_to(self._watched).parts
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
            self._web_wanted.set()

    def mark_all(self) -> None:
        self.mark(self.named or {path.stem for path in discover(self.data_dir)})

    # The rebuild loops -----------------------------------------------------------------

    async def web_forever(self) -> None:
        while True:
            await self._web_wanted.wait()
            self._web_wanted.clear()
            while self._web_due:
                slug = min(self._web_due)
                self._web_due.discard(slug)
                try:
                    outcome = await self._web_process.run(web_stage, self.data_dir, self.preview_dir, slug)
                except Exception as error:  # a bug must not stop the preview of the others
                    log.exception("checking %s failed", slug)
                    outcome = Outcome(slug, failures=(f"{type(error).__name__}: {error}",))
                self.outcomes[slug] = outcome
                _tell(slug, _web_summary(outcome))
                if not outcome.problems and not outcome.missing:
                    self._build_due.add(slug)
                    self._build_wanted.set()
                await self._publish(slug)

    @property
    def building(self) -> bool:
        """A full build is running (its manifest is being rewritten)."""
        return self._building is not None

    async def build_forever(self) -> None:
        while True:
            await self._build_wanted.wait()
            self._build_wanted.clear()
            while self._build_due:
                slug = self._building = min(self._build_due)
                self._build_due.discard(slug)
                args = (self.data_dir, self.out_dir, self.preview_dir, slug)
                try:
                    self.build_failures[slug] = await self._build_process.run(full_stage, *args)
                except Exception as error:
                    log.exception("building %s failed", slug)
                    self.build_failures[slug] = (f"{type(error).__name__}: {error}",)
                self._building = None
                failed = len(self.build_failures[slug])
                _tell(slug, f"{_count(failed, 'document')} not built" if failed else "every format built")
                await self._publish(slug)

    async def _publish(self, slug: str) -> None:
        async with self._published:
            self.version += 1
            self.changed_at[slug] = self.version
            self._published.notify_all()

    def close(self) -> None:
        """Let a running stage finish (its files are written whole) and drop the rest."""
        if self._web_process.busy or self._build_process.busy:
            click.echo("docgen serve: finishing the build in progress, so no file is left half-written", err=True)
        self._web_process.close()
        self._build_process.close()


def _web_summary(outcome: Outcome) -> str:
    if outcome.missing:
        return "the data file is missing; waiting for it"
    if outcome.problems:
        return f"{_count(len(outcome.problems), 'problem')} in the data file; the preview shows them"
    return "web pages updated"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def _tell(slug: str, what: str) -> None:
    """A line in the terminal for each step, as `docgen build` reports its work."""
    click.echo(f"{time.strftime('%H:%M:%S')} {slug}: {what}")
