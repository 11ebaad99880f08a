"""Worker processes that live no longer than the build that started them.

A worker watches its parent and exits as soon as the parent is gone (killed with
kill -9, say), instead of rendering on for minutes. Ctrl-C and SIGTERM are the parent's
to handle (interrupt_on_sigterm makes them one): workers ignore SIGINT, and the parent stops them when the build is
interrupted or fails, so one keypress stops everything cleanly.

Workers keep their temporary files in a folder of the pool's, removed with the pool. A
worker ends without running its objects' clean-up (multiprocessing ends it with
os._exit), so whatever it left in the system's temporary folder would stay there: WeasyPrint
copies the fonts of each font configuration into a folder of 2 MB that only the
configuration's finaliser removes, and every build left one per worker behind.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, InvalidStateError, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

PARENT_CHECK_SECONDS = 0.5
STOP_CHECK_SECONDS = 0.1


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


class WorkerPool:
    """Worker processes that each run `warm_up` once (import WeasyPrint, load the fonts),
    started by `start()` or the first `submit`. A build starts them as soon as it knows
    it will lay out a PDF (into an empty folder: before it reads the data), so they warm
    up on the other cores while it goes on, instead of after it (see
    benchmarks/worker_startup.py).

    A pool started before its build (`stand_by`) runs each job in the build's working
    folder and environment, which the build took after the workers were forked."""

    def __init__(self, workers: int, warm_up: Callable[[], None], before_the_build: bool = False) -> None:
        self.workers = workers
        self._warm_up = warm_up
        self._before_the_build = before_the_build
        self._executor: ProcessPoolExecutor | None = None
        self._scratch: str | None = None
        self._given_work = False

    @property
    def started(self) -> bool:
        return self._executor is not None

    def start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # Every signal with a handler that may raise is held (docgen warm dismisses a spare
            # with SIGUSR1): it must not leave the pool's folder without the workers that
            # remove it. Not the others: a fork server started now would never hear SIGCHLD.
            with _held(STOPS | _handled_here()):
                self._scratch = tempfile.mkdtemp(prefix="docgen-workers-")
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers, initializer=_start_worker, initargs=(os.getpid(), self._scratch, self._warm_up)
                )
                self._executor.submit(_ready)  # the processes start (and warm up) now, not at the first render
        return self._executor

    def fit(self, jobs: int) -> None:
        """No more workers than there are jobs, unless they have started already."""
        if self._executor is None:
            self.workers = max(1, min(self.workers, jobs))

    def submit(self, function: Callable[..., T], *args: object) -> Future[T]:
        self._given_work = True
        if self._before_the_build:
            return self.start().submit(_in_the_builds_place, os.getcwd(), dict(os.environ), function, *args)
        return self.start().submit(function, *args)

    def _end(self, finish: bool) -> None:
        """Let the workers finish what they were given, or stop them at once (also when
        they were given nothing: started early, for a build that found nothing to
        render); then remove their temporary files."""
        if self._executor is not None:
            with _cancelled_futures_left_alone():
                if not finish or not self._given_work:
                    _stop_workers(self._executor)
                # Waiting also when stopped (the workers are gone at once): the executor's
                # own thread then ends before the process does, instead of racing Python's
                # exit to close its pipe ("Exception ignored … Bad file descriptor").
                self._executor.shutdown(wait=True, cancel_futures=not finish)
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


def default_workers() -> int:
    """How many workers a build has unless told otherwise: one for each core."""
    return os.cpu_count() or 1


# The pool `stand_by` started for this process's next build.
_standing: WorkerPool | None = None


def stand_by(workers: int, warm_up: Callable[[], None]) -> None:
    """Start the workers of this process's next build now, each running `warm_up`.

    docgen warm's spare does, before it rehearses a build. A worker forked during the
    build shares the builder's memory, and each page the builder then writes is copied:
    a warm phone edit's PDF took 125–130 ms instead of 100. Forked first, the workers
    and the spare have made their own copies while nobody waited. The next build that
    asks for as many workers takes them (`worker_pool`)."""
    global _standing
    pool = WorkerPool(workers, warm_up, before_the_build=True)
    pool.start()
    _standing = pool  # only now: the workers, forked by start(), never hold it


def stop_standing() -> None:
    """Stop the workers `stand_by` started, unless a build has taken them."""
    global _standing
    if _standing is not None:
        pool, _standing = _standing, None
        pool._end(finish=False)


@contextmanager
def worker_pool(workers: int, warm_up: Callable[[], None] = lambda: None) -> Iterator[WorkerPool]:
    """A WorkerPool, not started yet (or the one started for this build, when it has as
    many workers), whose processes end with the block."""
    global _standing
    if _standing is not None and _standing.workers == workers:
        pool, _standing = _standing, None
    else:
        pool = WorkerPool(workers, warm_up)
    try:
        yield pool
    except BaseException:
        pool._end(finish=False)
        raise
    pool._end(finish=True)


STOPS = frozenset({signal.SIGINT, signal.SIGTERM})


def first_done(futures: Iterable[Future[T]]) -> set[Future[T]]:
    """The futures that are done, once one is.

    Ctrl-C and SIGTERM are taken between short waits, never within one: raised inside
    concurrent.futures.wait, KeyboardInterrupt can leave a future's lock taken, and the
    pool's thread then waits for that lock for ever, and the build for the pool's thread
    as it stops (one Ctrl-C in five hung, sent at random into a loop of waits)."""
    if threading.current_thread() is not threading.main_thread():
        return wait(futures, return_when=FIRST_COMPLETED).done
    while True:
        with _stops_put_off():
            done = wait(futures, timeout=STOP_CHECK_SECONDS, return_when=FIRST_COMPLETED).done
        if done:
            return done


@contextmanager
def _stops_put_off() -> Iterator[None]:
    """Ctrl-C and SIGTERM noted within the block and sent again after it, to the handlers
    they had before (held while the handlers change, so none is lost or taken half-way)."""
    received: list[int] = []
    with _held(STOPS):
        previous = {number: signal.signal(number, lambda signum, frame: received.append(signum)) for number in STOPS}
    try:
        yield
    finally:
        with _held(STOPS):
            for number, handler in previous.items():
                signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for signum in received:
            signal.raise_signal(signum)


def _handled_here() -> set[int]:
    """The signals this process handles with a function of its own."""
    return {number for number in signal.valid_signals() if callable(signal.getsignal(number))}


@contextmanager
def _held(signals: Iterable[int]) -> Iterator[None]:
    """Hold `signals` within the block, and take them after: while the workers are forked,
    and while the handlers of Ctrl-C and SIGTERM change. One that came during a fork was
    lost: Python then runs its fork handlers (logging's lock), and an exception raised in
    them is printed and dropped, so the build went on."""
    if not hasattr(signal, "pthread_sigmask"):  # (Windows, which forks nothing)
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def _cancelled_futures_left_alone() -> Iterator[None]:
    """Python 3.11's pool thread, finding its workers stopped, fails every job still
    waiting, including those the build has cancelled, and dies of that, printing an
    InvalidStateError traceback after Ctrl-C (Python 3.12 ignores the error there).
    Within the block, that one error of that thread is not printed; every other is."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        raised_in = {frame.name for frame in traceback.extract_tb(args.exc_traceback)}
        if not (args.exc_type is InvalidStateError and "terminate_broken" in raised_in):
            previous(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


def _ready() -> None:
    """Nothing: submitted to make the processes start."""


def _in_the_builds_place(folder: str, environ: dict[str, str], function: Callable[..., T], *args: object) -> T:
    """`function` run in the build's working folder and environment (the data's paths
    are relative to the one, its time zone is in the other)."""
    if os.getcwd() != folder:
        os.chdir(folder)
    if os.environ != environ:
        os.environ.clear()
        os.environ.update(environ)
        time.tzset()
    return function(*args)


def _start_worker(builder: int, scratch: str, warm_up: Callable[[], None]) -> None:
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signal.valid_signals())  # held by the builder while it forked this one
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the builder's SIGTERM handler (interrupt_on_sigterm), which
    # turns the signal into KeyboardInterrupt. In a worker blocked writing its result, the
    # executor catches that and writes again, so `terminate` left it blocked for ever and
    # the builder waiting for it at exit. SIGTERM must simply end a worker.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    tempfile.tempdir = scratch
    threading.Thread(target=_exit_with_builder, args=(builder, os.getppid(), scratch), daemon=True).start()
    warm_up()
    # What the worker has now (docgen, WeasyPrint, the fonts) it keeps to the end: the
    # cycle collector need never go through it again.
    gc.collect()
    gc.freeze()


def _exit_with_builder(builder: int, parent: int, scratch: str) -> None:
    """Exit once the build is gone, and take the pool's temporary folder along, which a
    builder killed with kill -9 could not remove. A worker started by fork has the
    builder as its parent; one started by a fork server (docgen serve's stages, Python
    3.14's default) has the server, so the builder is also watched by its process id."""
    while os.getppid() == parent and _exists(builder):
        time.sleep(PARENT_CHECK_SECONDS)
    shutil.rmtree(scratch, ignore_errors=True)  # (every worker tries; the first removes it)
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
    results = pool._result_queue
    if hasattr(pool, "terminate_workers"):  # Python 3.14 and later
        pool.terminate_workers()
    else:
        # Before 3.14 there is no public way; without it, exiting would wait for every
        # running render to finish.
        for process in list((pool._processes or {}).values()):
            process.terminate()
    # A worker stopped while it wrote its result (a DOCX is tens of kilobytes) leaves
    # half a message in the result pipe, and the pool's thread then waits for the rest
    # for ever, because this process holds the pipe's writing end too: the build hung
    # after Ctrl-C. Closed here, the wait ends, once the workers are gone, in an end of
    # file, which the pool takes for what it is: its workers are gone.
    writing_end = getattr(results, "_writer", None)  # (the queue's reading end is the thread's, in use)
    if writing_end is not None:
        writing_end.close()
