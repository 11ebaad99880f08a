"""The build folder while a build writes into it.

One build at a time: a lock file makes a second build into the same folder wait (and,
after LOCK_WAIT seconds, stop with a message), so neither loses the other's manifest
entries. Before anything is rendered the folder is created and proven writable, so a
read-only or misplaced --out fails at once, not after minutes of rendering. Files left
by a build that was stopped half-way through writing (our `.name.*.tmp` files) are
removed. Every path written is checked to lie inside the folder.
"""

from __future__ import annotations

import errno
import logging
import tempfile
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from docgen.errors import DocgenError

log = logging.getLogger("docgen")

LOCK = ".docgen.lock"
LOCK_WAIT = 600.0  # seconds a second build waits for the first
TEMPORARY = ".*.tmp"  # what write_atomically names a file until it is complete

# Write errors after which no further file can be written either.
FATAL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


class BuildFolder:
    def __init__(self, root: Path):
        self.root = root
        self._lock: FileLock | None = None

    def __enter__(self) -> BuildFolder:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.root):
                pass
            self._lock = FileLock(self.root / LOCK)
            self._acquire(self._lock)
        except OSError as error:
            raise DocgenError(f"cannot write into {self.root}: {error.strerror or error}; choose another --out") from None
        self._remove_leftovers()
        return self

    def _remove_leftovers(self) -> None:
        for leftover in self.root.rglob(TEMPORARY):
            leftover.unlink(missing_ok=True)

    def _acquire(self, lock: FileLock) -> None:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            log.warning("another docgen build is writing into %s; waiting for it to finish", self.root)
            try:
                lock.acquire(timeout=LOCK_WAIT)
            except Timeout:
                raise DocgenError(
                    f"another docgen build has been writing into {self.root} for {LOCK_WAIT:.0f} seconds; "
                    "try again when it has finished"
                ) from None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        # A signal can land between creating a temporary file and the code that removes
        # it on failure; whatever is left is removed here (or by the next build, after kill -9).
        self._remove_leftovers()
        if self._lock:
            self._lock.release()

    def path(self, relative: str) -> Path:
        """The place of an output inside the folder; refused if it would be anywhere else."""
        path = self.root / relative
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise DocgenError(f"refusing to write {relative}: it lies outside the build folder {self.root}")
        return path
