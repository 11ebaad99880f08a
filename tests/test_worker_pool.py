"""The build's worker pool: no processes until it is started, and once started each
worker warms up at once, before any render is asked of it."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
from concurrent.futures import InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

import pytest

from docgen.workers import _cancelled_futures_left_alone, stand_by, stop_standing, worker_pool


def note_pid(folder: Path) -> None:
    (folder / str(os.getpid())).write_text("warm", encoding="utf-8")


def was_warmed_up(folder: Path) -> bool:
    return (folder / str(os.getpid())).is_file()


def test_a_pool_that_is_not_started_starts_no_process(tmp_path: Path):
    with worker_pool(2, partial(note_pid, tmp_path)) as pool:
        assert not pool.started
    assert list(tmp_path.iterdir()) == []


def test_started_workers_warm_up_before_anything_is_submitted(tmp_path: Path):
    with worker_pool(2, partial(note_pid, tmp_path)) as pool:
        pool.start()
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(list(tmp_path.iterdir())) == 2  # both workers, with nothing submitted
        assert pool.submit(was_warmed_up, tmp_path).result(timeout=60)
        assert str(os.getpid()) not in {path.name for path in tmp_path.iterdir()}


def test_workers_started_early_and_given_nothing_are_stopped_at_once(tmp_path: Path):
    """A build into an empty folder starts its workers before it reads the data; when it
    then finds nothing to render (bad data), it does not wait for them to warm up."""
    with worker_pool(2, partial(time.sleep, 30)) as pool:
        pool.start()
        started = time.monotonic()
    assert time.monotonic() - started < 10


def test_fewer_jobs_than_workers_start_fewer_workers(tmp_path: Path):
    with worker_pool(4, partial(note_pid, tmp_path)) as pool:
        pool.fit(2)
        pool.submit(was_warmed_up, tmp_path).result(timeout=60)
        pool.fit(1)  # once started, the pool stays as it is
        assert pool.workers == 2
    # Every worker forked has warmed up by the time the pool has ended.
    assert len(list(tmp_path.iterdir())) == 2


def where_and_who() -> tuple[str, str | None, int]:
    return os.getcwd(), os.environ.get("DOCGEN_TEST_PLACE"), os.getpid()


def test_workers_started_before_the_build_run_its_jobs_where_the_build_is(tmp_path: Path, monkeypatch):
    """docgen warm's spare starts its next build's workers before the build has taken
    the working folder and environment of the command that asked for it: the build
    takes those workers, and each job runs where the build is."""
    warmed, elsewhere = tmp_path / "warmed", tmp_path / "elsewhere"
    warmed.mkdir()
    elsewhere.mkdir()
    stand_by(2, partial(note_pid, warmed))
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("DOCGEN_TEST_PLACE", "the build's")
    with worker_pool(2) as pool:
        assert pool.started  # before anything was submitted
        folder, value, worker = pool.submit(where_and_who).result(timeout=60)
    assert (folder, value) == (str(elsewhere), "the build's")
    assert str(worker) in {path.name for path in warmed.iterdir()}  # one of the workers started before


def test_a_build_that_asks_for_other_workers_starts_its_own(tmp_path: Path):
    stand_by(2, partial(note_pid, tmp_path))
    with worker_pool(1) as pool:
        assert not pool.started
    with worker_pool(2) as pool:  # the next that asks for two takes them
        assert pool.started


def rehearse_at_length(folder: Path) -> None:
    note_pid(folder)
    time.sleep(30)


def test_workers_started_for_a_build_that_never_comes_stop_at_once(tmp_path: Path):
    """A spare dismissed while its workers rehearse: they must not rehearse on beside
    the build that came instead."""
    stand_by(2, partial(rehearse_at_length, tmp_path))
    deadline = time.monotonic() + 60
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    stop_standing()
    assert time.monotonic() - started < 10
    for worker in (int(path.name) for path in tmp_path.iterdir()):
        with pytest.raises(ProcessLookupError):
            os.kill(worker, 0)
    with worker_pool(2) as pool:
        assert not pool.started


def terminate_broken() -> None:
    """Named as Python 3.11's pool thread's method that raises after Ctrl-C."""
    raise InvalidStateError("CANCELLED: <Future state=cancelled>")


def raise_other() -> None:
    raise ValueError("a real error")


def test_only_the_pool_threads_error_about_cancelled_jobs_is_kept_quiet(monkeypatch):
    shown: list[type[BaseException]] = []  # what reaches the hook in place before (Python's prints)

    def before(args: threading.ExceptHookArgs) -> None:
        shown.append(args.exc_type)

    monkeypatch.setattr(threading, "excepthook", before)
    with _cancelled_futures_left_alone():
        for target in (terminate_broken, raise_other):
            thread = threading.Thread(target=target)
            thread.start()
            thread.join()
    assert shown == [ValueError]
    assert threading.excepthook is before  # put back after the block


def leave_a_temporary_folder() -> str:
    """What WeasyPrint does with its fonts: a temporary folder that only a finaliser
    removes, and a worker's finalisers never run."""
    return tempfile.mkdtemp(prefix="left-")


