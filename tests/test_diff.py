"""`docgen diff`: a copy of an example with one clause changed, one added, one removed
and one value edited; the diff finds exactly those, the DOCX redline's tracked changes
give the new text when accepted and the old when rejected, and real clients open it."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from clients import soffice_to_pdf
from lxml import html as lxml_html
from tracked_changes import W, changes, text_after

from docgen import snapshot
from docgen.build import assemble, build, load_all, plan
from docgen.cli import main
from docgen.diff.compare import compare
from docgen.diff.redline import redline_docx, redline_html
from docgen.diff.words import summary
from docgen.document import Deleted, Inserted, Paragraph, Section, Text
from docgen.paths import PROJECT
from docgen.writers.docx import DocxWriter

EXAMPLES = PROJECT / "municipalities"
STEM = "strategi-for-sosiale-medier"
EDITS = """content:
  strategy:
    omit: [strategy.private-use.contact]
    replace:
      strategy.crisis.website: Ved en krise er nettsiden vår den viktigste kanalen for fakta og råd.
    add:
      - after: strategy.channels.kinds
        id: strategy.channels.library
        text: Biblioteket har en egen konto på Instagram.
"""


def _copy_example(folder: Path, slug: str = "aas") -> Path:
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / f"{slug}.yaml", folder / f"{slug}.yaml")
    if (EXAMPLES / slug).is_dir():
        shutil.copytree(EXAMPLES / slug, folder / slug)
    return folder / f"{slug}.yaml"


def _edit(data_file: Path) -> None:
    """One value changed (answer hours), one clause replaced, one added, one omitted."""
    text = data_file.read_text(encoding="utf-8")
    assert 'answer_to: "15.30"' in text and "\ncontent:" not in text
    data_file.write_text(text.replace('answer_to: "15.30"', 'answer_to: "16.00"') + EDITS, encoding="utf-8")


@pytest.fixture(scope="module")
def revised(tmp_path_factory) -> Path:
    """A project folder: data/ (Ås, edited) and old/ (Ås built before the edits)."""
    root = tmp_path_factory.mktemp("revised")
    data_file = _copy_example(root / "data")
    report = build(root / "data", root / "old", kinds=["strategy"], formats=["md"], workers=1)
    assert not report.failures and not report.invalid
    _edit(data_file)
    return root


def _documents(root: Path):
    entries, invalid = load_all(root / "data", ["aas"])
    assert not invalid
    job = plan(entries, ["strategy"])[0]
    old = snapshot.loads((root / "old" / "aas" / "nb" / f"{STEM}{snapshot.SUFFIX}").read_bytes())
    return old, assemble(job)


def test_every_build_keeps_each_documents_snapshot(revised):
    manifest = json.loads((revised / "old" / "manifest.json").read_text())
    kept = [o for o in manifest["outputs"] if o["format"] == "snapshot"]
    assert [o["path"] for o in kept] == [f"aas/nb/{STEM}.snapshot.json"]
    entries, _ = load_all(EXAMPLES, ["aas"])
    original = assemble(plan(entries, ["strategy"])[0])
    # The logo and fonts are kept by name and checksum, so the copy's snapshot is the original's.
    assert (revised / "old" / kept[0]["path"]).read_bytes() == snapshot.dumps(original)


def test_the_diff_finds_exactly_the_changes(revised):
    comparison = compare(*_documents(revised))
    found = {(s.merged.id, b.status) for s in comparison.changes for b in s.blocks}
    assert found == {
        ("strategy.channels", "added"),  # the library clause
        ("strategy.summary", "changed"),  # the answer hours, in the summary …
        ("strategy.answering", "changed"),  # … and where answering is described
        ("strategy.crisis", "removed"),  # the replaced clause: old text out …
        ("strategy.crisis", "added"),  # … new text in
        ("strategy.private-use", "removed"),  # the omitted clause
    }
    assert not any(s.moved for s in comparison.sections)
    assert summary(comparison, "nb") == "5 avsnitt endret"


def test_a_changed_value_shows_as_words_struck_and_inserted(revised):
    comparison = compare(*_documents(revised))
    answering = next(s for s in comparison.sections if s.merged.id == "strategy.answering")
    marked = [node for block in answering.merged.blocks if isinstance(block, Paragraph) for node in block.content
              if isinstance(node, (Inserted, Deleted))]
    assert marked == [Deleted((Text("08.00–15.30 "),)), Inserted((Text("08.00–16.00 "),))]


def test_sections_added_removed_and_moved_are_matched_by_clause_id():
    entries, _ = load_all(EXAMPLES, ["nora"])
    old = assemble(plan(entries, ["strategy"], ["sv"])[0])
    sections = list(old.sections)
    gone = sections.pop(3)
    sections.insert(5, sections.pop(7))  # moved
    sections.append(Section("strategy.local.new", None, (Paragraph((Text("Ny text."),)),)))
    sections[1] = dataclasses.replace(sections[1], blocks=sections[1].blocks[1:])  # changed
    comparison = compare(old, dataclasses.replace(old, sections=tuple(sections)))
    assert [(s.merged.id, s.status) for s in comparison.changes if s.status] == [
        (old.sections[1].id, "changed"), (gone.id, "removed"), ("strategy.local.new", "added")]
    assert [s.merged.id for s in comparison.sections if s.moved] == [old.sections[8].id]
    assert summary(comparison, "sv") == "1 avsnitt ändrat, 1 nytt, 1 borttaget, 1 flyttat"
    # The removed section stays where it was, so the redline reads in order.
    assert [s.id for s in comparison.redline.sections].index(gone.id) == 3


@pytest.mark.parametrize(
    ("language", "counts", "expected"),
    [
        ("nb", (3, 1, 1), "3 avsnitt endret, 1 nytt, 1 fjernet"),
        ("nb", (0, 2, 0), "2 nye avsnitt"),
        ("nn", (1, 0, 2), "1 avsnitt endra, 2 fjerna"),
        ("sv", (2, 2, 2), "2 avsnitt ändrade, 2 nya, 2 borttagna"),
        ("sv", (0, 0, 0), "Inga ändringar"),
        ("nn", (0, 0, 0), "Ingen endringar"),
    ],
)
def test_the_summary_counts_in_each_language(language, counts, expected):
    def section(number: int, words: str) -> Section:
        return Section(f"s.{number}", None, (Paragraph((Text(words),)),))

    changed, added, removed = counts
    old = [section(n, "gammel tekst") for n in range(changed)] + [section(100 + n, "borte") for n in range(removed)]
    new = [section(n, "ny tekst") for n in range(changed)] + [section(200 + n, "ny") for n in range(added)]
    entries, _ = load_all(EXAMPLES, ["aas"])
    base = assemble(plan(entries, ["strategy"])[0])
    comparison = compare(dataclasses.replace(base, sections=tuple(old)), dataclasses.replace(base, sections=tuple(new)))
    assert summary(comparison, language) == expected


def test_accepting_all_tracked_changes_gives_the_new_text_and_rejecting_the_old(revised):
    old, new = _documents(revised)
    redline = redline_docx(compare(old, new))
    assert text_after(redline, "accept") == text_after(DocxWriter().render(new), "accept")
    old_logo = dataclasses.replace(old, profile=new.profile)  # the snapshot keeps the logo by name only
    assert text_after(redline, "reject") == text_after(DocxWriter().render(old_logo), "accept")
    inserted, deleted = changes(redline, "ins"), changes(redline, "del")
    assert inserted and deleted
    for change in inserted + deleted:
        assert change.get(f"{{{W}}}author") == "docgen"
        assert change.get(f"{{{W}}}date") == f"{new.meta.date.isoformat()}T00:00:00Z"
    assert redline == redline_docx(compare(old, new)), "the same comparison gives the same bytes"


@pytest.mark.client
def test_libreoffice_opens_and_converts_the_docx_redline(revised, libreoffice, tmp_path):
    path = tmp_path / "redline.docx"
    path.write_bytes(redline_docx(compare(*_documents(revised))))
    pdf = soffice_to_pdf([path], tmp_path)[path]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # LibreOffice shows tracked changes: both the old and the new hours are on the page.
    assert "15.30" in text and "16.00" in text and "Biblioteket har en egen konto" in text


@pytest.mark.client
def test_html_redline_marks_changes_links_them_and_passes_axe(revised, axe, tmp_path):
    from clients import format_violations

    comparison = compare(*_documents(revised))
    page = tmp_path / "redline.html"
    page.write_bytes(redline_html(comparison))
    tree = lxml_html.fromstring(page.read_bytes())
    assert [e.text_content() for e in tree.iter("del")][:1] == ["08.00–15.30 "]
    assert "08.00–16.00 " in [e.text_content() for e in tree.iter("ins")]
    assert "5 avsnitt endret." in tree.text_content()
    links = [a.get("href") for a in tree.xpath("//section//li/a | //li/a") if a.get("href", "").startswith("#")]
    anchors = {s.merged.heading.anchor for s in comparison.changes if s.merged.heading}
    assert set(link[1:] for link in links) >= anchors
    for anchor in anchors:
        assert tree.get_element_by_id(anchor) is not None
    assert not (violations := axe(page)), format_violations(violations)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_writes_the_redline_and_change_list_and_lists_them(revised, tmp_path):
    out = tmp_path / "out"
    result = run("diff", "aas", "--since", str(revised / "old"), "--data", str(revised / "data"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"aas/nb/{STEM}: 5 avsnitt endret" in result.output
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]
    assert sorted(o["format"] for o in manifest) == ["docx", "html", "md", "txt"]
    assert all(o["variant"] == "changes" and o["kind"] == "strategy" for o in manifest)
    listing = (out / "aas" / "nb" / f"{STEM}-endringer.md").read_text(encoding="utf-8")
    assert "## Svar og moderering – endret" in listing
    assert "Nå: «Vi svarer alltid" in listing and "08.00–16.00" in listing
    assert "- Ny tekst: «Biblioteket har en egen konto på Instagram.»" in listing
    text = (out / "aas" / "nb" / f"{STEM}-endringer.txt").read_text(encoding="utf-8")
    assert "Krisekommunikasjon – endret\n---" in text and "Fjernet tekst: «" in text


def test_an_unchanged_document_reports_no_changes(tmp_path):
    data_file = _copy_example(tmp_path / "data", "nora")
    out = tmp_path / "out"
    result = run("diff", "nora", "--since", str(data_file), "--data", str(tmp_path / "data"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "nora/sv/policy-for-sociala-medier: Inga ändringar" in result.output
    assert not (out / "nora").exists()


def test_since_a_git_revision_of_the_data_folder(tmp_path):
    data_file = _copy_example(tmp_path / "data", "aas")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "adopted")
    _edit(data_file)
    result = run("diff", "aas", "--since", "HEAD", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "5 avsnitt endret" in result.output
    assert "aas.yaml @ HEAD" in (tmp_path / "out" / "aas" / "nb" / f"{STEM}-endringer.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("since", ["no-such-revision", "missing/folder/"])
def test_a_bad_reference_is_a_clear_error(since, tmp_path):
    _copy_example(tmp_path / "data", "aas")
    result = run("diff", "aas", "--since", since, "--data", str(tmp_path / "data"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "--since" in result.output and since in result.output
    assert not (tmp_path / "out").exists()


def test_a_build_folder_without_the_municipality_is_a_clear_error(revised, tmp_path):
    _copy_example(tmp_path / "data", "nora")
    result = run("diff", "nora", "--since", str(revised / "old"), "--data", str(tmp_path / "data"))
    assert result.exit_code == 2
    assert "has no documents of 'nora'" in result.output


@pytest.mark.parametrize("slug", ["aas", "dome", "nora", "rakkestad"])
def test_every_kind_and_language_can_be_compared(slug):
    """Each document against itself is unchanged; against nothing, all of it is new,
    and the redline writers handle every block a kind uses (forms, signatures, tables)."""
    entries, _ = load_all(EXAMPLES, [slug])
    seen = set()
    for job in plan(entries):
        if (job.kind, job.language) in seen:
            continue
        seen.add((job.kind, job.language))
        document = assemble(job)
        assert compare(document, document).unchanged
        everything = compare(dataclasses.replace(document, sections=()), document)
        assert everything.count("added") == len(document.sections)
        assert b"<ins>" in redline_html(everything)
        assert changes(redline_docx(everything), "ins")
    assert {kind for kind, _ in seen} >= {"strategy", "activity-plan", "poster", "house-rules", "account-register"}


@pytest.mark.client
def test_the_html_redline_of_every_kind_passes_axe(axe, tmp_path):
    """Every layout (report, form, poster, page, fragment) with text both struck and inserted."""
    from clients import format_violations

    entries, _ = load_all(EXAMPLES, ["dome"])
    pages = []
    for job in plan(entries, languages=["nn"]):
        new = assemble(job)
        first, *rest = new.sections
        old = dataclasses.replace(new, sections=(*rest, Section("old.only", None, (Paragraph((Text("Gammal tekst."),)),))))
        page = tmp_path / f"{job.output.stem}.html"
        page.write_bytes(redline_html(compare(old, new)))
        pages.append(page)
    assert len(pages) >= 5
    for page in pages:
        assert not (violations := axe(page)), f"{page.name}\n{format_violations(violations)}"


def test_changed_title_page_facts_are_listed_apart_from_the_sections(tmp_path):
    data_file = _copy_example(tmp_path / "data", "aas")
    _copy_example(tmp_path / "before", "aas")
    text = data_file.read_text(encoding="utf-8")
    data_file.write_text(text.replace('version: "2.0"', 'version: "2.1"'), encoding="utf-8")
    out = tmp_path / "out"
    result = run("diff", "aas", "--since", str(tmp_path / "before" / "aas.yaml"), "--data", str(tmp_path / "data"),
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"aas/nb/{STEM}: Forsiden endret" in result.output
    listing = (out / "aas" / "nb" / f"{STEM}-endringer.md").read_text(encoding="utf-8")
    assert "## Forsiden – endret" in listing
    assert "  - Før: «Versjon: 2.0»\n  - Nå: «Versjon: 2.1»" in listing
    assert "## " not in listing.split("## Forsiden", 1)[1], "no section is listed as changed"
