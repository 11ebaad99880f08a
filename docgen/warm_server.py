"""The background docgen that `docgen warm` starts (docgen.warm says when builds use it).

    python -m docgen.warm_server SOCKET IDLE_SECONDS

It warms up once: it builds a starter municipality (`docgen new`'s file) in each
language, in a temporary folder, so docgen and WeasyPrint are imported and each
language's first layout has been made. Then it waits for builds. Each build runs in a
child forked from it: the child starts warm, reads everything the build needs afresh
(data files, the cache of validated files, the build folder's state), writes to the
terminal of the `docgen build` that asked, and ends with the build. So one build never
sees another's files, and what the server holds never changes. The child is forked
ahead of its build, as a spare that rehearses one (`_Spare`); a build that comes while
the spare is not ready yet gets a child forked for it.

Before each build the server checks that docgen's code and templates are still those it
loaded; when they changed, it says so and stops, and the build runs where it was
started. After IDLE_SECONDS without a build it stops too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import json
import logging
import os
import select
import shutil
import signal
import site
import socket
import struct
import sys
import sysconfig
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from docgen import cli, content, fingerprint, laws, workers
from docgen.planning import load_all, plan
from docgen.rendering import render_safely
from docgen.starter import starter_yaml
from docgen.workers import default_workers
from docgen.writers.pdf import keep_inherited_fonts, warm_up

LANGUAGES = ("nb", "nn", "sv")
REQUEST_LIMIT = 16 * 1024 * 1024  # a request is the build's options and the environment: far below this
REQUEST_SECONDS = 5  # a request comes at once, with the connection
REHEARSAL_SECONDS = 60  # the longest the server waits for its first spare before it listens


def main(path: Path, idle_seconds: float) -> None:
    loaded = _installed()  # before warming up: a change made meanwhile is then noticed
    _warm_up()
    # What the server holds now lives as long as it does: out of the garbage collector's
    # sight, a build's child and its workers never go through it again (each collection
    # of the oldest objects did, making a worker's every later PDF half as slow again),
    # and never copy the pages it lies on by touching it.
    gc.collect()
    gc.freeze()
    server = os.getpid()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        spare = _Spare(listener, after=None)
        spare.ready(timeout=REHEARSAL_SECONDS)  # so that the first build, too, starts in it
        try:
            listener.bind(str(path))
        except OSError as error:  # another `docgen warm`, started at the same time, was first
            spare.dismiss()
            _log(f"not started: {error.strerror or error}")
            return
        listener.listen()
        listener.settimeout(idle_seconds)
        _log(f"ready at {path}")
        try:
            _serve(listener, loaded, spare)
        finally:
            if os.getpid() == server:  # (a build's child never gets here, but if it did)
                path.unlink(missing_ok=True)
    # The builds still running use the fonts this process loaded, in files that go when
    # it ends: it ends after them.
    _reap(wait=True)
    _log("stopped")


def _serve(listener: socket.socket, loaded: str, spare: _Spare | None) -> None:
    """Answer requests until told to stop. A build runs in the spare when it is ready,
    otherwise in a child forked for it; either way a new spare is forked, to stand by
    once that build has ended."""
    try:
        while True:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                _log("stopping: no build for a while")
                return
            _reap()
            outputs: list[int] = []
            ended: int | None = None
            try:
                with connection:
                    request, outputs = _receive(connection)
                    if request is None:  # another user's, or not a request
                        continue
                    if "stop" in request:
                        connection.sendall(b"stopping\n")
                        return
                    if _installed() != loaded:
                        connection.sendall(b"stale\n")
                        _log("stopping: docgen, its templates or its libraries changed")
                        return
                    if "ping" in request:
                        connection.sendall(b"ready\n")
                        continue
                    handing, spare = spare, None
                    if handing is not None and handing.ready():
                        ended = handing.take(connection, outputs, request)
                    else:
                        if handing is not None:
                            handing.dismiss()  # still rehearsing, it would slow the build down
                        ended = _fork_build(listener, connection, outputs, request)
            except Exception as error:  # a command that hung up, a request it could not fork for
                _log(f"a request failed: {type(error).__name__}: {error}")
            finally:
                for output in outputs:
                    os.close(output)
            if spare is None:  # forked only now: it must hold neither the command's terminal nor its connection
                try:
                    spare = _Spare(listener, after=ended)
                except OSError as error:
                    _log(f"no spare process: {error.strerror or error}")
    finally:
        if spare is not None:
            spare.dismiss()


def _fork_build(listener: socket.socket, connection: socket.socket, outputs: list[int], request: dict[str, Any]) -> int:
    """Run the build in a child forked for it. Returns the end of a pipe that closes
    when the build (its workers too) has ended."""
    ended, ending = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(ended)
        os.close(ending)
        raise
    if pid == 0:
        try:
            listener.close()
            os.close(ended)
            _build(connection, outputs, request)  # `ending` stays open as long as the build runs
        finally:
            os._exit(1)  # a build's child never goes on as a server
    os.close(ending)
    return ended


class _Spare:
    """A child forked ahead of the next build. Once the build before it has ended, it
    rehearses one (`_rehearse`) and says it is ready; the next build then runs in it.

    A child forked when a build is asked for shares the server's memory until it writes
    to it, and Python writes to every object it uses: copying those pages as the build
    first touched them cost a phone edit 0.05 s (benchmarks/README.md). The spare has
    copied them while nobody waited. For the same reason it starts its build's workers
    before it rehearses (docgen.workers.stand_by), and each of them rehearses too."""

    def __init__(self, listener: socket.socket, after: int | None) -> None:
        """Fork it. `after` is the end of a pipe that closes when the build before it
        ends; it is the spare's from now on."""
        try:
            self._channel, theirs = socket.socketpair()
            self._ready = False
            with theirs:
                self._pid = os.fork()
                if self._pid == 0:
                    try:
                        listener.close()
                        self._channel.close()
                        _stand_by(theirs, after)
                    finally:
                        # Dismissed, or the server gone: the workers it started go at once,
                        # not after rehearsing on beside the build that came instead, and
                        # their folder with them. The server closes the channel before it
                        # signals, so the dismissal may come only now, once; held off before
                        # the workers are stopped, it cannot cut that short (which left their
                        # folder behind). A plain try catches it from the first instruction
                        # on (a function called first, `with suppress`'s, was where it was
                        # raised, and the spare went on as a second server).
                        try:
                            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
                        except BaseException:  # it came just now: it will not come again
                            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
                        try:
                            workers.stop_standing()
                        except BaseException:  # (the spare ends below, whatever came)
                            pass
                        os._exit(1)  # a spare never goes on as a server
        finally:
            if after is not None:
                os.close(after)

    def ready(self, timeout: float = 0) -> bool:
        """Whether it has rehearsed and waits (it says so with one byte; one that ended
        says nothing, and never is)."""
        if not self._ready and select.select([self._channel], [], [], timeout)[0]:
            self._ready = self._channel.recv(1) == b"r"
        return self._ready

    def take(self, connection: socket.socket, outputs: list[int], request: dict[str, Any]) -> int:
        """Hand it the build. Returns the end of a pipe that closes when the build (its
        workers too) has ended."""
        ended, ending = os.pipe()
        try:
            socket.send_fds(self._channel, [b"\n"], [connection.fileno(), *outputs, ending])
            self._channel.sendall(json.dumps(request).encode() + b"\n")
        except OSError:
            os.close(ended)
            raise
        finally:
            os.close(ending)
            self._channel.close()
        return ended

    def dismiss(self) -> None:
        """End it: waiting, it ends with its channel; rehearsing, when told to."""
        self._channel.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGUSR1)


