"""The `docgen` command: every subcommand through click's CliRunner, and once as a real
process. Usage mistakes and bad data exit 2 with a clean message, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo
from ruamel.yaml import YAML

from conftest import EXAMPLES, write_municipality
from docgen import starter
from docgen.cli import main
from docgen.kinds import KINDS
from docgen.load import load
from docgen.model import Municipality
from docgen.model_walk import model_of, step
from docgen.paths import PROJECT
from docgen.writers import WRITERS

COMMANDS = ["build", "validate", "list", "new", "schema", "clauses"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def clean_failure(result, status: int = 2) -> str:
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, (TypeError, AttributeError, KeyError))
    return result.output


# --- help -------------------------------------------------------------------------------


def test_main_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", result.output, re.MULTILINE), command


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"docgen {command}" in result.output


# --- validate and list -------------------------------------------------------------------


def test_validate_the_examples():
    result = run("validate", "--data", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    for slug in ("aas", "rakkestad", "nora", "dome"):
        assert f"{EXAMPLES / slug}.yaml: ok" in result.output


def test_validate_an_unknown_municipality_is_a_usage_error():
    output = clean_failure(run("validate", "atlantis", "--data", str(EXAMPLES)))
    assert "no municipality file atlantis.yaml" in output


def test_a_missing_data_folder_is_a_usage_error(tmp_path: Path):
    output = clean_failure(run("list", "--data", str(tmp_path / "nowhere")))
    assert "there is no folder" in output


def test_list_shows_municipalities_languages_accounts_kinds_and_formats():
    result = run("list", "--data", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    assert "dome: Døme kommune (nn, nb)" in result.output
    assert "nora: Nora kommun (sv)" in result.output
    assert "facebook-nora-kommun-naringsliv  http://facebook.com/norakommunnaringsliv" in result.output
    assert f"kinds: {', '.join(KINDS)}" in result.output
    assert f"formats: {', '.join(WRITERS)}" in result.output


def test_list_flags_a_bad_file(tmp_path: Path, minimal):
    minimal["nb"]["accounts"][0]["administrators"] = [{"name": "Kari Nordmann"}]
    folder = write_municipality(tmp_path, "ein", minimal["nb"])
    output = clean_failure(run("list", "--data", str(folder)))
    assert "ein.yaml: invalid, see 'docgen validate'" in output


# --- new --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug, name, language", [("lesja", "Lesja kommune", "nn"), ("ny-by", "Ny By kommune", "nb"), ("ort", "Ort kommun", "sv")]
)
def test_new_writes_a_file_that_validates(tmp_path: Path, slug: str, name: str, language: str):
    result = run("new", slug, "--name", name, "--lang", language, "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    entry = load(tmp_path / f"{slug}.yaml")
    assert entry.municipality.name == name and entry.municipality.language == language
    # Only the pages a new municipality has yet to give, and the sample values still to replace.
    for warning in entry.warnings:
        assert warning.field in {"policy.privacy_url", "policy.house_rules_url"} or "sample value" in str(warning), warning
    assert run("validate", slug, "--data", str(tmp_path)).exit_code == 0
    built = run("build", slug, "--data", str(tmp_path), "--out", str(tmp_path / "build"), "--format", "md", "--jobs", "1")
    assert built.exit_code == 0, built.output
    assert name in next((tmp_path / "build" / slug / language).glob("*.md")).read_text(encoding="utf-8")


def _uncommented(text: str) -> Any:
    """The starter with every commented-out field put back, as data."""
    return YAML(typ="safe").load(re.sub(r"^(\s*)# ((\s*)(- )?[a-z_]+:.*)$", r"\1\2", text, flags=re.MULTILINE))


def _written(model: type[BaseModel], data: dict[str, Any], path: str = "") -> Iterator[tuple[str, str, FieldInfo]]:
    """(key, path, field) of every field the data gives, at every depth."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        yield key, f"{path}.{key}".lstrip("."), info
        inner, value = model_of(step(info.annotation, 0)) or model_of(step(info.annotation, "x")), data[key]
        if model_of(info.annotation) and isinstance(value, dict):
            yield from _written(model_of(info.annotation), value, f"{path}.{key}")
        elif inner and isinstance(value, list):
            for item in value:
                yield from _written(inner, item, f"{path}.{key}")
        elif inner and isinstance(value, dict):
            for item in value.values():
                yield from _written(inner, item, f"{path}.{key}")


