"""Benchmark: what `docgen diff` costs per document, step by step.

    python benchmarks/diff_documents.py [--repeat N]

For every example document of every kind, compared with a version that lost its
first section and has one word changed in each paragraph (a heavy revision), prints
the mean seconds of: the snapshot (dumps, and loads back), the comparison, and each
output (HTML redline, DOCX redline, change list).
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from docgen import snapshot
from docgen.build import assemble, load_all, plan
from docgen.diff.changes import change_list
from docgen.diff.compare import compare
from docgen.diff.redline import redline_docx, redline_html
from docgen.document import Document, Paragraph, Section, Text, plain
from docgen.paths import PROJECT

T = TypeVar("T")


def revised(document: Document) -> Document:
    """The document without its first section and with its paragraphs' first word changed."""
    def edit(section: Section) -> Section:
        blocks = tuple(
            Paragraph((Text("Endra " + plain(b.content).partition(" ")[2]),)) if isinstance(b, Paragraph) else b
            for b in section.blocks
        )
        return dataclasses.replace(section, blocks=blocks)

    return dataclasses.replace(document, sections=tuple(edit(s) for s in document.sections[1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="times to run each step (default 3)")
    args = parser.parse_args()
    entries, _ = load_all(PROJECT / "municipalities")
    documents = [assemble(job) for job in plan(entries)]
    seconds: dict[str, list[float]] = defaultdict(list)

    def timed(step: str, work: Callable[[], T]) -> T:
        for _ in range(args.repeat):
            begun = time.perf_counter()
            result = work()
            seconds[step].append(time.perf_counter() - begun)
        return result

    for new in documents:
        old = revised(new)
        kept = timed("snapshot dumps", lambda: snapshot.dumps(old))
        timed("snapshot loads", lambda: snapshot.loads(kept))
        comparison = timed("compare", lambda: compare(old, new))
        timed("redline html", lambda: redline_html(comparison))
        timed("redline docx", lambda: redline_docx(comparison))
        timed("change list md", lambda: change_list(comparison, "benchmark", markdown=True))

    print(f"{len(documents)} documents, each step run {args.repeat} times")
    for step, values in seconds.items():
        print(f"{step:15s} mean {sum(values) / len(values):7.4f} s  max {max(values):7.4f} s")


if __name__ == "__main__":
    main()
