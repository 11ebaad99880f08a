"""Benchmark: build every example municipality, cold and then again with nothing changed.

    python benchmarks/build_examples.py [--jobs N]

Prints wall-clock seconds per phase and per output format (cold build, serial timing of
one document per format), so a change to a writer or the pipeline can be measured.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from docgen.build import build, load_all, plan, render
from docgen.paths import PROJECT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    args = parser.parse_args()
    data = PROJECT / "municipalities"

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        started = time.perf_counter()
        cold = build(data, out, workers=args.jobs)
        middle = time.perf_counter()
        warm = build(data, out, workers=args.jobs)
        finished = time.perf_counter()

    print(f"cold build:  {middle - started:7.2f} s  {len(cold.written):4d} files written, {len(cold.failures)} failed")
    print(f"warm build:  {finished - middle:7.2f} s  {len(warm.unchanged):4d} files unchanged, {len(warm.written)} rewritten")

    # Per format, one job at a time in this process: where the time goes.
    entries, _ = load_all(data)
    per_format: dict[str, list[float]] = defaultdict(list)
    for job in plan(entries):
        for target in job.targets:
            single = type(job)(job.entry, job.kind, job.language, job.output, (target,))
            begun = time.perf_counter()
            render(single)
            per_format[target.format].append(time.perf_counter() - begun)
    for fmt, seconds in sorted(per_format.items()):
        print(f"{fmt:5s} {len(seconds):4d} documents  mean {sum(seconds) / len(seconds):6.3f} s  max {max(seconds):6.3f} s")


if __name__ == "__main__":
    main()