def test_what_workers_leave_in_the_temporary_folder_goes_with_the_pool(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the workers inherit it
    with worker_pool(2) as pool:
        left = Path(pool.submit(leave_a_temporary_folder).result(timeout=60))
        assert left.is_dir() and left.is_relative_to(tmp_path)
    assert not left.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_build_leaves_no_font_folders_behind(tmp_path: Path, monkeypatch):
    """Every build used to leave WeasyPrint's 2 MB copy of the fonts in /tmp, once per worker."""
    from conftest import EXAMPLES

    from docgen.build import build

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    report = build(EXAMPLES, tmp_path / "out", slugs=["nora"], kinds=["activity-plan"], formats=["pdf"], workers=2)
    assert report.written and not report.failures
    assert list(scratch.iterdir()) == []


def pid_then_sleep(folder: Path) -> None:
    (folder / "rendering").write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(30)


def test_sigterm_ends_a_worker_in_the_middle_of_a_render(tmp_path: Path):
    """A worker forked inside the build's SIGTERM handling must not inherit it: the
    executor would catch the KeyboardInterrupt and go on, and a worker blocked writing
    its result stayed blocked for ever, with the builder waiting for it at exit."""
    from docgen.workers import interrupt_on_sigterm

    with interrupt_on_sigterm(), worker_pool(1) as pool:
        future = pool.submit(pid_then_sleep, tmp_path)
        deadline = time.monotonic() + 60
        while not (tmp_path / "rendering").is_file() and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int((tmp_path / "rendering").read_text(encoding="utf-8"))
        os.kill(worker, signal.SIGTERM)
        try:
            future.result(timeout=20)
        except BrokenProcessPool:
            pass  # the worker ended without answering, as it should
        except KeyboardInterrupt:
            pytest.fail("the worker turned SIGTERM into KeyboardInterrupt and went on")
        else:
            pytest.fail("the worker finished its render after SIGTERM")


def test_a_worker_keeps_what_it_warmed_up_out_of_the_cycle_collectors_way(tmp_path: Path):
    import gc

    with worker_pool(1, partial(note_pid, tmp_path)) as pool:
        assert pool.submit(gc.get_freeze_count).result(timeout=60) > 0


# Waits for thousands of short jobs, one at a time, as `rendering.run` does, until Ctrl-C.
WAITING_FOR_JOBS = """
import signal, sys
from docgen.workers import first_done, worker_pool

signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    with worker_pool(2) as pool:
        pending = {pool.submit(abs, -number) for number in range(20000)}
        print("waiting", flush=True)
        while pending:
            for future in first_done(pending):
                pending.remove(future)
except KeyboardInterrupt:
    print("stopped", flush=True)
"""


def test_ctrl_c_while_the_build_waits_for_its_workers_stops_it():
    """KeyboardInterrupt raised inside concurrent.futures.wait could leave a job's lock
    taken, and the pool's thread waiting for it for ever: the build hung as it stopped
    (about one Ctrl-C in five, sent at random into such a loop). Ten at once, each at a
    different moment of the waiting."""
    import random
    import subprocess
    import sys

    builds = [
        subprocess.Popen([sys.executable, "-c", WAITING_FOR_JOBS], stdout=subprocess.PIPE, text=True) for _ in range(10)
    ]
    try:
        for build in builds:
            assert build.stdout.readline() == "waiting\n"
        for build in builds:
            time.sleep(random.uniform(0, 0.1))
            build.send_signal(signal.SIGINT)
        for build in builds:
            out, _ = build.communicate(timeout=30)
            assert out == "stopped\n"
    finally:
        for build in builds:
            build.kill()


class Dismissed(Exception):
    """What a handler like docgen warm's for SIGUSR1 raises."""


def test_a_signal_while_the_pool_starts_comes_once_its_workers_can_remove_their_folder(tmp_path: Path, monkeypatch):
    """docgen warm dismisses a spare with SIGUSR1, whose handler raises. Come after the
    pool's folder was made and before its workers were forked, it left the folder with
    nobody to remove it; held while the pool starts, it comes once the workers are there."""

    def dismissed(signum: int, frame: object) -> None:
        raise Dismissed

    made = tempfile.mkdtemp

    def made_then_signalled(*args: object, **kwargs: object) -> str:
        folder = made(*args, **kwargs)
        signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR1)
        return folder

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(tempfile, "mkdtemp", made_then_signalled)
    previous = signal.signal(signal.SIGUSR1, dismissed)
    try:
        with pytest.raises(Dismissed), worker_pool(1) as pool:
            pool.start()
        assert pool.started  # so its end (the block's) stopped its workers and removed the folder
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert list(tmp_path.iterdir()) == []
