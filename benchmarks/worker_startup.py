"""Benchmark: what a build worker pays once, and what it saves per document by keeping it.

    python benchmarks/worker_startup.py [--documents 8]

First, importing WeasyPrint in fresh processes, alternately the ordinary way (ctypes
searching for each native library) and as docgen does (docgen.writers.weasyprint_loader),
wall and CPU seconds (the search's ldconfig and gcc processes included). Then, in this
process: the seconds to import WeasyPrint, and the example strategies'
PDFs rendered twice over, alternately with the worker's one font configuration (as
builds do: docgen.writers.pdf.font_configuration, made once per process) and with a
new one for every document (as before). Prints both means per document and the saving.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from itertools import cycle, islice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=8, help="documents per way of working (default 8)")
    args = parser.parse_args()

    compare_imports(rounds=3)
    started = time.perf_counter()
    import weasyprint  # noqa: F401

    print(f"import weasyprint: {time.perf_counter() - started:.2f} s (once per worker)")

    from docgen.build import assemble, load_all, plan
    from docgen.paths import PROJECT
    from docgen.writers.pdf import font_configuration, laid_out

    entries, _ = load_all(PROJECT / "municipalities")
    documents = [assemble(job) for job in plan(entries, kinds=["strategy"], formats=["pdf"])]
    started = time.perf_counter()
    laid_out(documents[0])
    print(f"first layout in the process: {time.perf_counter() - started:.2f} s (fonts and hyphenation loaded)")

    kept: list[float] = []
    fresh: list[float] = []
    for document in islice(cycle(documents[1:] + documents[:1]), args.documents):
        for way, seconds in (("kept", kept), ("fresh", fresh)):
            if way == "fresh":
                font_configuration.cache_clear()  # a new configuration, loading the fonts again
            started = time.perf_counter()
            laid_out(document)
            seconds.append(time.perf_counter() - started)
            laid_out(documents[0] if document is not documents[0] else documents[1])  # no cached layout
    keep, new = statistics.mean(kept), statistics.mean(fresh)
    print(
        f"layout per document: with the worker's font configuration {keep:.3f} s, "
        f"with a new one {new:.3f} s, saving {new - keep:.3f} s ({(new - keep) / new:.0%})"
    )


IMPORTS = {
    "ordinary": "import weasyprint",
    "docgen": "from docgen.writers.weasyprint_loader import import_weasyprint; import_weasyprint()",
}


def compare_imports(rounds: int) -> None:
    """Import WeasyPrint in fresh processes both ways, alternately; print the medians."""
    # The time of the interpreter and docgen's own module, to take off.
    baseline = "import docgen.writers.weasyprint_loader"
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in (*IMPORTS, "start")}
    for _ in range(rounds):
        for name, code in (*IMPORTS.items(), ("start", baseline)):
            figures[name].append(_process(code))
    start_wall, start_cpu = (statistics.median(f[i] for f in figures["start"]) for i in (0, 1))
    for name in IMPORTS:
        wall, cpu = (statistics.median(f[i] for f in figures[name]) for i in (0, 1))
        print(f"import weasyprint, {name} way: {wall - start_wall:.2f} s wall, {cpu - start_cpu:.2f} s CPU (median of {rounds})")


def _process(code: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


if __name__ == "__main__":
    main()
