"""Worker processes that live no longer than the build that started them.

A worker watches its parent and exits as soon as the parent is gone (killed with
kill -9, say), instead of rendering on for minutes. Ctrl-C and SIGTERM are the parent's
to handle (interrupt_on_sigterm makes them one): workers ignore SIGINT, and the parent stops them when the build is
interrupted or fails, so one keypress stops everything cleanly.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

PARENT_CHECK_SECONDS = 0.5


@contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """Within the block, SIGTERM stops the build the way Ctrl-C does (KeyboardInterrupt),
    so both unwind through the same cleanup. Only the main thread can take signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def worker_pool(workers: int, warm_up: Callable[[], None] = lambda: None) -> Iterator[ProcessPoolExecutor]:
    """Worker processes that each run `warm_up` once (load what every render needs)."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(), warm_up))
    try:
        yield pool
    except BaseException:
        _stop_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _start_worker(builder: int, warm_up: Callable[[], None]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_builder, args=(builder, os.getppid()), daemon=True).start()
    warm_up()


def _exit_with_builder(builder: int, parent: int) -> None:
    """Exit once the build is gone. A worker started by fork has the builder as its
    parent; one started by a fork server (docgen serve's stages, Python 3.14's default)
    has the server, so the builder is also watched by its process id."""
    while os.getppid() == parent and _exists(builder):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but not ours to signal
        return True
    return True


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    if hasattr(pool, "terminate_workers"):  # Python 3.14 and later
        pool.terminate_workers()
        return
    # Before 3.14 there is no public way; without it, exiting would wait for every
    # running render to finish.
    for process in list((pool._processes or {}).values()):
        process.terminate()
