"""Outputs the data no longer asks for leave the build folder and the manifest; nothing
else does."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, write_municipality

from docgen.build import Target, build, record

SLUG = "prove"


@pytest.fixture
def two_accounts() -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL["nb"])
    library = {**copy.deepcopy(data["accounts"][0]), "name": "Prøve bibliotek", "kind": "unit"}
    library["url"] = "https://www.facebook.com/provebibliotek"
    data["accounts"].append(library)
    return data


def listed(out: Path) -> set[str]:
    return {output["path"] for output in json.loads((out / "manifest.json").read_text())["outputs"]}


def library_plan(out: Path) -> list[Path]:
    return sorted(out.glob(f"{SLUG}/nb/vedlegg-1-aktivitetsplan-facebook-prove-bibliotek.*"))


def test_a_removed_account_takes_its_activity_plan_with_it(tmp_path: Path, two_accounts) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    first = build(write_municipality(data, SLUG, two_accounts), out, workers=1)
    assert first.exit_code == 0 and not first.removed
    made = library_plan(out)
    assert {path.suffix for path in made} == {".pdf", ".docx", ".json"}
    kept = listed(out) - {str(path.relative_to(out)) for path in made}

    two_accounts["accounts"].pop()
    second = build(write_municipality(data, SLUG, two_accounts), out, workers=1)
    assert sorted(second.removed) == sorted(str(path.relative_to(out)) for path in made)
    assert library_plan(out) == []
    assert listed(out) == kept
    assert all((out / path).is_file() for path in kept)


def test_a_filtered_build_removes_nothing(tmp_path: Path, two_accounts) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    build(write_municipality(data, SLUG, two_accounts), out, kinds=["activity-plan"], formats=["docx"], workers=1)
    two_accounts["accounts"].pop()
    again = build(write_municipality(data, SLUG, two_accounts), out, kinds=["account-register"], formats=["md"], workers=1)
    assert not again.removed and len(library_plan(out)) == 2  # the DOCX and its snapshot


def test_a_file_changed_by_hand_leaves_the_manifest_but_stays_on_disk(tmp_path: Path, two_accounts) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    build(write_municipality(data, SLUG, two_accounts), out, workers=1)
    edited = next(path for path in library_plan(out) if path.suffix == ".docx")
    edited.write_bytes(b"my own notes")
    two_accounts["accounts"].pop()
    build(write_municipality(data, SLUG, two_accounts), out, workers=1)
    assert edited.read_bytes() == b"my own notes"
    assert str(edited.relative_to(out)) not in listed(out)


def test_docgen_diff_outputs_are_kept(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    write_municipality(data, SLUG, MINIMAL["nb"])
    build(data, out, workers=1)
    redline = Target(SLUG, "strategy", "nb", "md", f"{SLUG}/nb/strategi-endringer.md", variant="changes")
    record(out, [(redline, b"# Endringer\n")])
    again = build(data, out, workers=1)
    assert not again.removed
    assert (out / redline.path).is_file() and redline.path in listed(out)
