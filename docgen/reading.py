"""Reading a file that a colleague supplied (a data file, a logo, a font).

Only an ordinary file inside the folder it belongs to is ever read, and never more than
a set number of bytes: a link to /etc/shadow, a FIFO that never ends or /dev/zero is
refused with a message instead of hanging the build or filling the memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Unreadable(Exception):
    """The file cannot or must not be read; the message says why in plain words."""


def read_untrusted(path: Path, folder: Path, limit: int) -> bytes:
    """The bytes of `path`, if it is an ordinary file inside `folder` of at most `limit` bytes."""
    try:
        resolved = path.resolve(strict=True)
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror or error})") from None
    if not resolved.is_relative_to(folder.resolve()):
        raise Unreadable(f"leads outside the folder {folder}; docgen reads nothing outside it")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        descriptor = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable("is not an ordinary file (a folder, device or pipe); docgen reads only ordinary files")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(f"is larger than docgen accepts ({_size(status.st_size)}; at most {_size(limit)})")
    return data


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{count:,} bytes".replace(",", " ")
