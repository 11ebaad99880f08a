"""Benchmark: what keeping the manifest true costs during a build.

    python benchmarks/manifest_writes.py [--files N] [--per-job K]

A rebuild first takes the files it will replace out of the manifest (one write), then
records every job's files in the state file as they are renamed into place (one small
write per job), and writes the manifest once more at the end; so the manifest never
lists a file whose bytes differ from the disk, and a killed build's successor skips what
was done. This prints what that bookkeeping costs for a rebuild of N files in jobs of K.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from docgen.build_state import put_in_place, save, set_aside
from docgen.planning import Target
from docgen.build_folder import BuildFolder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400, help="output files in the build (default 400)")
    parser.add_argument("--per-job", type=int, default=4, help="files per job, i.e. formats (default 4)")
    args = parser.parse_args()

    targets = [
        Target("kommune", "strategy", "nb", f"f{i % args.per_job}", f"kommune/nb/document-{i}.f{i % args.per_job}")
        for i in range(args.files)
    ]
    jobs = [SimpleNamespace(targets=targets[i : i + args.per_job]) for i in range(0, len(targets), args.per_job)]
    with tempfile.TemporaryDirectory() as folder, BuildFolder(Path(folder)) as out:
        state: dict = {}
        for job in jobs:  # a first build, so that the rebuild below replaces recorded files
            put_in_place(out, state, [(t, b"first") for t in job.targets], {})
        save(out.root, state)
        started = time.perf_counter()
        set_aside(out.root, state, targets)
        for job in jobs:
            put_in_place(out, state, [(t, b"second") for t in job.targets], {})
        save(out.root, state)
        rebuild = time.perf_counter() - started

    print(f"bookkeeping for a rebuild of {args.files} files in {len(jobs)} jobs: {rebuild:6.2f} s")
    print(f"per job:                                          {rebuild / len(jobs) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
