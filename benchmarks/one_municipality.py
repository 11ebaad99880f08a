"""Benchmark: one municipality as a communications officer builds it, whole processes.

    python benchmarks/one_municipality.py [SLUG] [--lang LANG] [--rounds 3]

Each round, in a fresh temporary copy of the example data (`python -m docgen build`,
start-up included):

    cold one language   docgen build SLUG --lang LANG into an empty folder
    cold                docgen build SLUG into an empty folder (every language)
    phone edit          one administrator's phone number changed, then docgen build SLUG
    no-op edit          a comment added to the data file, then docgen build SLUG
    phone edit, warm    the same two edits again with `docgen warm` running (started
    no-op edit, warm    before them, not timed), so the build is handed to it

Prints wall seconds (and the CPU seconds of the process) and files written for each step,
and the edits' time as a share of the cold build. Medians over the rounds at the end. With
docgen warm, the CPU seconds are the command's only: the build's are the background process's.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docgen.paths import PROJECT

STEPS = ("cold one language", "cold", "phone edit", "no-op edit", "phone edit, warm", "no-op edit, warm")


def docgen(*args: str, cache: Path, warm: Path) -> tuple[float, float, int]:
    """Run `python -m docgen build …` with `cache` as its cache of validated data files,
    and the `docgen warm` in `warm` (if one runs there); its wall and CPU seconds and
    the files it wrote."""
    cpu = _children_cpu()
    started = time.perf_counter()
    # Run from an empty folder: `python -m` looks in the current folder first, and the
    # docgen to measure is the one on PYTHONPATH (or installed), not one that lies there.
    with tempfile.TemporaryDirectory() as elsewhere:
        done = subprocess.run(
            [sys.executable, "-m", "docgen", "build", *args], capture_output=True, text=True,
            env={**os.environ, "DOCGEN_CACHE_DIR": str(cache), "DOCGEN_WARM_DIR": str(warm)}, cwd=elsewhere, check=False,
        )
    seconds = time.perf_counter() - started
    summary = re.search(r"(\d+) written", done.stdout)
    if done.returncode != 0 or summary is None:
        raise SystemExit(f"docgen build {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, _children_cpu() - cpu, int(summary.group(1))


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def change_first_phone(path: Path, digit: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if re.match(r"\s+phone: ", line) and line.startswith("        "))
    lines[number] = re.sub(r"\d(\s*)$", digit + r"\1", lines[number])  # the last digit of one administrator's number
    path.write_text("".join(lines), encoding="utf-8")


def one_round(slug: str, language: str) -> dict[str, tuple[float, float, int]]:
    with tempfile.TemporaryDirectory() as folder:
        data, out = Path(folder) / "data", Path(folder) / "build"
        data.mkdir()
        shutil.copy(PROJECT / "municipalities" / f"{slug}.yaml", data)
        shutil.copytree(PROJECT / "municipalities" / slug, data / slug)
        source = data / f"{slug}.yaml"
        common = ("--data", str(data))
        # The cold builds start with nothing kept from before, the validated data file included.
        one, kept, warm = Path(folder) / "one", Path(folder) / "cache", Path(folder) / "warm"
        results = {"cold one language": docgen(slug, "--lang", language, *common, "--out", str(one),
                                               cache=Path(folder) / "cache one", warm=warm)}
        results["cold"] = docgen(slug, *common, "--out", str(out), cache=kept, warm=warm)
        for step in ("", ", warm"):
            if step:
                subprocess.run([sys.executable, "-m", "docgen", "warm"], env={**os.environ, "DOCGEN_WARM_DIR": str(warm)},
                               cwd=folder, check=True, capture_output=True)
            change_first_phone(source, "7" if not step else "8")
            results[f"phone edit{step}"] = docgen(slug, *common, "--out", str(out), cache=kept, warm=warm)
            source.write_text(source.read_text(encoding="utf-8") + "# checked by the benchmark\n", encoding="utf-8")
            results[f"no-op edit{step}"] = docgen(slug, *common, "--out", str(out), cache=kept, warm=warm)
        subprocess.run([sys.executable, "-m", "docgen", "warm", "--stop"], env={**os.environ, "DOCGEN_WARM_DIR": str(warm)},
                       cwd=folder, check=True, capture_output=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", nargs="?", default="nora", help="an example municipality (default nora)")
    parser.add_argument("--lang", default=None, help="the language for the one-language build (default: its first)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    language = args.lang or re.search(r"^language: (\w+)", (PROJECT / "municipalities" / f"{args.slug}.yaml").read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]

    rounds = []
    for number in range(1, args.rounds + 1):
        results = one_round(args.slug, language)
        rounds.append(results)
        cold = results["cold"][0]
        print(
            f"round {number}: "
            + "  ".join(
                f"{step} {seconds:5.2f} s (CPU {cpu:5.2f} s, {files} files)" for step, (seconds, cpu, files) in results.items()
            )
            + f"  phone edit / cold {results['phone edit'][0] / cold:.0%}, warm {results['phone edit, warm'][0] / cold:.0%}"
        )
    medians = {step: statistics.median(r[step][0] for r in rounds) for step in STEPS}
    cpu = {step: statistics.median(r[step][1] for r in rounds) for step in STEPS}
    print(
        f"median over {args.rounds} rounds ({args.slug}, {language}): "
        + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in medians.items())
        + f"; phone edit / cold {medians['phone edit'] / medians['cold']:.0%}"
        + f"; no-op edit / cold {medians['no-op edit'] / medians['cold']:.0%}"
        + f"; warm: phone edit / cold {medians['phone edit, warm'] / medians['cold']:.0%}"
        + f", no-op edit / cold {medians['no-op edit, warm'] / medians['cold']:.0%}"
    )
    print("median CPU seconds: " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in cpu.items()))


if __name__ == "__main__":
    main()