def _stand_by(channel: socket.socket, after: int | None) -> None:
    """In a spare: wait until the build before has ended, rehearse one, say so, and run
    the build the server hands over; or end with the server, or when dismissed."""
    signal.signal(signal.SIGUSR1, _dismissed)  # (a build's own signals, SIGINT and SIGTERM, stay the build's)
    keep_inherited_fonts()
    if after is not None:  # the pipe closes when the build before ends, the channel when the server does
        select.select([after, channel.fileno()], [], [])
        os.close(after)
        if select.select([channel], [], [], 0)[0]:  # (the server sends nothing before it hears from us)
            return
    if default_workers() > 1:  # (on one core a build renders in its own process)
        workers.stand_by(default_workers(), _rehearse_worker)
    _rehearse()
    channel.sendall(b"r")
    _log(f"process {os.getpid()} stands by for the next build")
    _, handed, _, _ = socket.recv_fds(channel, 1, 4)
    if len(handed) != 4:  # the server ended
        return
    request = json.loads(channel.makefile("rb").readline())
    channel.close()
    # The last one, the pipe's end, stays open as long as the build and its workers run.
    _build(socket.socket(fileno=handed[0]), handed[1:3], request)


class _Dismissed(BaseException):
    """A spare told to end (SIGUSR1): it unwinds past everything, and a rehearsal
    removes its folder on the way."""


