"""The strategy: every example municipality's strategy in each of its languages has its
title page, every section and its channel table; a municipality's omit / replace / add
shows in every format; clause text from the data never becomes markup; an unknown clause
id is reported at its line."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, Built, write_municipality
from markdown_it import MarkdownIt

from docgen import adoption as adopted
from docgen import content, document_type
from docgen.build import build
from docgen.context import placeholders
from docgen.errors import DataError
from docgen.kinds.account_register import public_accounts
from docgen.adoption import title_page_facts
from docgen.language import LANGUAGES
from docgen.load import Entry, load
from docgen.model import Adoption

# Issue 3: the strategy is published in these four formats, whatever else is registered.
STRATEGY_FORMATS = {"pdf", "docx", "html", "md"}

EXAMPLE_ENTRIES = {path.stem: load(path) for path in sorted(EXAMPLES.glob("*.yaml"))}
EXAMPLE_LANGUAGES = [(slug, language) for slug, entry in EXAMPLE_ENTRIES.items() for language in entry.municipality.all_languages]


# Reading what was written ----------------------------------------------------------


class _Page(HTMLParser):
    """The parts of an HTML page the tests look at: elements, link targets and text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)


def read_html(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def read_text(path: Path) -> str:
    """The words a reader sees in any format, with line breaks and hyphenation undone and
    Markdown escapes removed, so sentences can be found whole."""
    suffix = path.suffix
    if suffix == ".md":
        text = re.sub(r"\\(.)", r"\1", path.read_text(encoding="utf-8"))
    elif suffix == ".html":
        text = " ".join(read_html(path).text)
    elif suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        text = re.sub(r"(\w)[-\u00ad\u2010]\n(\w)", r"\1\2", text.replace("\u00ad", ""))
    elif suffix == ".docx":
        import docx

        document = docx.Document(io.BytesIO(path.read_bytes()))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        text = "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    else:
        raise AssertionError(f"no reader for {suffix}")
    return " ".join(text.split())


def first_sentence(clause_id: str, entry: Entry, language: str) -> str:
    """The first sentence of a default clause as the reader sees it, placeholders filled."""
    clause = next(c for c in content.clauses(language, "strategy") if c.id == clause_id)
    text = content.text_of(clause, placeholders(entry.municipality, language, "strategy"))
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def published(output: dict[str, Any]) -> bool:
    """Not the snapshot kept beside the files: it is docgen's record of the document."""
    return output["format"] != "snapshot"


def strategy_outputs(built: Built, slug: str, language: str) -> dict[str, Path]:
    found = [o for o in built.outputs if o["kind"] == "strategy" and o["municipality"] == slug and o["language"] == language]
    assert found, f"no strategy was built for {slug} in {language}; build failures: {built.failures}"
    return {output["format"]: built.path(output) for output in found if published(output)}


# Every example municipality, in each of its languages ---------------------------------


@pytest.mark.parametrize(("slug", "language"), EXAMPLE_LANGUAGES)
def test_strategy_is_written_in_every_format_it_is_published_in(built: Built, slug: str, language: str) -> None:
    paths = strategy_outputs(built, slug, language)
    assert set(paths) == STRATEGY_FORMATS
    assert all(path.stat().st_size > 1000 for path in paths.values())


@pytest.mark.parametrize(("slug", "language"), EXAMPLE_LANGUAGES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_section_title_and_the_municipality_are_there(built: Built, slug: str, language: str, fmt: str) -> None:
    text = read_text(strategy_outputs(built, slug, language)[fmt])
    omitted = set(EXAMPLE_ENTRIES[slug].municipality.content.get("strategy", content.ContentChoices()).omit)
    titles = [
        clause.text[2:].strip()
        for clause in content.clauses(language, "strategy")
        if clause.text.startswith("# ") and clause.id not in omitted
    ]
    assert len(titles) >= 15
    missing = [title for title in titles if title not in text]
    assert not missing, f"{slug} ({language}, {fmt}) lacks the sections {missing}"
    assert EXAMPLE_ENTRIES[slug].municipality.name in text


@pytest.mark.parametrize(("slug", "language"), EXAMPLE_LANGUAGES)
def test_html_has_one_h1_the_title_and_the_right_language(built: Built, slug: str, language: str) -> None:
    page = read_html(strategy_outputs(built, slug, language)["html"])
    assert page.count("h1") == 1
    html_attrs = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_attrs.get("lang") == language
    municipality = EXAMPLE_ENTRIES[slug].in_language(language).municipality
    title = content.text_of(content.clauses(language, "strategy")[0], document_type.self_references(municipality, language))
    assert title in " ".join(page.text)


@pytest.mark.parametrize(("slug", "language"), EXAMPLE_LANGUAGES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_title_page_gives_status_body_date_reference_and_version(built: Built, slug: str, language: str, fmt: str) -> None:
    text = read_text(strategy_outputs(built, slug, language)[fmt])
    adoption = EXAMPLE_ENTRIES[slug].municipality.adoption
    expected = [adopted.status(adoption, language), adoption.version]
    expected += [value for value in (adoption.body, adoption.case_reference) if value]
    expected += [adopted.in_words(date, language) for date in (adoption.date, adoption.revision_date) if date]
    missing = [value for value in expected if value not in text]
    assert not missing, f"{slug} ({language}, {fmt}): the title page lacks {missing}"


@pytest.mark.parametrize(("slug", "language"), EXAMPLE_LANGUAGES)
def test_channel_table_links_every_account(built: Built, slug: str, language: str) -> None:
    paths = strategy_outputs(built, slug, language)
    links = {attrs.get("href") for tag, attrs in read_html(paths["html"]).tags if tag == "a"}
    markdown = paths["md"].read_text(encoding="utf-8")
    for account in public_accounts(EXAMPLE_ENTRIES[slug].municipality.accounts):
        assert str(account.url) in links, f"{slug} ({language}): the HTML does not link {account.url}"
        assert f"(<{account.url}>)" in markdown, f"{slug} ({language}): the Markdown does not link {account.url}"


def squeezed(text: str) -> str:
    """Text without spaces and hyphens, so words broken across PDF lines still match."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", text)


@pytest.mark.parametrize(("slug", "language"), EXAMPLE_LANGUAGES)
def test_pdf_is_a4_titled_in_its_language_with_every_section_and_law(built: Built, slug: str, language: str) -> None:
    from pypdf import PdfReader

    path = strategy_outputs(built, slug, language)["pdf"]
    reader = PdfReader(path)
    municipality = EXAMPLE_ENTRIES[slug].municipality
    assert all(round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842 for page in reader.pages)
    assert municipality.name in (reader.metadata.title or "")
    assert reader.metadata.author == municipality.name
    assert reader.trailer["/Root"].get("/Lang") == language
    text = squeezed(read_text(path))
    omitted = set(municipality.content.get("strategy", content.ContentChoices()).omit)
    clauses = [clause for clause in content.clauses(language, "strategy") if clause.id not in omitted]
    titles = [clause.text[2:].strip() for clause in clauses if clause.text.startswith("# ")]
    laws = [
        line[2:].strip()
        for clause in clauses
        if clause.id == "strategy.references.laws"
        for line in clause.text.splitlines()
        if line.startswith("- ")
    ]
    assert len(laws) >= 5, "the references should list the laws in force"
    missing = [item for item in [municipality.name, *titles, *laws] if squeezed(item) not in text]
    assert not missing, f"{slug} ({language}): the PDF lacks {missing}"


@pytest.mark.parametrize(("slug", "language"), EXAMPLE_LANGUAGES)
def test_docx_puts_every_section_title_in_a_heading_style(built: Built, slug: str, language: str) -> None:
    import docx

    document = docx.Document(str(strategy_outputs(built, slug, language)["docx"]))
    headings = {p.text.strip() for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"}
    omitted = set(EXAMPLE_ENTRIES[slug].municipality.content.get("strategy", content.ContentChoices()).omit)
    titles = [
        clause.text[2:].strip()
        for clause in content.clauses(language, "strategy")
        if clause.text.startswith("# ") and clause.id not in omitted
    ]
    assert not [title for title in titles if title not in headings], f"headings found: {sorted(headings)}"


# Title-page facts -------------------------------------------------------------------


def test_facts_of_an_adopted_strategy_name_the_body_that_adopted_it() -> None:
    adoption = Adoption(
        status="adopted", body="kommunestyret", date=dt.date(2026, 3, 19), case_reference="26/112",
        version="2.0", revision_date=dt.date(2028, 3, 1),
    )
    assert title_page_facts(adoption, "nn") == (
        ("Status", "Vedteke"),
        ("Vedteke av", "kommunestyret"),
        ("Dato", "19. mars 2026"),
        ("Saksnummer", "26/112"),
        ("Versjon", "2.0"),
        ("Neste revisjon", "1. mars 2028"),
    )


def test_facts_of_a_draft_leave_lines_to_fill_in_for_what_the_data_does_not_give() -> None:
    blank = "_" * 20  # a line to write on, not the label looked up: an emptied label would pass that way
    adoption = Adoption(status="draft", body="formannskapet", date=dt.date(2026, 1, 15))
    assert title_page_facts(adoption, "nb") == (
        ("Status", "Utkast"),
        ("Skal behandles av", "formannskapet"),
        ("Dato", "15. januar 2026"),
        ("Saksnummer", blank),
        ("Versjon", "1.0"),
    )
    assert title_page_facts(Adoption(), "nb") == (
        ("Status", "Utkast"),
        ("Skal behandles av", blank),
        ("Dato", blank),
        ("Saksnummer", blank),
        ("Versjon", "1.0"),
    )


def test_a_minute_paragraph_is_labelled_as_a_paragraph() -> None:
    adoption = Adoption(status="adopted", body="kommunfullmäktige", date=dt.date(2014, 11, 12), case_reference="§ 145")
    facts = dict(title_page_facts(adoption, "sv"))
    assert facts["Paragraf"] == "§ 145"
    assert facts["Antagen av"] == "kommunfullmäktige"
    assert facts["Datum"] == "12 november 2014"


# The municipality's own choices, in every format ----------------------------------------

OWN_PLAN = "Vi har en egen plan for flom og ras."
OWN_TONE = "Vi tuller ikke med noe som er alvor."


def build_strategy(tmp_path: Path, data: dict[str, Any], slug: str) -> dict[str, Path]:
    """Build one tiny municipality's strategy; the paths of its files by format."""
    folder = write_municipality(tmp_path / "data", slug, data)
    report = build(folder, tmp_path / "out", kinds=["strategy"], workers=1)
    assert report.exit_code == 0, report.failures + [error.format_message() for error in report.invalid]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    return {o["format"]: tmp_path / "out" / o["path"] for o in manifest["outputs"] if o["kind"] == "strategy" and published(o)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_omitted_replaced_and_added_clauses_show_in_every_format(
    tmp_path: Path, minimal: dict[str, dict[str, Any]], language: str
) -> None:
    data = minimal[language]
    data["content"] = {
        "strategy": {
            "omit": ["strategy.crisis.website"],
            "replace": {"strategy.content.tone": OWN_TONE},
            "add": [{"after": "strategy.crisis.leadership", "id": "strategy.local.flood", "text": OWN_PLAN}],
        }
    }
    paths = build_strategy(tmp_path, data, f"prove-{language}")
    entry = load(tmp_path / "data" / f"prove-{language}.yaml")
    omitted = first_sentence("strategy.crisis.website", entry, language)
    replaced = first_sentence("strategy.content.tone", entry, language)
    anchor = first_sentence("strategy.crisis.leadership", entry, language)
    following = first_sentence("strategy.crisis.who-speaks", entry, language)
    assert set(paths) == STRATEGY_FORMATS
    for fmt, path in paths.items():
        text = read_text(path)
        assert omitted not in text, f"{fmt}: the omitted clause is still there"
        assert replaced not in text and OWN_TONE in text, f"{fmt}: the replaced clause does not show its new text"
        assert anchor in text and following in text, f"{fmt}: the clauses around the added one are missing"
        assert text.index(anchor) < text.index(OWN_PLAN) < text.index(following), (
            f"{fmt}: the added clause does not follow its anchor"
        )


HOSTILE = (
    '<script>alert("x")</script> Se <b onclick="steal()">her</b>, '
    "[klikk](javascript:alert(1)), <javascript:alert(2)> og [data](data:text/html,hei).\n\n"
    "<div>blokk</div>"
)


def test_clause_text_from_the_data_never_becomes_markup(tmp_path: Path, minimal: dict[str, dict[str, Any]]) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"replace": {"strategy.content.tone": HOSTILE}}}
    paths = build_strategy(tmp_path, data, "prove-nb")

    page = read_html(paths["html"])
    assert page.count("script") == page.count("b") == 0
    assert not [attrs for _, attrs in page.tags if "onclick" in attrs]
    hrefs = [attrs.get("href") or "" for tag, attrs in page.tags if tag == "a"]
    assert not [href for href in hrefs if href.lower().startswith(("javascript:", "data:"))]
    assert '<script>alert("x")</script>' in " ".join(page.text), "the text should show, escaped"

    tokens = MarkdownIt("commonmark").enable("table").parse(paths["md"].read_text(encoding="utf-8"))
    inline = [child for token in tokens for child in (token.children or [])]
    assert not [t for t in tokens + inline if t.type in ("html_block", "html_inline")]
    links = [str(t.attrs.get("href", "")) for t in inline if t.type == "link_open"]
    assert not [href for href in links if href.lower().startswith(("javascript:", "data:"))]


# Validation ---------------------------------------------------------------------------


def test_an_unknown_clause_id_is_reported_at_its_line(tmp_path: Path, minimal: dict[str, dict[str, Any]]) -> None:
    data = minimal["nb"]
    data["content"] = {"strategy": {"omit": ["strategy.crisis.website", "strategy.crisis.nonsense"]}}
    path = write_municipality(tmp_path, "prove", data) / "prove.yaml"
    line = next(number for number, text in enumerate(path.read_text().splitlines(), start=1) if "strategy.crisis.nonsense" in text)
    with pytest.raises(DataError) as raised:
        load(path)
    problems = raised.value.problems
    assert [(p.line, p.field) for p in problems] == [(line, "content.strategy.omit[1]")]
    assert "strategy.crisis.nonsense" in problems[0].message
