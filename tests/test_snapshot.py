"""Snapshots: a document's content as canonical JSON, read back unchanged, and changed
exactly when what the document says changes."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, write_municipality
from docgen import snapshot
from docgen.build import load_all, plan, assemble


def documents(data_dir: Path):
    entries, invalid = load_all(data_dir)
    assert not invalid
    return {job.targets[0].path: assemble(job) for job in plan(entries)}


def test_every_example_document_reads_back_as_it_was_written() -> None:
    for path, document in documents(EXAMPLES).items():
        again = snapshot.loads(snapshot.dumps(document))
        assert again.sections == document.sections, path
        assert again.meta == document.meta, path
        assert snapshot.dumps(again).count(b'"_type": "file"') == snapshot.dumps(document).count(b'"_type": "file"')


def test_the_same_document_gives_the_same_bytes_wherever_the_project_lies(tmp_path: Path, minimal) -> None:
    first = documents(write_municipality(tmp_path / "one", "prove", minimal["nb"]))
    second = documents(write_municipality(tmp_path / "two", "prove", minimal["nb"]))
    assert {p: snapshot.dumps(d) for p, d in first.items()} == {p: snapshot.dumps(d) for p, d in second.items()}


def test_a_changed_purpose_changes_exactly_the_documents_that_print_it(tmp_path: Path, minimal) -> None:
    before = documents(write_municipality(tmp_path / "before", "prove", minimal["nb"]))
    minimal["nb"]["accounts"][0]["purpose"] = "Beredskap og trafikk"
    after = documents(write_municipality(tmp_path / "after", "prove", minimal["nb"]))
    changed = {path for path in before if snapshot.digest(before[path]) != snapshot.digest(after[path])}
    assert changed, "a new purpose changed no document"
    for path in changed:
        assert "Beredskap og trafikk" in snapshot.dumps(after[path]).decode()
    unchanged = set(before) - changed
    assert any("plakat" in path for path in unchanged), "the poster does not print purposes, yet it changed"



def test_the_digest_tells_documents_apart_exactly_as_their_snapshots_do() -> None:
    """The digest is taken of the snapshot's JSON written compactly: two documents have
    the same digest when, and only when, their snapshot files are the same."""
    examples = list(documents(EXAMPLES).values())
    files = {snapshot.dumps(document) for document in examples}
    digests = {snapshot.digest(document) for document in examples}
    assert len(digests) == len(files) > 50
    pairs = {(snapshot.dumps(document), snapshot.digest(document)) for document in examples}
    assert len(pairs) == len(files)

OLD = Path(__file__).parent / "roots" / "snapshots-before-specs"  # written by docgen before PrintSpec and PasteSpec


def test_a_snapshot_from_before_the_print_and_paste_specs_reads_as_todays_document() -> None:
    """`docgen diff --since` an archived build folder reads the snapshots kept there."""
    today = documents(EXAMPLES)
    poster = snapshot.loads((OLD / "pass-pa-plakat-a3.snapshot.json").read_bytes())
    assert poster.meta.category == "poster"
    assert poster.print_spec == today["aas/nb/pass-pa-plakat-a3.pdf"].print_spec
    assert poster.print_spec.page_size == "A3" and poster.print_spec.fit_pages == 1
    intro = snapshot.loads((OLD / "husregler-intro.snapshot.json").read_bytes())
    assert intro.paste_spec.limits and intro.paste_spec == today["aas/nb/husregler-intro.txt"].paste_spec