def _dismissed(signum: int, frame: object) -> None:
    raise _Dismissed


def _installed() -> str:
    """docgen's code and templates, and when a library was last installed or removed
    (its site-packages folder changes then): what the server loaded must still be what
    a build would load."""
    folders = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), site.getusersitepackages()}
    times = sorted(os.stat(folder).st_mtime_ns for folder in folders if os.path.isdir(folder))
    return fingerprint.of_code_and_templates() + "".join(f" {time}" for time in times)


def _receive(connection: socket.socket) -> tuple[dict[str, Any] | None, list[int]]:
    """The request and the terminal outputs sent with it; None from another user, or
    for anything that is not a whole request in time."""
    if hasattr(socket, "SO_PEERCRED"):  # Linux; elsewhere the folder's permissions alone
        credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        if struct.unpack("3i", credentials)[1] != os.getuid():
            return None, []
    connection.settimeout(REQUEST_SECONDS)
    outputs: list[int] = []
    try:
        message, outputs, _, _ = socket.recv_fds(connection, 65536, 2)
        while message and not message.endswith(b"\n") and len(message) < REQUEST_LIMIT:
            more = connection.recv(65536)
            if not more:
                break
            message += more
        request = json.loads(message)
    except (OSError, ValueError):
        return None, outputs
    connection.settimeout(None)
    return (request if isinstance(request, dict) else None), outputs


def _build(connection: socket.socket, outputs: list[int], request: dict[str, Any]) -> None:
    """In the child: become the `docgen build` that asked, run the build, say how it
    ended, and end. Never returns, whatever happens: a child must not go on as a server."""
    status, scratch = 1, None
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        keep_inherited_fonts()
        connection.sendall(f"pid {os.getpid()}\n".encode())
        threading.Thread(target=_stop_without_the_command, args=(connection,), daemon=True).start()
        os.dup2(outputs[0], 1)
        os.dup2(outputs[1], 2)
        for output in outputs:
            os.close(output)
        # As Python opens them: stderr written through at once, stdout line by line on a terminal.
        sys.stdout, sys.stderr = (
            io.TextIOWrapper(io.FileIO(number, "w", closefd=False), encoding=encoding, errors=errors,
                             line_buffering=number == 2 or os.isatty(number), write_through=number == 2)
            for number, (encoding, errors) in zip((1, 2), request["encoding"], strict=True)
        )
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        os.environ.clear()
        os.environ.update(request["environ"])
        time.tzset()  # the command's TZ
        # The command's temporary folder ($TMPDIR), not the one the server found. What
        # fonts or anything else leave there goes with the build: the child ends
        # without the clean-up that Python's exit would run.
        tempfile.tempdir = None
        scratch = tempfile.tempdir = tempfile.mkdtemp(prefix="docgen-build-")
        status = _exit_status(request["arguments"], request["program"])
    except BaseException:  # as the command would show it
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):  # the terminal or the command may be gone
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
            _log(f"build in {request['cwd']}: exit status {status} (process {os.getpid()})")
            connection.sendall(f"exit {status}\n".encode())
        os._exit(status)


def _stop_without_the_command(connection: socket.socket) -> None:
    """Stop the build (as SIGTERM does) when the `docgen build` that asked is gone:
    killed, or its terminal closed. It sends nothing after its request, so this waits
    until the connection closes."""
    with contextlib.suppress(OSError):
        connection.recv(1)
    os.kill(os.getpid(), signal.SIGTERM)


