"""The build pipeline: the examples build, the manifest lists every output as DESIGN.md
fixes it, writes are atomic, unchanged targets are skipped, output is reproducible, and
bad data or a failing document stops the build when asked to."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, Built, write_municipality
from docgen import build as pipeline
from docgen.build import MANIFEST, build, write_atomically
from docgen.build_state import STATE
from docgen.cli import main
from docgen.kinds.account_register import public_accounts
from docgen.load import load

REGISTER = {"kind": "account-register"}
EXAMPLE_LANGUAGES = [("aas", "nb"), ("rakkestad", "nb"), ("nora", "sv"), ("dome", "nn"), ("dome", "nb")]
MANIFEST_KEYS = {"municipality", "kind", "language", "format", "path", "sha256", "account", "variant"}


def copy_examples(folder: Path, *slugs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for slug in slugs:
        shutil.copy(EXAMPLES / f"{slug}.yaml", folder / f"{slug}.yaml")
        shutil.copytree(EXAMPLES / slug, folder / slug)
    return folder


def small_build(data: Path, out: Path, *slugs: str, **options):
    """Just the account register as Markdown and HTML: the cheapest real documents."""
    return build(data, out, slugs, kinds=["account-register"], formats=["md", "html"], workers=1, **options)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def mtimes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


# --- the examples, built once for the whole test run ----------------------------------------


@pytest.mark.parametrize("slug, language", EXAMPLE_LANGUAGES)
def test_examples_have_an_account_register_in_html_and_markdown(built: Built, slug: str, language: str):
    assert not [f for f in built.failures if "account-register" in f or slug in f.split(":")[0]], built.failures
    municipality = load(EXAMPLES / f"{slug}.yaml").municipality
    html = built.path(built.select(municipality=slug, language=language, format="html", **REGISTER)[0])
    markdown = built.path(built.select(municipality=slug, language=language, format="md", **REGISTER)[0])
    page, text = html.read_text(encoding="utf-8"), markdown.read_text(encoding="utf-8")
    assert f'lang="{language}"' in page and "<table" in page
    for account in public_accounts(municipality.accounts):
        assert f'href="{account.url}"' in page
        assert account.name in text and str(account.url) in text
    assert html.parent == built.root / slug / language


def test_manifest_lists_every_output_with_the_fixed_keys(built: Built):
    assert built.outputs
    for output in built.outputs:
        assert MANIFEST_KEYS <= set(output), output
        path = built.path(output)
        assert not Path(output["path"]).is_absolute() and ".." not in Path(output["path"]).parts
        assert output["path"] == f"{output['municipality']}/{output['language']}/{path.name}"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == output["sha256"]
        assert path.suffix == "." + {"md": "md", "html": "html", "pdf": "pdf", "docx": "docx", "txt": "txt", "png": "png",
                                    "snapshot": "json", "csv": "csv", "xlsx": "xlsx", "ics": "ics"}[output["format"]]
    registers = built.select(format="html", **REGISTER)
    assert {(o["municipality"], o["language"]) for o in registers} == set(EXAMPLE_LANGUAGES)
    assert all(o["account"] is None for o in registers)


# --- atomic writes ----------------------------------------------------------------------


def test_a_build_leaves_no_temporary_files(tmp_path: Path):
    small_build(EXAMPLES, tmp_path, "nora", "dome")
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "dome" / "nn" / "side.html"
    write_atomically(target, b"old")

    def broken_rename(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_rename)
    with pytest.raises(OSError):
        write_atomically(target, b"new and longer")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["side.html"]


# --- incremental builds --------------------------------------------------------------------


def test_a_second_build_rewrites_nothing(tmp_path: Path):
    first = small_build(EXAMPLES, tmp_path, "rakkestad", "nora")
    assert len(first.written) == 6 and not first.unchanged  # html, md and the snapshot, twice
    before = mtimes(tmp_path)
    outputs = {k: v for k, v in before.items() if not k.startswith(".") and k != MANIFEST}
    second = small_build(EXAMPLES, tmp_path, "rakkestad", "nora")
    assert second.written == [] and len(second.unchanged) == 6
    after = mtimes(tmp_path)
    assert {k: after[k] for k in outputs} == outputs


def test_changing_one_file_rebuilds_that_municipality_only(tmp_path: Path):
    data = copy_examples(tmp_path / "data", "rakkestad", "nora")
    out = tmp_path / "out"
    small_build(data, out)
    nora_before = {k: v for k, v in mtimes(out).items() if k.startswith("nora/")}
    text = (data / "rakkestad.yaml").read_text(encoding="utf-8")
    (data / "rakkestad.yaml").write_text(text.replace("Program og nyheter fra kinoen", "Hva går på kino"), encoding="utf-8")
    report = small_build(data, out)
    assert {t.municipality for t in report.written} == {"rakkestad"} and len(report.written) == 3
    assert {t.municipality for t in report.unchanged} == {"nora"}
    assert {k: v for k, v in mtimes(out).items() if k.startswith("nora/")} == nora_before
    assert "Hva går på kino" in (out / "rakkestad" / "nb" / "kontoer-i-sosiale-medier.md").read_text(encoding="utf-8")


def readable_text(path: Path) -> str:
    """The words of an output file (a Word file's text without its XML)."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return re.sub(r"<[^>]+>", "", package.read("word/document.xml").decode("utf-8"))
    return path.read_text(encoding="utf-8")


def test_an_edit_renders_only_the_documents_that_show_it(tmp_path: Path):
    data = copy_examples(tmp_path / "data", "nora")
    out = tmp_path / "out"
    formats = ["docx", "html", "md", "txt"]
    first = build(data, out, ["nora"], formats=formats, workers=1)
    source = data / "nora.yaml"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    first_phone = next(n for n, line in enumerate(lines) if "phone: 0587-810 10" in line)  # one administrator's
    lines[first_phone] = lines[first_phone].replace("0587-810 10", "0587-810 99")
    source.write_text("".join(lines), encoding="utf-8")
    second = build(data, out, ["nora"], formats=formats, workers=1)

    def document(target) -> str:
        return target.path.rsplit(".", 1)[0]

    showing = {document(target) for target in first.written if "0587-810 99" in readable_text(out / target.path)}
    assert any("aktivitetsplan-facebook-nora-kommun" in name for name in showing)
    assert {document(target) for target in second.written} == showing
    assert len(second.unchanged) > len(second.written)  # the strategy, the house rules, the other accounts


def test_an_edit_that_changes_no_document_writes_nothing(tmp_path: Path):
    data = copy_examples(tmp_path / "data", "nora")
    out = tmp_path / "out"
    small_build(data, out)
    before = mtimes(out)
    source = data / "nora.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "# a comment changes no document\n", encoding="utf-8")
    report = small_build(data, out)
    assert report.written == [] and len(report.unchanged) == 3  # html, md and the snapshot
    assert mtimes(out) == before  # not even the manifest


def test_a_build_with_nothing_changed_assembles_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    small_build(EXAMPLES, tmp_path, "nora")

    def refuse(job):
        raise AssertionError(f"assembled {job.kind} although nothing changed")

    monkeypatch.setattr(pipeline, "assemble", refuse)
    report = small_build(EXAMPLES, tmp_path, "nora")
    assert report.written == [] and len(report.unchanged) == 3 and report.failures == []


def test_a_changed_output_file_is_rebuilt(tmp_path: Path):
    small_build(EXAMPLES, tmp_path, "nora")
    page = tmp_path / "nora" / "sv" / "konton-i-sociala-medier.md"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    report = small_build(EXAMPLES, tmp_path, "nora")
    # The job (one document in all its formats) is redone; the hand-edited file is restored.
    assert "nora/sv/konton-i-sociala-medier.md" in [t.path for t in report.written]
    assert page.read_bytes() == original


# --- reproducible output ------------------------------------------------------------------


def test_two_builds_into_different_folders_are_byte_identical(tmp_path: Path):
    slugs = ("aas", "rakkestad", "nora", "dome")
    small_build(EXAMPLES, tmp_path / "one", *slugs)
    small_build(EXAMPLES, tmp_path / "two", *slugs)
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    del one[STATE], two[STATE]  # docgen's own record, with each file's time of writing
    assert one.keys() == two.keys() and len(one) >= 11
    assert [name for name in one if one[name] != two[name]] == []


# --- bad data and failures ------------------------------------------------------------------


def test_bad_data_skips_that_municipality_and_exits_2(tmp_path: Path, minimal):
    data = copy_examples(tmp_path / "data", "nora")
    minimal["nb"]["accounts"][0]["url"] = "facebook"
    write_municipality(data, "brokkoli", minimal["nb"])
    report = small_build(data, tmp_path / "out")
    assert report.exit_code == 2
    assert [e.problems[0].field for e in report.invalid] == ["accounts[0].url"]
    assert {t.municipality for t in report.written} == {"nora"}
    assert not (tmp_path / "out" / "brokkoli").exists()


def test_fail_fast_stops_before_building_when_data_is_bad(tmp_path: Path, minimal):
    data = copy_examples(tmp_path / "data", "nora")
    minimal["nb"]["accounts"][0]["url"] = "facebook"
    write_municipality(data, "brokkoli", minimal["nb"])
    result = CliRunner().invoke(
        main, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--kind", "account-register", "--fail-fast"]
    )
    assert result.exit_code == 2, result.output
    assert "brokkoli.yaml:" in result.output and "accounts[0].url" in result.output
    assert not (tmp_path / "out" / "nora").exists()


@pytest.fixture
def failing_markdown(monkeypatch: pytest.MonkeyPatch):
    """The Markdown writer fails for every document (builds here run in this process)."""
    from docgen.errors import RenderError
    from docgen.writers import WRITERS

    def fail(document):
        raise RenderError(f"cannot write {document.meta.title}")

    monkeypatch.setattr(WRITERS["md"], "render", fail)


def test_a_failing_document_does_not_stop_the_others(tmp_path: Path, failing_markdown):
    report = small_build(EXAMPLES, tmp_path, "rakkestad", "nora")
    assert report.exit_code == 1 and len(report.failures) == 2  # one per municipality: a job is all formats
    assert all("cannot write" in failure for failure in report.failures)
    assert {t.municipality for t in report.written} == set()


def test_fail_fast_stops_at_the_first_failing_document(tmp_path: Path, failing_markdown):
    result = CliRunner().invoke(
        main,
        ["build", "rakkestad", "nora", "--data", str(EXAMPLES), "--out", str(tmp_path), "--kind", "account-register",
         "--format", "md", "--jobs", "1", "--fail-fast"],
    )
    assert result.exit_code == 1, result.output
    assert result.output.count("cannot write") == 1
    assert "1 failed" in result.output


def test_report_exit_codes():
    report = pipeline.Report()
    assert report.exit_code == 0
    report.failures.append("x")
    assert report.exit_code == 1
    report.invalid.append(object())  # type: ignore[arg-type]
    assert report.exit_code == 2


def test_manifest_of_a_small_build(tmp_path: Path):
    small_build(EXAMPLES, tmp_path, "dome")
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    paths = sorted(o["path"] for o in manifest["outputs"])
    assert paths == [
        "dome/nb/kontoer-i-sosiale-medier.html",
        "dome/nb/kontoer-i-sosiale-medier.md",
        "dome/nb/kontoer-i-sosiale-medier.snapshot.json",
        "dome/nn/kontoar-i-sosiale-medium.html",
        "dome/nn/kontoar-i-sosiale-medium.md",
        "dome/nn/kontoar-i-sosiale-medium.snapshot.json",
    ]


def test_written_files_get_ordinary_permissions(tmp_path: Path):
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "shared.txt", b"for everyone to read")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "shared.txt").stat().st_mode) == 0o644
