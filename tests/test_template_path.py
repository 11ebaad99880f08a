"""A municipality's own templates under municipalities/<slug>/templates/ replace docgen's
at the same relative path: an HTML layout, a CSS file, a Word template, a clause file.
Each test builds with one and finds its effect in what was written."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner
from conftest import write_municipality

from docgen.cli import main
from docgen.paths import TEMPLATES


def build(data: Path, out: Path, fmt: str, kind: str = "strategy") -> None:
    result = CliRunner().invoke(
        main, ["build", "--kind", kind, "--lang", "nb", "--format", fmt, "--data", str(data), "--out", str(out), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output


def own_template(data: Path, slug: str, relative: str, text: str | None = None) -> Path:
    """Put `text` (default: docgen's own template) at `relative` in the municipality's folder."""
    path = data / slug / "templates" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else (TEMPLATES / relative).read_text(encoding="utf-8"), encoding="utf-8")
    return path


def two_municipalities(tmp_path: Path, minimal: dict[str, dict[str, Any]]) -> Path:
    """'prove' that will have its own templates and 'andre' that keeps docgen's."""
    data = write_municipality(tmp_path / "data", "prove", minimal["nb"])
    return write_municipality(data, "andre", {**minimal["nb"], "name": "Andre kommune"})


def written(out: Path, slug: str, suffix: str) -> str:
    (path,) = (out / slug / "nb").glob(f"*{suffix}")
    return path.read_text(encoding="utf-8")


def test_an_html_layout_of_its_own_is_used_for_that_municipality_only(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    layout = (TEMPLATES / "html" / "report.html").read_text(encoding="utf-8")
    assert '<main id="main"' in layout
    own_template(data, "prove", "html/report.html", layout.replace('<main id="main"', '<p class="draft-banner">Til høring</p>\n<main id="main"'))
    build(data, tmp_path / "out", "html")
    assert '<p class="draft-banner">Til høring</p>' in written(tmp_path / "out", "prove", ".html")
    assert "draft-banner" not in written(tmp_path / "out", "andre", ".html")


def test_a_css_file_of_its_own_replaces_docgens_in_every_layout_that_includes_it(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    css = (TEMPLATES / "html" / "css" / "base.css").read_text(encoding="utf-8")
    own_template(data, "prove", "html/css/base.css", css + "\nh1 { letter-spacing: 0.123em; }\n")
    out = tmp_path / "out"
    build(data, out, "html")
    build(data, out, "html", kind="house-rules")
    # Every full page (the strategy, the house rules) includes base.css; a fragment for a CMS does not.
    pages = [text for path in (out / "prove" / "nb").glob("*.html") if "<html" in (text := path.read_text(encoding="utf-8"))]
    assert len(pages) == 2 and all("letter-spacing: 0.123em" in page for page in pages)
    assert not any("0.123em" in path.read_text(encoding="utf-8") for path in (out / "andre" / "nb").glob("*.html"))


def test_a_word_template_restyled_in_word_styles_the_municipalitys_docx(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    template = docx.Document(str(TEMPLATES / "docx" / "strategy.docx"))
    assert template.styles["Normal"].font.name != "Georgia"
    template.styles["Normal"].font.name = "Georgia"
    target = data / "prove" / "templates" / "docx" / "strategy.docx"
    target.parent.mkdir(parents=True)
    template.save(str(target))
    out = tmp_path / "out"
    build(data, out, "docx")
    (own,) = (out / "prove" / "nb").glob("*.docx")
    (other,) = (out / "andre" / "nb").glob("*.docx")
    assert docx.Document(str(own)).styles["Normal"].font.name == "Georgia"
    assert docx.Document(str(other)).styles["Normal"].font.name != "Georgia"


def test_a_clause_file_of_its_own_gives_the_text(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    default = "{This_document} gjelder for {applies_to}."
    library = (TEMPLATES / "content" / "nb" / "strategy.md").read_text(encoding="utf-8")
    assert default in library
    own_template(data, "prove", "content/nb/strategy.md", library.replace(default, "Strategien gjelder for alle ansatte i {municipality}."))
    build(data, tmp_path / "out", "md")
    own = written(tmp_path / "out", "prove", ".md")
    assert "Strategien gjelder for alle ansatte i Prøve kommune." in own
    assert "alle som jobber i" not in own
    assert "Denne strategien gjelder for alle som jobber i Andre kommune." in written(tmp_path / "out", "andre", ".md")


def test_editing_a_template_of_its_own_rebuilds_what_it_styles(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    css = (TEMPLATES / "html" / "css" / "base.css").read_text(encoding="utf-8")
    path = own_template(data, "prove", "html/css/base.css", css + "\nh1 { letter-spacing: 0.1em; }\n")
    out = tmp_path / "out"
    build(data, out, "html")
    other = next((out / "andre" / "nb").glob("*.html"))
    before = other.stat().st_mtime_ns
    path.write_text(css + "\nh1 { letter-spacing: 0.2em; }\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)  # a later time, however coarse the clock
    build(data, out, "html")
    assert "letter-spacing: 0.2em" in written(out, "prove", ".html")
    assert other.stat().st_mtime_ns == before  # the other municipality is current, not written again


def validate(data: Path, slug: str = "prove") -> Any:
    return CliRunner().invoke(main, ["validate", slug, "--data", str(data)])


def test_a_file_that_replaces_no_template_is_a_warning_naming_the_closest(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    own_template(data, "prove", "html/css/bse.css", "h1 { color: red; }\n")
    result = validate(data)
    assert result.exit_code == 0, result.output
    assert "html/css/bse.css replaces none of docgen's; did you mean html/css/base.css?" in result.output


def test_a_clause_file_of_its_own_with_broken_markers_is_an_error(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    own_template(data, "prove", "content/nb/strategy.md", "Tekst uten klausul-id.\n")
    result = validate(data)
    assert result.exit_code == 2, result.output
    assert "strategy.md:1: text before the first clause id" in result.output


def test_a_template_that_leads_outside_the_folder_is_an_error(tmp_path, minimal):
    data = two_municipalities(tmp_path, minimal)
    outside = tmp_path / "elsewhere.css"
    outside.write_text("h1 { color: red; }\n", encoding="utf-8")
    link = data / "prove" / "templates" / "html" / "css" / "base.css"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    result = validate(data)
    assert result.exit_code == 2, result.output
    assert "leads outside the folder" in result.output