def _exit_status(arguments: list[str], program: str) -> int:
    """Run the command line `docgen build …` as docgen.cli does: through click, which
    reports usage errors, Ctrl-C and a closed pipe as it always does."""
    for handler in logging.root.handlers[:]:  # the server's, on its own standard error
        logging.root.removeHandler(handler)
    try:
        cli.main.main(args=arguments, prog_name=program, standalone_mode=True)
    except SystemExit as end:
        return 0 if end.code is None else end.code if isinstance(end.code, int) else 1
    return 0


def _warm_up() -> None:
    """Build a starter municipality in every language: every import a build's child
    needs, and each language's first layout, done once."""
    _build_starters(LANGUAGES)
    # The starters are drafts. An adopted municipality's build also checks its date against
    # the laws its documents cite, in their shared clauses too (docgen.laws.check_dates).
    laws.library()
    for language in LANGUAGES:
        content.clauses(language, "shared")


def _rehearse() -> None:
    """Build a starter's activity plans as PDF in this process, as an edit builds the
    plan it changed: the memory such a build touches becomes this process's own."""
    _build_starters(LANGUAGES[:1], "--kind", "activity-plan", "--format", "pdf")
    gc.collect()  # the rehearsal's garbage, not the build's to collect
    gc.freeze()  # and what it keeps (as the server does)


def _rehearse_worker() -> None:
    """In a worker started for the spare's build: warm up as every worker does, then make
    a starter's activity plans as Word files, as the worker of a phone edit does. Not
    through `docgen build`: a worker is stopped with SIGTERM, which a build would take
    for Ctrl-C and report. What it writes is in the pool's folder (docgen.workers)."""
    warm_up()
    with tempfile.TemporaryDirectory(prefix="docgen-warm-up-") as folder:
        _write_starter(Path(folder), LANGUAGES[0])
        entries, _ = load_all(Path(folder))
        for job in plan(entries, kinds=["activity-plan"], formats=["docx"]):
            render_safely(job)  # (never raises: a worker that could not rehearse still works)


def _build_starters(languages: tuple[str, ...], *options: str) -> None:
    """Build a starter municipality in each language, in a folder of its own with a cache
    of its own, in this process, through `docgen build` itself with its report (into nothing)."""
    handlers = logging.root.handlers[:]
    with tempfile.TemporaryDirectory(prefix="docgen-warm-up-") as folder:
        data = Path(folder, "data")
        data.mkdir()
        for language in languages:
            _write_starter(data, language)
        # Each build's child takes the environment of the `docgen build` that asked for it.
        os.environ["DOCGEN_CACHE_DIR"] = str(Path(folder, "cache"))
        arguments = ["build", "--data", str(data), "--out", str(Path(folder, "build")), "--jobs", "1", *options]
        try:
            with open(os.devnull, "w", encoding="utf-8") as nothing:
                with contextlib.redirect_stdout(nothing), contextlib.redirect_stderr(nothing):
                    cli.main.main(args=arguments, standalone_mode=False)
        except SystemExit as end:
            if end.code:
                _log(f"warming up: the starter municipality's build ended with status {end.code}")
        finally:
            logging.root.handlers[:] = handlers  # the build's, on the standard error it had


def _write_starter(folder: Path, language: str) -> None:
    """A starter municipality's data file in `language` (`docgen new`'s), in `folder`."""
    slug = f"warm-{language}"
    text = starter_yaml(slug, "Warm kommune", language, dt.date(2026, 1, 1))
    (folder / f"{slug}.yaml").write_text(text, encoding="utf-8")


def _reap(wait: bool = False) -> None:
    """Collect the builds that have ended (their exit status went to the command line),
    or, with `wait`, wait for every build still running."""
    try:
        while os.waitpid(-1, 0 if wait else os.WNOHANG)[0]:
            pass
    except ChildProcessError:  # none left
        pass


LOG = logging.getLogger("docgen.warm")


def _log(message: str) -> None:
    LOG.warning("%s %s", dt.datetime.now().isoformat(timespec="seconds"), message)


if __name__ == "__main__":
    # Its own file, not standard error: in a build's child that is the terminal's.
    LOG.addHandler(logging.FileHandler(Path(sys.argv[1]).with_suffix(".log")))
    LOG.propagate = False
    main(Path(sys.argv[1]), float(sys.argv[2]))
