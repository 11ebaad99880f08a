"""Reading a file that a colleague supplied (a data file, a logo, a font).

Only an ordinary file inside the folder it belongs to is ever read, and never more than
a set number of bytes: a link to /etc/shadow, a FIFO that never ends or /dev/zero is
refused with a message instead of hanging the build or filling the memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from docgen.errors import DataError, Problem
from docgen.limits import DATA_FILE_BYTES


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


def read_data_file(path: Path) -> str:
    """The text of a data file: an ordinary file in its data folder, of bounded size, in UTF-8."""
    try:
        data = read_untrusted(path, path.parent, DATA_FILE_BYTES)
    except Unreadable as error:
        raise DataError([Problem(path, 1, 1, "", f"the file {error}")]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = "a character that is not UTF-8; save the file as UTF-8 (the usual choice in every editor)"
        raise DataError([Problem(path, line, column, "", message)]) from None
