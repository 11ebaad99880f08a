"""Benchmark: docgen's strategy PDF against LibreOffice converting the same strategy's DOCX.

    python benchmarks/pdf_vs_libreoffice.py [--batch 10] [--rounds 3]

Each round, side by side: docgen renders `batch` strategy PDFs in this process as a
build worker does (imports and fonts already loaded and frozen, the cycle collector run
once after each document), and LibreOffice converts the same strategies' DOCX files to
PDF in one headless run (its start included, as when it is used in a batch). Prints
seconds per document for both and the ratio docgen / LibreOffice per round and as the
median; below 1.0 docgen is the faster. Wall time and CPU time are both given: on a
shared machine the wall-time ratio swings with the other processes, the CPU-time ratio
(this process against LibreOffice's processes) much less. docgen's time is also split
into layout (WeasyPrint's HTML and CSS to boxes on pages) and writing (drawing the
pages, fonts, PDF/A, tags and compression, and the collection after the document). The
first line names the Python that ran it, whose own build moves the ratio.
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import statistics
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from docgen.build import assemble, load_all, plan
from docgen.paths import PROJECT
from docgen.rendering import collected_once
from docgen.writers import WRITERS
from docgen.writers.pdf import Layouts, PdfWriter
from docgen.writers.weasyprint_loader import import_weasyprint

sys.path.insert(0, str(PROJECT / "tests"))
from clients import soffice_to_pdf  # noqa: E402  (the tests' one way to run LibreOffice)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=10, help="documents per batch (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, side by side (default 3)")
    args = parser.parse_args()
    # Named because docgen's share is Python: on one machine, the distribution's CPython
    # (built with profile-guided and link-time optimisation) renders a strategy in an
    # eighth less time than one built without (benchmarks/README.md, twelfth round).
    print(f"Python {platform.python_version()} from {sys.base_prefix}, WeasyPrint {import_weasyprint().__version__}")

    entries, _ = load_all(PROJECT / "municipalities")
    strategies = [assemble(job) for job in plan(entries, kinds=["strategy"], formats=["pdf"])]
    documents = list(islice(cycle(strategies), args.batch))
    WRITERS["pdf"].render(documents[0])  # a build worker has WeasyPrint and the fonts loaded
    gc.collect()
    gc.freeze()

    ratios, cpu_ratios = [], []
    with tempfile.TemporaryDirectory() as folder:
        docx_paths = []
        for number, document in enumerate(documents):
            path = Path(folder) / f"strategy-{number:02d}.docx"
            path.write_bytes(WRITERS["docx"].render(document))
            docx_paths.append(path)
        for round_number in range(1, args.rounds + 1):
            layout = writing = 0.0
            cpu = time.process_time()
            for document in documents:
                layouts = Layouts()
                started = time.perf_counter()
                with collected_once():
                    layouts.of(document)
                    middle = time.perf_counter()
                    PdfWriter(layouts).render(document)  # written from the layout just made
                # The collection after it counts as writing: a worker pays for it too.
                layout, writing = layout + middle - started, writing + time.perf_counter() - middle
            docgen = (layout + writing) / len(documents)
            docgen_cpu = (time.process_time() - cpu) / len(documents)
            cpu = _children_cpu()
            started = time.perf_counter()
            soffice_to_pdf(docx_paths, Path(folder) / "libreoffice")
            libreoffice = (time.perf_counter() - started) / len(documents)
            libreoffice_cpu = (_children_cpu() - cpu) / len(documents)
            ratios.append(docgen / libreoffice)
            cpu_ratios.append(docgen_cpu / libreoffice_cpu)
            print(
                f"round {round_number}: docgen {docgen:6.3f} s/document "
                f"(layout {layout / len(documents):5.3f}, writing {writing / len(documents):5.3f})  "
                f"LibreOffice {libreoffice:6.3f} s/document  ratio {ratios[-1]:5.2f};  CPU: docgen "
                f"{docgen_cpu:6.3f} s/document, LibreOffice {libreoffice_cpu:6.3f} s/document, ratio {cpu_ratios[-1]:5.2f}"
            )
    print(
        f"median ratio docgen / LibreOffice over {args.rounds} rounds of {args.batch}: "
        f"wall {statistics.median(ratios):.2f}, CPU {statistics.median(cpu_ratios):.2f}"
    )


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    main()
