"""The build with several worker processes: a document that fails stops the build only
with --fail-fast, leaving nothing half-written; warnings raised while a document is
rendered in a worker reach the report, the manifest and the terminal, once; --strict
turns any warning into exit 1."""

from __future__ import annotations

import copy
import gc
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, MINIMAL, published_files, write_municipality
from docgen.build import MANIFEST, build
from docgen.cli import main
from docgen.paths import PROJECT
from docgen.workers import worker_pool
from test_build import copy_examples
from test_build_folder import assert_manifest_matches_disk

CHEAP = {"formats": ["md", "txt"], "workers": 2}
INTRO_LIMIT = 101  # Facebook's page intro, where the house rules' intro goes
HOUSE_RULES_TEXT = ["--kind", "house-rules", "--format", "txt"]


def with_house_rules_url(url: str) -> dict[str, Any]:
    """The minimal municipality in bokmål, with the house rules (and privacy statement) at
    `url`: the intro for the Facebook page links to them, so its length follows the url's."""
    data = copy.deepcopy(MINIMAL["nb"])
    data["policy"] = {"house_rules_url": url, "privacy_url": "https://www.prove.kommune.no/personvern"}
    return data


def intro_length(folder: Path, url: str) -> int:
    write_municipality(folder / "data", "prove", with_house_rules_url(url))
    report = build(folder / "data", folder / "out", kinds=["house-rules"], formats=["txt"], workers=1)
    assert report.exit_code == 0 and report.warnings == [], report.failures + report.warnings
    return len((folder / "out" / "prove" / "nb" / "husregler-intro.txt").read_text(encoding="utf-8").strip())


@pytest.fixture
def near_limit(tmp_path: Path) -> Path:
    """A data folder whose one municipality's house-rules intro is 96 characters long:
    it fits Facebook's 101, but within a tenth of it, which is worth a warning."""
    url = "https://www.prove.kommune.no/"
    url += "a" * (96 - intro_length(tmp_path / "measure", url))
    return write_municipality(tmp_path / "data", "prove", with_house_rules_url(url))


def test_a_warning_in_a_worker_reaches_the_terminal_and_the_manifest_once(near_limit: Path, tmp_path: Path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docgen", "build", "--data", str(near_limit), "--out", str(out), "--jobs", "2"]
    result = subprocess.run([*command, *HOUSE_RULES_TEXT], cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    expected = f"96 characters; Facebook page intro holds at most {INTRO_LIMIT}"
    [line] = [line for line in result.stderr.splitlines() if expected in line]
    assert line.startswith("warning: prove/nb/husregler-intro: Prøve kommune"), line  # the document it belongs to
    assert result.stderr.count(expected) == 1, result.stderr  # not also from the worker's own log
    assert "1 warnings" in result.stdout
    outputs = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    warned = {output["path"] for output in outputs if any(expected in w for w in output.get("warnings", ()))}
    assert "prove/nb/husregler-intro.txt" in warned
    assert "prove/nb/husregler.txt" not in warned  # the long rules are far from the post's limit


def test_strict_fails_a_build_that_warned_also_when_nothing_was_rendered_again(near_limit: Path, tmp_path: Path):
    out = str(tmp_path / "out")
    first = CliRunner().invoke(main, ["build", "--data", str(near_limit), "--out", out, "--jobs", "2", "--strict",
                                      *HOUSE_RULES_TEXT])
    assert first.exit_code == 1, first.output
    assert "--strict: 1 warnings" in first.output
    assert (tmp_path / "out" / "prove" / "nb" / "husregler-intro.txt").is_file()  # built all the same
    again = CliRunner().invoke(main, ["build", "--data", str(near_limit), "--out", out, "--strict", *HOUSE_RULES_TEXT])
    assert "0 written" in again.output and again.exit_code == 1, again.output
    assert "holds at most 101" in again.output


def test_strict_passes_a_build_without_warnings(tmp_path: Path):
    data = write_municipality(tmp_path / "data", "prove", with_house_rules_url("https://www.prove.kommune.no/regler"))
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--jobs", "2",
                                       "--strict", *HOUSE_RULES_TEXT])
    assert result.exit_code == 0, result.output
    assert "0 warnings" in result.output


def test_strict_counts_the_data_files_warnings(tmp_path: Path):
    data = write_municipality(tmp_path / "data", "prove", MINIMAL["nb"])  # no links to the house rules or privacy
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--strict",
                                       *HOUSE_RULES_TEXT])
    assert result.exit_code == 1, result.output
    assert "policy.house_rules_url" in result.output


@pytest.fixture
def one_failing(tmp_path: Path) -> Path:
    """The examples, and before them a municipality whose house-rules intro is too long to
    paste into Facebook: that document fails when it is rendered, in a worker."""
    data = copy_examples(tmp_path / "data", "aas", "dome", "nora", "rakkestad")
    return write_municipality(data, "a-brokkoli", with_house_rules_url("https://www.prove.kommune.no/" + "a" * 60))


def test_without_fail_fast_the_other_municipalities_still_build(one_failing: Path, tmp_path: Path):
    report = build(one_failing, tmp_path / "out", **CHEAP)
    assert report.exit_code == 1
    assert len(report.failures) == 1 and "too long to paste" in report.failures[0]
    outputs = assert_manifest_matches_disk(tmp_path / "out")
    assert {o["municipality"] for o in outputs} == {"a-brokkoli", "aas", "dome", "nora", "rakkestad"}
    assert "a-brokkoli/nb/husregler-intro.txt" not in {o["path"] for o in outputs}
    alone = build(EXAMPLES, tmp_path / "examples", **CHEAP)
    assert {t.path for t in alone.written} <= {o["path"] for o in outputs}  # every example, complete


