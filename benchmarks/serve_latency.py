"""Benchmark: how soon `docgen serve` shows a saved change.

    python benchmarks/serve_latency.py [--slug nora] [--saves 5]

Starts the preview on a copy of an example municipality, waits for its first full
build, then saves a change to the data file several times and prints, per save, the
seconds until the web page served shows it and until every format is built and the
PDF page images are made, and last the web page's time for a save made while a build
is running. The issue asks for the web page within 1 s.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from docgen.paths import PROJECT

sys.path.insert(0, str(PROJECT / "tests"))
from serving import copy_example, preview  # noqa: E402  (the tests' way to start it)

POLL_SECONDS = 0.02  # how finely the benchmark looks; the server itself never polls


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def until(condition, limit: float = 300) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise SystemExit(f"gave up after {limit} s")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", default="nora")
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        data = copy_example(args.slug, Path(folder))
        out = Path(folder) / "build"
        source = data / f"{args.slug}.yaml"
        original = source.read_text(encoding="utf-8")
        with preview(data, out, args.slug) as server:

            def web_page() -> str:
                """The web page the preview shows of the house rules."""
                page = fetch(f"{server.url}/documents/{args.slug}/{language}/{stem}")
                frame = re.search(r'<iframe[^>]* src="([^"]+)"', page)
                return fetch(server.url + frame.group(1)) if frame else ""

            def built_text() -> str:
                path = out / args.slug / language / f"{stem}.txt"
                return path.read_text(encoding="utf-8") if path.is_file() else ""

            def all_ready() -> bool:
                return 'class="ready"' in fetch(server.url + "/")

            print(f"first full build: {until(all_ready):6.2f} s")
            outputs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
            rules = next(o for o in outputs if o["kind"] == "house-rules" and o["format"] == "txt" and not o["variant"])
            language, stem = rules["language"], Path(rules["path"]).stem
            def save(marker: str) -> None:
                source.write_text(re.sub(r'answer_to: "[^"]*"', f'answer_to: "{marker}"', original), encoding="utf-8")

            for number in range(args.saves):
                marker = f"{number + 10:02d}.{number:02d}"
                save(marker)
                web = until(lambda: marker in web_page())
                rest = until(lambda: marker in built_text() and all_ready())
                print(f"save {number + 1}: web page {web:6.2f} s   every format and page image {web + rest:6.2f} s")
            # A second save while the first one's build is still running.
            save("20.00")
            until(lambda: "20.00" in web_page())
            save("20.30")
            during = until(lambda: "20.30" in web_page())
            print(f"save during a build: web page {during:6.2f} s")


if __name__ == "__main__":
    main()
