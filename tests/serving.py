"""Start `docgen serve` as a real process on a free port, for the tests."""

from __future__ import annotations

import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from docgen.paths import PROJECT

STARTUP_SECONDS = 60


@dataclass
class Preview:
    url: str
    data: Path
    out: Path
    process: subprocess.Popen

    def stop(self, timeout: float = 60) -> tuple[int, str]:
        """Ctrl-C in the terminal: SIGINT to the server and every process it started
        (they share its process group); the exit status and what it wrote to stderr."""
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            _, stderr = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode, stderr


def copy_example(slug: str, folder: Path) -> Path:
    """The example municipality `slug` (file and assets) in a data folder of its own."""
    data = folder / "municipalities"
    data.mkdir(parents=True)
    shutil.copy(PROJECT / "municipalities" / f"{slug}.yaml", data)
    shutil.copytree(PROJECT / "municipalities" / slug, data / slug)
    return data


@contextmanager
def preview(data: Path, out: Path, *args: str) -> Iterator[Preview]:
    """`docgen serve` on a port the system picks, stopped (Ctrl-C) when the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "serve", "--data", str(data), "--out", str(out), "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=out.parent,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # a process group of its own, as in a terminal
    )
    try:
        running = Preview(_address(process), data, out, process)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


def _address(process: subprocess.Popen) -> str:
    """The address the server prints when it is listening."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if not selector.select(timeout=deadline - time.monotonic()):
                break
            line = process.stdout.readline()
            if not line:
                break
            found = re.search(r"http://\S+?/", line)
            if found:
                return found.group(0).rstrip("/")
    stderr = process.stderr.read() if process.poll() is not None and process.stderr else ""
    raise AssertionError(f"docgen serve printed no address within {STARTUP_SECONDS} s; stderr:\n{stderr}")
