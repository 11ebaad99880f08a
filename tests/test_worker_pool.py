"""The build's worker pool: no processes until it is started, and once started each
worker warms up at once, before any render is asked of it."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

from docgen.workers import worker_pool


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