def test_new_explains_every_field_it_writes_with_the_models_description(tmp_path: Path):
    run("new", "lesja", "--name", "Lesja kommune", "--lang", "nn", "--data", str(tmp_path))
    text = (tmp_path / "lesja.yaml").read_text(encoding="utf-8")
    written = list(_written(Municipality, _uncommented(text)))
    paths = {path for _, path, _ in written}
    # What a new municipality most needs is there, and the optional parts to opt in to.
    assert {"roles.editor", "accounts.administrators.email", "policy.answer_from", "postal_address.postcode"} <= paths
    assert {"publishing_plan.posts.weekly.weekdays", "content.add.text", "accounts.end_date"} <= paths
    for key, path, info in written:
        if info.description:
            assert re.search(rf"^[#\s-]*{key}:.* # {re.escape(info.description)}$", text, re.MULTILINE), path


def test_new_with_every_optional_part_put_back_still_validates(tmp_path: Path):
    """The examples shown commented out (addresses, the text changes, the publishing
    plan) are valid together: taking one in never starts with an error."""
    run("new", "lesja", "--name", "Lesja kommune", "--lang", "nn", "--data", str(tmp_path))
    path = tmp_path / "lesja.yaml"
    data = _uncommented(path.read_text(encoding="utf-8"))
    assert {"publishing_plan", "content", "postal_address"} <= set(data)
    path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    (tmp_path / "lesja").mkdir()
    (tmp_path / "lesja" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    entry = load(path)
    assert entry.municipality.publishing_plan and entry.municipality.content["strategy"].add


class _Grown(Municipality):
    """The model as it may grow: a field added by a later change."""

    new_setting: int = Field(3, description="A setting added later")


def test_a_field_added_to_the_model_appears_in_the_starter_without_an_edit(monkeypatch):
    monkeypatch.setattr(starter, "Municipality", _Grown)
    text = starter.starter_yaml("lesja", "Lesja kommune", "nn")
    assert re.search(r"^new_setting: 3 +# A setting added later$", text, re.MULTILINE)


def test_a_required_field_without_a_sample_is_named(monkeypatch):
    class Required(Municipality):
        new_required: str = Field(description="A required setting")

    monkeypatch.setattr(starter, "Municipality", Required)
    with pytest.raises(starter.MissingSample, match="new_required"):
        starter.starter_yaml("lesja", "Lesja kommune", "nn")


def test_new_optional_fields_validate_once_uncommented(tmp_path: Path):
    run("new", "lesja", "--name", "Lesja kommune", "--lang", "nn", "--data", str(tmp_path))
    text = (tmp_path / "lesja.yaml").read_text(encoding="utf-8")
    settings, content = text.split("# --- Changes to the default text")
    uncommented = re.sub(r"^(\s*)# (\s*(?:- )?[a-z_]+:.*)$", r"\1\2", settings, flags=re.MULTILINE)
    assert uncommented.count("\n# ") < settings.count("\n# ")
    (tmp_path / "lesja.yaml").write_text(uncommented, encoding="utf-8")
    (tmp_path / "lesja").mkdir()
    (tmp_path / "lesja" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    municipality = load(tmp_path / "lesja.yaml").municipality
    assert municipality.organisation_number and municipality.postal_address and municipality.adoption.body


def test_new_does_not_overwrite(tmp_path: Path):
    (tmp_path / "nora.yaml").write_text("name: mine\n", encoding="utf-8")
    output = clean_failure(run("new", "nora", "--name", "Nora kommun", "--lang", "sv", "--data", str(tmp_path)))
    assert "already exists" in output
    assert (tmp_path / "nora.yaml").read_text(encoding="utf-8") == "name: mine\n"


@pytest.mark.parametrize("slug", ["Lesja", "les ja", "../lesja"])
def test_new_refuses_a_slug_that_is_not_a_file_name(tmp_path: Path, slug: str):
    clean_failure(run("new", slug, "--name", "Lesja kommune", "--lang", "nn", "--data", str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


def test_new_needs_a_known_language(tmp_path: Path):
    clean_failure(run("new", "lesja", "--name", "Lesja kommune", "--lang", "en", "--data", str(tmp_path)))


# --- schema -----------------------------------------------------------------------------


def test_schema_is_json_schema_of_the_data_file():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert {"name", "language", "languages", "accounts"} <= set(schema["properties"])
    # Roles and adoption may wait: a draft names roles neutrally and leaves lines to fill in.
    assert set(schema["required"]) == {"name", "country", "language", "website", "email"}
    account = schema["$defs"]["Account"]
    assert "administrators" in account["required"] and account["additionalProperties"] is False
    assert "description" in account["properties"]["url"]


# --- build: usage errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, value, words",
    [("--kind", "brochure", "'brochure' is not one of"), ("--format", "odt", "'odt' is not one of"), ("--lang", "en", "'en' is not one of")],
)
def test_build_with_an_unknown_filter_is_a_clean_usage_error(tmp_path: Path, option: str, value: str, words: str):
    output = clean_failure(run("build", "--data", str(EXAMPLES), "--out", str(tmp_path), option, value))
    assert words in output
    assert list(tmp_path.iterdir()) == []


def test_build_an_unknown_municipality_is_a_usage_error(tmp_path: Path):
    clean_failure(run("build", "atlantis", "--data", str(EXAMPLES), "--out", str(tmp_path)))


def test_build_writes_and_summarises(tmp_path: Path):
    result = run("build", "dome", "--data", str(EXAMPLES), "--out", str(tmp_path), "--kind", "account-register", "--format", "md")
    assert result.exit_code == 0, result.output
    # each document's md and its snapshot (kept for docgen diff)
    assert "4 written, 0 unchanged, 0 removed, 0 failed, 0 municipalities with bad data" in result.output
    assert (tmp_path / "dome" / "nn" / "kontoar-i-sosiale-medium.md").is_file()
    assert (tmp_path / "dome" / "nb" / "kontoer-i-sosiale-medier.md").is_file()
    again = run("build", "dome", "--data", str(EXAMPLES), "--out", str(tmp_path), "--kind", "account-register", "--format", "md")
    assert "0 written, 4 unchanged" in again.output


# --- as a real process ------------------------------------------------------------------------


def test_python_dash_m_docgen_help():
    process = subprocess.run(
        [sys.executable, "-m", "docgen", "--help"], capture_output=True, text=True, cwd=PROJECT, timeout=60
    )
    assert process.returncode == 0, process.stderr
    assert "docgen" in process.stdout and "build" in process.stdout


def test_a_real_build_and_its_exit_status(tmp_path: Path):
    process = subprocess.run(
        [sys.executable, "-m", "docgen", "build", "rakkestad", "--kind", "account-register", "--format", "html",
         "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=PROJECT, timeout=120,
    )
    assert process.returncode == 0, process.stderr
    page = (tmp_path / "rakkestad" / "nb" / "kontoer-i-sosiale-medier.html").read_text(encoding="utf-8")
    assert "https://www.facebook.com/rakkestadkino" in page
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [o["path"] for o in manifest["outputs"]] == [
        "rakkestad/nb/kontoer-i-sosiale-medier.html", "rakkestad/nb/kontoer-i-sosiale-medier.snapshot.json"]

    bad = subprocess.run(
        [sys.executable, "-m", "docgen", "build", "--kind", "nope", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=PROJECT, timeout=60,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "'nope' is not one of" in bad.stderr


def test_build_reports_the_length_of_every_text_for_pasting(tmp_path: Path):
    out = tmp_path / "out"
    result = run("build", "nora", "--kind", "house-rules", "--format", "txt", "--data", str(EXAMPLES), "--out", str(out))
    assert result.exit_code == 0, result.output
    # Read the lines as a user does, not rebuilt with docgen's own format string: a path,
    # the count with a space between thousands, "characters".
    shown = {path: int(count.replace(" ", "")) for path, count in
             re.findall(r"^(\S+\.txt): (\d{1,3}(?: \d{3})*) characters$", result.output, re.MULTILINE)}
    texts = {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in out.rglob("*.txt")}
    assert set(shown) == set(texts) == {"nora/sv/husregler.txt", "nora/sv/husregler-intro.txt"}, result.output
    for path, text in texts.items():
        pasted = text.removesuffix("\n")  # what is pasted: the file without its final newline
        assert shown[path] == len(pasted), f"{path}: the terminal says {shown[path]}, the text holds {len(pasted)}"
    # The same count as the limit check's warning for the same text (Nora's rules are near Instagram's limit).
    warned = re.search(r"husregler.*?: ([\d,]+) characters; ", result.output)
    assert warned, result.output
    assert int(warned.group(1).replace(",", "")) == shown["nora/sv/husregler.txt"]
    assert shown["nora/sv/husregler.txt"] > 999, "the full rules should show a thousands separator"
