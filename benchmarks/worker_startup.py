"""Benchmark: what a build worker pays once, and what it saves per document by keeping it.

    python benchmarks/worker_startup.py [--documents 8]

In a fresh process: the seconds to import WeasyPrint, then the example strategies'
PDFs rendered twice over, alternately with the worker's one font configuration (as
builds do: docgen.writers.pdf.font_configuration, made once per process) and with a
new one for every document (as before). Prints both means per document and the saving.
"""

from __future__ import annotations

import argparse
import statistics
import time
from itertools import cycle, islice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=8, help="documents per way of working (default 8)")
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
