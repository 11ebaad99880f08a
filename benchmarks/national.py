"""Benchmark: a national set of municipalities, built cold and then warm.

    python benchmarks/national.py N [N ...] [--jobs 2]

For each N, generates N synthetic municipalities in a temporary folder (from the four
examples: varied names, 2–12 accounts, nb, nn or sv, every fourth in two languages,
each with a logo of its own, as real municipalities have, so no build worker reuses the
picture it rasterised for another's Word files),
builds them into an empty folder (cold), then again with nothing changed (warm), and
prints: seconds per municipality-language, files per second, the peak memory of the
largest worker process, and the cold build projected to 650 municipalities. CPU seconds
(this process and its workers) are printed too, with the projection they give for two
idle cores: on a shared machine they say more than the wall time. With several N, the
last line compares the cost per municipality-language of the largest N with the
smallest (flat is 1.00).
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

from docgen.build import build, load_all
from docgen.model import Account
from docgen.paths import PROJECT

NATIONAL = 650  # about as many municipalities as Norway and Sweden have together
BASES = ("aas", "rakkestad", "dome", "nora")  # nb; nb; nn and nb; sv
FIRST = ("Vest", "Nord", "Øst", "Sør", "Fjell", "Dal", "Sjø", "Berg", "Skog", "Å", "Elv", "Holm", "Lund")
LAST = ("vik", "by", "stad", "berg", "dal", "nes", "sund", "fjord", "mark", "ås", "ö", "köping", "hamn")


def generate(folder: Path, count: int) -> int:
    """Write `count` municipalities into `folder`; return how many municipality-languages."""
    yaml = YAML()
    bases = {name: yaml.load((PROJECT / "municipalities" / f"{name}.yaml").read_text(encoding="utf-8")) for name in BASES}
    logo = (PROJECT / "municipalities" / "aas" / "logo.svg").read_bytes()
    for number in range(count):
        data = copy.deepcopy(bases[BASES[number % len(BASES)]])
        short = f"{FIRST[number % len(FIRST)]}{LAST[(number // len(FIRST)) % len(LAST)]}{'' if number < 169 else number}"
        data["name"] = f"{short} {'kommun' if data['country'] == 'SE' else 'kommune'}"
        data["short_name"] = short
        data["accounts"] = _accounts(data["accounts"], 2 + (number * 7) % 11)
        if "publishing_plan" in data:  # posts only for the accounts this municipality has
            kept = {Account.model_validate(account).slug for account in data["accounts"]}
            data["publishing_plan"]["posts"] = [p for p in data["publishing_plan"]["posts"] if p["account"] in kept]
        slug = f"m{number:03d}"
        with (folder / f"{slug}.yaml").open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        (folder / slug).mkdir()
        # Ås's placeholder shield with this municipality's name and initial.
        own = logo.replace("Ås kommune".encode(), data["name"].encode()).replace(">Å<".encode(), f">{short[0]}<".encode())
        (folder / slug / "logo.svg").write_bytes(own)
    entries, invalid = load_all(folder)
    if invalid:
        raise SystemExit("\n".join(error.format_message() for error in invalid))
    return sum(len(entry.municipality.all_languages) for entry in entries)


def _accounts(accounts: list, count: int) -> list:
    """`count` accounts, the base's own first, then copies with names and addresses of their own."""
    made = []
    for number in range(count):
        account = copy.deepcopy(accounts[number % len(accounts)])
        if number >= len(accounts):
            account["name"] = f"{account['name']} {number}"
            account["url"] = f"{account['url'].rstrip('/')}{number}"
        made.append(account)
    return made


def measure(count: int, jobs: int | None) -> float:
    with tempfile.TemporaryDirectory() as folder:
        data, out = Path(folder) / "data", Path(folder) / "build"
        data.mkdir()
        pairs = generate(data, count)
        # Cold means nothing kept from before, the validated data files included.
        os.environ["DOCGEN_CACHE_DIR"] = str(Path(folder) / "cache")
        started, cpu = time.perf_counter(), _cpu()
        cold = build(data, out, workers=jobs)
        cold_seconds, cold_cpu = time.perf_counter() - started, _cpu() - cpu
        started = time.perf_counter()
        warm = build(data, out, workers=jobs)
        warm_seconds = time.perf_counter() - started
        del os.environ["DOCGEN_CACHE_DIR"]
    # The largest worker process that has ended (the build's pool is shut down by now).
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    per_pair, cpu_per_pair = cold_seconds / pairs, cold_cpu / pairs
    projected = per_pair * pairs / count * NATIONAL
    cores = jobs or os.cpu_count() or 1
    projected_idle = cpu_per_pair * pairs / count * NATIONAL / cores
    print(
        f"N={count:4d} ({pairs} municipality-languages): cold {cold_seconds:7.1f} s, "
        f"{per_pair:5.2f} s per municipality-language, {len(cold.written) / cold_seconds:5.1f} files/s, "
        f"{len(cold.written)} files, {len(cold.failures)} failed; warm {warm_seconds:5.2f} s "
        f"({len(warm.written)} rewritten); peak worker {worker_mb:5.0f} MB; "
        f"projected for {NATIONAL}: {projected / 60:5.1f} min; "
        f"CPU {cpu_per_pair:5.2f} s per municipality-language, projected on {cores} idle cores {projected_idle / 60:5.1f} min"
    )
    return cpu_per_pair


def _cpu() -> float:
    """CPU seconds used so far by this process and the worker processes that have ended."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="+", metavar="N", help="municipalities to generate")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    args = parser.parse_args()
    costs = {count: measure(count, args.jobs) for count in args.counts}
    if len(costs) > 1:
        low, high = min(costs), max(costs)
        print(f"CPU cost per municipality-language, N={high} against N={low}: {costs[high] / costs[low]:.2f}")


if __name__ == "__main__":
    main()