def test_fail_fast_stops_the_workers_early_and_leaves_nothing_half_written(one_failing: Path, tmp_path: Path):
    everything = build(one_failing, tmp_path / "all", **CHEAP)
    report = build(one_failing, tmp_path / "out", fail_fast=True, **CHEAP)
    assert report.exit_code == 1 and len(report.failures) == 1
    outputs = assert_manifest_matches_disk(tmp_path / "out")
    on_disk = {str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert on_disk == {o["path"] for o in outputs} | {MANIFEST, ".docgen-state.json", ".docgen.lock"}
    # The failing document is the third of 24; at most the few already handed to the
    # two workers are finished after it.
    assert len(report.written) < len(everything.written) / 2, [t.path for t in report.written]


def test_what_is_caught_while_rendering_is_docgens_warnings_and_pythons(caplog: pytest.LogCaptureFixture):
    import logging
    import warnings

    from docgen.caught import caught_warnings

    caplog.set_level(logging.INFO)
    with caught_warnings() as caught:
        logging.getLogger("docgen.writers").warning("nora/sv/affisch: Ignored `hyphens: sometimes`")
        logging.getLogger("docgen").info("a measurement, not a warning")
        warnings.warn("a font without a Sami letter", UserWarning, stacklevel=1)
    assert caught == ["nora/sv/affisch: Ignored `hyphens: sometimes`", "UserWarning: a font without a Sami letter"]
    assert caplog.records == []  # reported by the build, not logged on the way
    logging.getLogger("docgen").warning("after the block")
    assert caught[-1] != "after the block" and caplog.messages == ["after the block"]


def test_a_single_changed_document_is_made_side_by_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """After an edit that changed one document, its PDF and its other formats are made
    side by side: the PDF by the build's own process when it has laid documents out
    before (as docgen warm's builds have), else by a worker of its own. The files are
    those one process makes alone."""
    from docgen import rendering
    from docgen.build import load_all, plan

    write_municipality(tmp_path / "data", "prove", MINIMAL["nb"])
    jobs = plan(load_all(tmp_path / "data")[0], kinds=["activity-plan"])
    with worker_pool(2) as pool:
        pool.start()
        for loaded in (False, True):
            monkeypatch.setattr(rendering, "fonts_loaded", lambda: loaded)
            here, there = rendering._divided([(jobs[0], None)], pool)
            formats = [[target.format for target in part.targets] for part, _ in [*here, *there]]
            assert formats[0] == ["pdf"] and "docx" in formats[1] and "pdf" not in formats[1]
            assert len(here) == int(loaded)
        every = [(job, None) for job in jobs]
        assert rendering._divided(every, pool) == ([], every)  # a job per worker: as they are
    with worker_pool(2) as pool:  # not started: a job that needs no layout does not start them
        markdown = replace(jobs[0], targets=tuple(t for t in jobs[0].targets if t.format == "md"))
        assert rendering._divided([(markdown, None)], pool) == ([(markdown, None)], [])
    edited = copy.deepcopy(MINIMAL["nb"])
    edited["accounts"][0]["administrators"][0]["phone"] = "+47 22 33 44 55"
    for workers, loaded in ((1, False), (2, False), (2, True)):
        monkeypatch.setattr(rendering, "fonts_loaded", lambda: loaded)
        out = tmp_path / f"out{workers}{loaded}"
        write_municipality(tmp_path / "data", "prove", MINIMAL["nb"])
        build(tmp_path / "data", out, kinds=["activity-plan"], workers=workers)
        write_municipality(tmp_path / "data", "prove", edited)
        report = build(tmp_path / "data", out, kinds=["activity-plan"], workers=workers)
        assert report.exit_code == 0 and len(report.written) == len(jobs[0].targets), report.failures
    assert published_files(tmp_path / "out1False") == published_files(tmp_path / "out2False")
    assert published_files(tmp_path / "out1False") == published_files(tmp_path / "out2True")


@contextmanager
def collections_started() -> Iterator[list[int]]:
    """The generation of each collection Python's cycle collector starts meanwhile,
    counted from a full collection (no young ones since)."""
    generations: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    gc.collect()
    gc.callbacks.append(note)
    try:
        yield generations
    finally:
        gc.callbacks.remove(note)


def test_rendering_pauses_the_cycle_collector_and_runs_it_once_after(tmp_path: Path):
    """A layout's garbage lies in reference cycles: the collector runs once when a batch
    of documents is rendered, over the young generations, and not during the render."""
    from docgen.build import load_all, plan
    from docgen.rendering import run

    write_municipality(tmp_path / "data", "prove", MINIMAL["nb"])
    job = plan(load_all(tmp_path / "data")[0], kinds=["activity-plan"], formats=["pdf", "docx"])[0]
    with collections_started() as generations, worker_pool(1) as pool:  # one worker, not started: rendered here
        [(_, rendered)] = list(run([(job, None)], pool))
    assert rendered.failure is None
    assert {"docx", "pdf"} <= {target.format for target, _ in rendered.files}
    assert generations == [1]
    assert gc.isenabled()


def test_every_tenth_collection_after_a_render_goes_through_every_generation():
    """Paused, the collector never starts by itself, so the old generation's garbage is
    collected after the renders, as often as Python's own thresholds would."""
    from docgen.rendering import collected_once

    young = gc.get_threshold()[2]  # young collections before a full one
    with collections_started() as generations:
        for _ in range(2 * (young + 1)):
            with collected_once():
                pass
    assert generations == 2 * ([1] * young + [2])
