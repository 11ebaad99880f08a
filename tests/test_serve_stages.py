"""The parts of `docgen serve` that need no browser: what a saved file affects, what a
rebuild stage reports, and the PDF page images."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import write_municipality
from PIL import Image
from pypdf import PdfReader

from docgen.paths import TEMPLATES
from docgen.serve.stages import full_stage, web_stage
from docgen.serve.workspace import SERVE_TEMPLATES, Workspace
from docgen.writers.png import page_images


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    data = tmp_path / "municipalities"
    data.mkdir()
    found = Workspace(data, tmp_path / "build", tmp_path / "previews")
    found.mark({"aas", "nora"})  # as after the first look at the data folder
    return found


def test_a_saved_file_affects_its_municipality(workspace: Workspace) -> None:
    data = workspace.data_dir.resolve()
    assert workspace.affected([data / "nora.yaml"]) == {"nora"}
    assert workspace.affected([data / "nora" / "logo.svg"]) == {"nora"}
    assert workspace.affected([data / "aas" / "templates" / "html" / "page.html"]) == {"aas"}
    # A new municipality's file is picked up too.
    assert workspace.affected([data / "lesja.yaml"]) == {"lesja"}


def test_a_template_affects_every_municipality_but_the_preview_s_own_do_not(workspace: Workspace) -> None:
    assert workspace.affected([TEMPLATES / "content" / "nb" / "poster.md"]) == {"aas", "nora"}
    assert workspace.affected([SERVE_TEMPLATES / "static" / "serve.css"]) == set()


def test_other_files_affect_nothing(workspace: Workspace, tmp_path: Path) -> None:
    data = workspace.data_dir.resolve()
    assert workspace.affected([data / ".nora.yaml.swp", data / "notes.txt", tmp_path / "elsewhere.yaml"]) == set()


def test_named_municipalities_are_the_only_ones_rebuilt(tmp_path: Path) -> None:
    data = tmp_path / "municipalities"
    data.mkdir()
    named = Workspace(data, tmp_path / "build", tmp_path / "previews", ["nora"])
    assert named.affected([data.resolve() / "nora.yaml", data.resolve() / "aas.yaml"]) == {"nora"}


def test_a_missing_file_is_reported_as_missing(tmp_path: Path) -> None:
    data = tmp_path / "municipalities"
    data.mkdir()
    outcome = web_stage(data, tmp_path / "previews", "gone")
    assert outcome.missing and not outcome.problems


def test_a_broken_file_is_reported_with_its_lines(tmp_path: Path, minimal) -> None:
    data = write_municipality(tmp_path / "municipalities", "prove", minimal["nb"])
    path = data / "prove.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("email:"))
    lines[number - 1] = "email: [postmottak"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    outcome = web_stage(data, tmp_path / "previews", "prove")
    assert outcome.problems and not outcome.previews
    problem = outcome.problems[0]
    assert problem.text.startswith(f"{path}:{problem.line}:")
    assert (number, "email: [postmottak") in problem.excerpt
    assert problem.line in dict(problem.excerpt)


def test_the_web_stage_renders_every_web_page_and_leaves_the_build_alone(tmp_path: Path, minimal) -> None:
    data = write_municipality(tmp_path / "municipalities", "prove", minimal["nb"])
    out, previews = tmp_path / "build", tmp_path / "previews"
    outcome = web_stage(data, previews, "prove")
    assert outcome.name == "Prøve kommune" and outcome.languages == ("nb",) and not outcome.failures
    assert not out.exists()
    pages = {page.stem: (previews / "prove" / page.path).read_text(encoding="utf-8") for page in outcome.previews}
    assert all(html.startswith("<!DOCTYPE html>") for stem, html in pages.items() if not stem.endswith("-fragment"))
    # Every document with a web page or a PDF: the forms and the A3 poster too, but not
    # the text-only intro of the house rules.
    assert sorted(page.kind for page in outcome.previews) == sorted(
        ["account-register", "activity-plan", "activity-plan", "house-rules", "house-rules", "poster", "poster", "strategy"]
    )
    assert "Kari Nordmann" in pages["vedlegg-1-aktivitetsplan-facebook-prove-kommune"]
    assert "husregler-intro" not in pages


def test_the_full_stage_builds_every_format_and_the_page_images(tmp_path: Path, minimal) -> None:
    data = write_municipality(tmp_path / "municipalities", "prove", minimal["nb"])
    out, previews = tmp_path / "build", tmp_path / "previews"
    assert full_stage(data, out, previews, "prove") == ()
    outputs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert {o["format"] for o in outputs} >= {"html", "pdf", "docx", "md", "txt", "png"}
    for pdf in (o for o in outputs if o["format"] == "pdf"):
        pages = len(PdfReader(out / pdf["path"]).pages)
        assert sorted(p.name for p in (previews / "pages" / pdf["sha256"]).iterdir()) == sorted(
            f"{n}.png" for n in range(1, pages + 1)
        )


def test_page_images_show_every_page_of_the_pdf(built) -> None:
    strategy = built.path(built.select(kind="strategy", format="pdf")[0])
    pdf = strategy.read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    images = page_images(pdf, dpi=30)
    assert len(images) == len(reader.pages) > 1
    width, height = (float(size) * 30 / 72 for size in reader.pages[0].mediabox.upper_right)
    first = Image.open(io.BytesIO(images[0]))
    assert first.format == "PNG" and first.size == (round(width), round(height))
