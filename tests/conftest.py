"""Shared fixtures: the example municipalities built once per test run, and tiny
purpose-made municipalities written into a temporary folder."""

from __future__ import annotations

import copy
import json
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from hypothesis import settings
from ruamel.yaml import YAML

from clients import *  # noqa: F403  (real-client helpers: LibreOffice, Chromium + axe-core)
from clients import in_ci, running, unmarked_client_tests
from docgen.build import Job, assemble, build, load_all, plan
from docgen.document import Document
from docgen.paths import PROJECT

EXAMPLES = PROJECT / "municipalities"

# A suite started as a background job (`pytest &` in a script) ignores Ctrl-C, and so
# would every command it starts, which then carries on where a test presses Ctrl-C
# (SIGINT) to stop it. Handled here instead, SIGINT is at its default in the commands.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# In CI the property tests try the same examples every run, so a run fails only for a
# change in the code; on a developer's machine they explore new ones each time.
settings.register_profile("ci", derandomize=True, database=None)
if in_ci():
    settings.load_profile("ci")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    unmarked = unmarked_client_tests(items)
    if unmarked:
        raise pytest.UsageError("these tests use LibreOffice or Chromium but lack the `client` marker:\n  " + "\n  ".join(unmarked))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item):
    running.append(item)
    try:
        return (yield)
    finally:
        running.pop()


@pytest.fixture(autouse=True)
def own_data_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own cache of loaded data files (docgen.load_cache), so a test that
    changes how a file loads never hands what it loaded to another test, or to the user's cache."""
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path_factory.mktemp("data-cache")))


@pytest.fixture(autouse=True)
def no_warm_docgen(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds run in the test's own processes, never by a `docgen warm` the developer
    has running (docgen.warm); tests of that start one of their own."""
    monkeypatch.setenv("DOCGEN_WARM_DIR", str(tmp_path_factory.getbasetemp() / "no-warm-docgen"))


@dataclass(frozen=True)
class Built:
    """A finished build: its folder, manifest entries and any failures."""

    root: Path
    outputs: list[dict[str, Any]]
    failures: list[str]

    def select(self, **match: Any) -> list[dict[str, Any]]:
        """Manifest entries whose fields equal `match` (kind=…, format=…, …)."""
        found = [o for o in self.outputs if all(o.get(k) == v for k, v in match.items())]
        assert found, f"the build wrote nothing matching {match}"
        return found

    def path(self, output: dict[str, Any]) -> Path:
        return self.root / output["path"]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every example municipality, every kind, language and format, built once and
    shared by all pytest-xdist workers."""
    # pytest-xdist workers each get basetemp/popen-gwN: their parent is this run's folder.
    # Without xdist, basetemp itself is this run's folder (its parent outlives the run).
    basetemp = tmp_path_factory.getbasetemp()
    shared = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
    root = shared / "examples-build"
    with FileLock(str(shared / "examples-build.lock")):
        result = shared / "examples-build.json"
        if not result.exists():
            report = build(EXAMPLES, root)
            failures = report.failures + [e.format_message() for e in report.invalid]
            result.write_text(json.dumps(failures))
        failures = json.loads(result.read_text())
    manifest = json.loads((root / "manifest.json").read_text())
    return Built(root, manifest["outputs"], failures)


def strings(value: object) -> Iterator[str]:
    """Every string inside nested mappings and lists (parsed YAML, a snapshot's JSON)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)


@cache
def example_documents() -> tuple[tuple[Job, Document], ...]:
    """Every document the example municipalities build, assembled (not written)."""
    entries, invalid = load_all(EXAMPLES)
    assert not invalid, [error.format_message() for error in invalid]
    return tuple((job, assemble(job)) for job in plan(entries))


MINIMAL: dict[str, dict[str, Any]] = {
    "nb": {
        "name": "Prøve kommune",
        "country": "NO",
        "language": "nb",
        "website": "https://www.prove.kommune.no/",
        "email": "postmottak@prove.kommune.no",
        "roles": {
            "editor": "kommunikasjonssjefen",
            "communications_unit": "kommunikasjonsavdelingen",
            "account_approver": "kommunikasjonssjefen",
            "crisis_lead": "kriseledelsen",
            "contact": "kommunikasjonsavdelingen",
        },
        "adoption": {"status": "draft", "date": "2026-01-15"},
        "accounts": [
            {
                "platform": "facebook",
                "name": "Prøve kommune",
                "url": "https://www.facebook.com/provekommune",
                "kind": "main",
                "unit": "Kommunikasjonsavdelingen",
                "purpose": "Nyheter og dialog",
                "audience": "Innbyggerne",
                "administrators": [{"name": "Kari Nordmann"}, {"name": "Ola Nordmann"}],
            }
        ],
    },
}
MINIMAL["nn"] = {**copy.deepcopy(MINIMAL["nb"]), "language": "nn", "name": "Prøve kommune"}
MINIMAL["sv"] = {
    **copy.deepcopy(MINIMAL["nb"]),
    "name": "Prov kommun",
    "country": "SE",
    "language": "sv",
    "website": "https://www.prov.se/",
    "email": "kommun@prov.se",
}


def published_files(folder: Path) -> dict[str, bytes]:
    """A build folder's files by path, the manifest too, without the build's own record
    of its state (which notes files in the order they were done)."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.name.startswith(".docgen-")}


def write_municipality(folder: Path, slug: str, data: dict[str, Any]) -> Path:
    """Write `data` as municipalities/<slug>.yaml in `folder`; return the data folder."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    with (folder / f"{slug}.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    return folder


@pytest.fixture
def minimal() -> dict[str, dict[str, Any]]:
    """A fresh copy of the smallest valid municipality in each language, to modify."""
    return copy.deepcopy(MINIMAL)
