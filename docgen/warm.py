"""`docgen warm`: builds from the command line that start at once.

A fresh `docgen build` spends about a second before it renders anything: Python imports
docgen and WeasyPrint, and the first PDF a process lays out sets up cffi, the
hyphenation dictionaries and the fonts (benchmarks/one_municipality.py). After editing
one phone number that second is most of the build. `docgen warm` starts a background
process that has paid it once (docgen.warm_server); while it runs, `docgen build` hands
its work to it, and the build's output and exit status are what they would have been.

The background process is used only where it cannot differ from a build started here:
by the same user (its socket lies in a folder only the user can open), from the same
Python and docgen installation (the socket's name says which), and while docgen's code
and templates are what it loaded (it checks before every build, and stops when they
changed; the build then runs here). It reads no municipality's files until a build
asks it to, and then in a child process of its own that ends with the build.

This module is the side of the command line: it stays small, because every build
imports it first (docgen.command), before the rest of docgen.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from docgen import __version__
from docgen.atomic import current_umask
from docgen.paths import PACKAGE

READY_SECONDS = 120  # the longest `docgen warm` waits for the process to be ready
ANSWER_SECONDS = 30  # the longest a build waits for it to take the build on; then it builds itself
PATH_LIMIT = 103 if sys.platform == "darwin" else 107  # bytes in a socket's path, with the final NUL


def socket_path() -> Path:
    """Where this user's background docgen of this Python and installation listens: in
    $DOCGEN_WARM_DIR, or a folder of the user's in the runtime or temporary folder."""
    folder = os.environ.get("DOCGEN_WARM_DIR")
    if not folder:
        folder = os.path.join(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir(), f"docgen-{os.getuid()}")
    key = hashlib.sha256(f"{sys.executable}\0{PACKAGE}\0{__version__}".encode()).hexdigest()[:16]
    return Path(folder).absolute() / f"warm-{key}.sock"


def log_path() -> Path:
    """The background process's log: one line per build it ran, and its errors."""
    return socket_path().with_suffix(".log")


def private_folder(folder: Path) -> bool:
    """Whether `folder` is a real folder of this user's that nobody else can open: the
    socket in it then takes requests from this user only."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return folder.is_dir() and not folder.is_symlink() and info.st_uid == os.getuid() and not info.st_mode & 0o077


def available() -> bool:
    """Whether this system can hand a build over (it passes the terminal's files over a
    Unix socket, which Windows cannot)."""
    return hasattr(socket, "send_fds")


def delegate(arguments: list[str], program: str) -> int | None:
    """Run `docgen build` (`arguments` is its command line, from "build" on; `program` is
    the name it was called by, for its messages) in the background docgen and return
    its exit status; None when there is none to run it, so it runs here."""
    if not available() or threading.current_thread() is not threading.main_thread():
        return None  # (only the main thread can pass Ctrl-C on)
    try:  # its output goes straight to this process's own standard output and error
        outputs = [sys.stdout.fileno(), sys.stderr.fileno()]
    except (AttributeError, OSError, ValueError):  # captured in memory (click's test runner)
        return None
    request = {
        "arguments": arguments,
        "program": program,
        "cwd": os.getcwd(),
        "environ": dict(os.environ),
        "umask": current_umask(),  # for the permissions of the files it writes
        "encoding": [[sys.stdout.encoding, sys.stdout.errors], [sys.stderr.encoding, sys.stderr.errors]],
    }
    with _connected() as connection, _passed_on() as pass_signals_to:
        if connection is None:
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        replies = connection.makefile("r", encoding="utf-8")
        try:
            connection.settimeout(ANSWER_SECONDS)
            socket.send_fds(connection, [json.dumps(request).encode() + b"\n"], outputs)
            started = replies.readline().split()
        except OSError:  # it stopped, or hangs
            return None
        if started[:1] != ["pid"]:  # it stopped: docgen, its templates or its libraries changed
            return None
        connection.settimeout(None)  # the build takes as long as it takes
        pass_signals_to(int(started[1]))
        ended = replies.readline().split()
        if ended[:1] == ["exit"]:
            return int(ended[1])
        print(f"error: the background docgen stopped during the build; see {log_path()}", file=sys.stderr)
        return 1


def running() -> bool:
    """Whether a background docgen answers."""
    return _ask("ping") == "ready"


def start(idle_minutes: float) -> bool:
    """Start the background docgen and wait until it is ready; False when it could not
    start (its log says why)."""
    path, log_file = socket_path(), log_path()
    if len(os.fsencode(path)) > PATH_LIMIT:
        raise PermissionError(f"{path.parent} is too deep a folder for a socket; set DOCGEN_WARM_DIR to a shorter one")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not private_folder(path.parent):
        raise PermissionError(f"{path.parent} is not a folder only you can open; docgen will not listen there")
    path.unlink(missing_ok=True)  # left by one that was killed: nothing answers it
    log_file.write_bytes(b"")  # a new process, a new log; it appends to it, as the process's own output does
    # It runs from /, so docgen must be importable from anywhere, as it is here.
    importable = os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))
    import subprocess  # (here: every build imports this module, and only `docgen warm` starts one)

    with log_file.open("ab") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "docgen.warm_server", str(path), str(idle_minutes * 60)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, cwd="/",
            env={**os.environ, "PYTHONPATH": importable},
        )
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        if running():
            return True
        time.sleep(0.1)
    if server.poll() is None:
        server.terminate()
    return running()  # another `docgen warm`, started at the same time, may be the one that runs


def stop() -> bool:
    """Stop the background docgen; False when none was running."""
    return _ask("stop") == "stopping"


def _ask(question: str) -> str | None:
    with _connected() as connection:
        if connection is None:
            return None
        try:
            connection.settimeout(ANSWER_SECONDS)
            connection.sendall(json.dumps({question: True}).encode() + b"\n")
            return connection.makefile("r", encoding="utf-8").readline().strip() or None
        except OSError:  # it stopped meanwhile, or hangs
            return None


@contextlib.contextmanager
def _connected() -> Iterator[socket.socket | None]:
    """A connection to the background docgen, or None when none listens."""
    path = socket_path()
    if len(os.fsencode(path)) > PATH_LIMIT or not path.exists() or not private_folder(path.parent):
        yield None
        return
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(path))
    except OSError:
        connection.close()
        yield None
        return
    with connection:
        yield connection


@contextlib.contextmanager
def _passed_on() -> Iterator[Callable[[int], None]]:
    """Ctrl-C and SIGTERM reach this process only (the build runs in the background
    docgen's session): pass them on to the build, so they stop it as they would here.
    Yields what to call with the build's process id once it is known; a signal that
    comes before is passed on then."""
    build: int | None = None
    waiting: list[int] = []

    def pass_on(signum: int, frame: object) -> None:
        if build is None:
            waiting.append(signum)
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(build, signum)

    def known(process: int) -> None:
        nonlocal build
        build = process
        for signum in waiting:
            pass_on(signum, None)

    previous = {number: signal.signal(number, pass_on) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield known
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if build is None and waiting:  # no build took it on: the signal is this process's
            signal.raise_signal(waiting[0])
