"""Benchmark: phone edits built through `docgen warm`, to compare two versions of docgen.

    python benchmarks/warm_edits.py [CODE ...] [--slug nora] [--edits 4] [--rounds 3] [--pause 1.5]

Each CODE is a checkout of docgen, put first on PYTHONPATH (none given: the docgen
installed). In each round, each CODE in turn, in a fresh copy of the example data:
build SLUG once, start `docgen warm`, then EDITS times change one administrator's phone
number, wait PAUSE seconds (a person edits for longer) and time the whole command
`python -m docgen build SLUG`. The versions take turns round by round, so that a busy
machine's ups and downs fall on both. Prints each round's edits in wall seconds, and
each version's median at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from one_municipality import change_first_phone, docgen

from docgen.paths import PROJECT


def edits(code: str | None, slug: str, count: int, pause: float) -> list[float]:
    """The wall seconds of `count` phone edits of `slug` built through `docgen warm`,
    with the docgen in `code` (or the one installed)."""
    with tempfile.TemporaryDirectory() as folder, _first_on_path(code):
        data, out, cache, warm = (Path(folder) / name for name in ("data", "build", "cache", "warm"))
        data.mkdir()
        shutil.copy(PROJECT / "municipalities" / f"{slug}.yaml", data)
        shutil.copytree(PROJECT / "municipalities" / slug, data / slug)
        arguments = (slug, "--data", str(data), "--out", str(out))
        docgen(*arguments, cache=cache, warm=warm)
        started = {**os.environ, "DOCGEN_WARM_DIR": str(warm)}
        subprocess.run([sys.executable, "-m", "docgen", "warm"], env=started, cwd=folder, check=True, capture_output=True)
        seconds = []
        for number in range(count):
            change_first_phone(data / f"{slug}.yaml", str(3 + number % 2))
            time.sleep(pause)
            seconds.append(docgen(*arguments, cache=cache, warm=warm)[0])
        subprocess.run([sys.executable, "-m", "docgen", "warm", "--stop"], env=started, cwd=folder, check=True,
                       capture_output=True)
    return seconds


@contextmanager
def _first_on_path(code: str | None) -> Iterator[None]:
    """Within the block, the commands started import docgen from `code`."""
    saved = os.environ.get("PYTHONPATH")
    if code:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [code, saved]))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", nargs="*", help="checkouts of docgen to compare (default: the one installed)")
    parser.add_argument("--slug", default="nora", help="an example municipality (default nora)")
    parser.add_argument("--edits", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pause", type=float, default=1.5, help="seconds between an edit and its build")
    args = parser.parse_args()
    versions: list[str | None] = list(args.code) or [None]
    times: dict[str | None, list[float]] = {version: [] for version in versions}
    for number in range(1, args.rounds + 1):
        for version in versions:
            seconds = edits(version, args.slug, args.edits, args.pause)
            times[version] += seconds
            print(f"round {number}, {version or 'installed'}: " + " ".join(f"{second:.2f}" for second in seconds), flush=True)
    for version, seconds in times.items():
        print(f"{version or 'installed'}: median {statistics.median(seconds):.2f} s over {len(seconds)} edits")


if __name__ == "__main__":
    main()
