"""Validation: the example municipalities are valid, and every file in the bad-data
corpus (tests/bad/) gets exactly the problems its `# expect:` lines name, each at its
line, with exit status 2 and nothing built."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, write_municipality
from docgen.cli import main
from docgen.errors import DataError
from docgen.kinds import KINDS
from docgen.load import load
from docgen.paths import PROJECT
from docgen.writers import WRITERS

BAD = Path("tests/bad")  # relative, as a user types it; the tests run from the project
CORPUS = sorted((PROJECT / BAD).glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+): (.+)$")


@pytest.fixture(autouse=True)
def in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)


def expectations(path: Path) -> list[tuple[int, str]]:
    found = []
    # errors="replace": one bad file is not UTF-8 on purpose; its expect lines are ASCII.
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = EXPECT.match(line)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    return found


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_corpus_is_large_and_every_file_says_what_it_expects():
    assert len(CORPUS) >= 30
    for path in CORPUS:
        assert expectations(path), f"{path.name} has no '# expect: LINE: message' line"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_bad_file_reports_every_problem_at_its_line(path: Path):
    result = run("validate", path.stem, "--data", str(BAD))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    reported = [line for line in result.output.splitlines() if line.startswith(f"{BAD / path.name}:")]
    expected = expectations(path)
    assert len(reported) == len(expected), result.output
    for line, message in expected:
        prefix = re.compile(rf"^{re.escape(str(BAD / path.name))}:{line}:\d+: {re.escape(message)}")
        assert any(prefix.match(r) for r in reported), f"expected line {line}: {message}\ngot:\n{result.output}"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_bad_file_builds_nothing(path: Path, tmp_path: Path):
    result = run("build", path.stem, "--data", str(BAD), "--out", str(tmp_path), "--jobs", "1")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / path.stem).exists()


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(PROJECT / BAD / "accounts-one-administrator.yaml", data / "broken.yaml")
    shutil.copy(EXAMPLES / "rakkestad.yaml", data / "rakkestad.yaml")
    shutil.copytree(EXAMPLES / "rakkestad", data / "rakkestad")
    out = tmp_path / "out"
    result = run("build", "--data", str(data), "--out", str(out), "--kind", "account-register", "--format", "html")
    assert result.exit_code == 2, result.output
    [(line, message)] = expectations(data / "broken.yaml")
    assert f"{data / 'broken.yaml'}:{line}:5: {message}" in result.output
    assert (out / "rakkestad" / "nb" / "kontoer-i-sosiale-medier.html").is_file()
    assert not (out / "broken").exists()


# Ås is a draft whose privacy statement and house rules page are not yet published:
# validate says which addresses to add, and the texts are worded without links.
EXPECTED_WARNINGS = {"aas": ["policy.house_rules_url", "policy.privacy_url"]}


@pytest.mark.parametrize("slug", ["aas", "rakkestad", "nora", "dome"])
def test_examples_are_valid_without_warnings(slug: str):
    entry = load(EXAMPLES / f"{slug}.yaml")
    assert [warning.field for warning in entry.warnings] == EXPECTED_WARNINGS.get(slug, [])
    assert entry.municipality.accounts


def test_example_facts_from_the_references():
    aas, rakkestad, nora, dome = (load(EXAMPLES / f"{s}.yaml").municipality for s in ("aas", "rakkestad", "nora", "dome"))
    assert aas.name == "Ås kommune" and aas.roles.editor == "service- og kommunikasjonssjefen"
    assert rakkestad.adoption.body == "administrasjonsutvalget"
    assert (rakkestad.policy.answer_from, rakkestad.policy.answer_to, rakkestad.policy.answer_days) == ("09.00", "15.00", "weekdays")
    assert rakkestad.policy.response_time.value == "next-working-day" and rakkestad.policy.update_frequency == "weekly"
    assert nora.adoption.body == "kommunfullmäktige"
    assert nora.roles.approvers == ["förvaltningschef", "kommunchef"]
    assert "http://facebook.com/norakommunnaringsliv" in [str(a.url) for a in nora.accounts]
    assert dome.language == "nn" and dome.all_languages == ["nn", "nb"]
    kinds = [a.kind.value for m in (aas, rakkestad, nora, dome) for a in m.accounts]
    assert "campaign" in kinds and len({a.platform for m in (aas, nora, dome) for a in m.accounts}) >= 4


def _contrast_on_white(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 1.05 / (luminance + 0.05)


def test_example_colours_are_distinct_and_readable_on_white():
    profiles = [load(EXAMPLES / f"{s}.yaml").municipality.profile for s in ("aas", "rakkestad", "nora", "dome")]
    assert len({p.primary_colour for p in profiles}) == 4
    for profile in profiles:
        assert _contrast_on_white(profile.primary_colour) >= 4.5, profile.primary_colour


@pytest.mark.parametrize("slug", ["aas", "rakkestad", "nora", "dome"])
def test_example_logo_is_a_marked_placeholder_shield(slug: str):
    entry = load(EXAMPLES / f"{slug}.yaml")
    svg = (entry.folder / entry.municipality.profile.logo).read_text(encoding="utf-8")
    assert "PLACEHOLDER" in svg and "coat of arms" in svg
    assert entry.municipality.profile.primary_colour in svg
    assert f">{entry.municipality.name[0]}</text>" in svg


@pytest.mark.parametrize("slug", ["aas", "rakkestad", "nora", "dome"])
def test_example_file_points_editors_to_the_schema(slug: str):
    first, *rest = (EXAMPLES / f"{slug}.yaml").read_text(encoding="utf-8").splitlines()
    assert first == "# yaml-language-server: $schema=../schema/municipality.schema.json"
    assert any("example data" in line.lower() for line in rest[:5])


def test_committed_schema_is_current():
    result = run("schema")
    assert result.exit_code == 0
    committed = (PROJECT / "schema" / "municipality.schema.json").read_text(encoding="utf-8")
    assert committed == result.output, "run: docgen schema > schema/municipality.schema.json"


def test_campaign_without_end_date_is_a_warning_not_an_error(tmp_path: Path, minimal):
    data = minimal["nb"]
    data["accounts"][0]["kind"] = "campaign"
    folder = write_municipality(tmp_path / "data", "kampanje", data)
    result = run("validate", "kampanje", "--data", str(folder))
    assert result.exit_code == 0, result.output
    assert f"warning: {folder / 'kampanje.yaml'}:" in result.output
    assert "accounts[0].kind: a campaign account should have an end_date" in result.output
    built = run("build", "kampanje", "--data", str(folder), "--out", str(tmp_path / "out"), "--kind", "account-register", "--format", "md")
    assert built.exit_code == 0, built.output
    assert "warning:" in built.output and "end_date" in built.output


def test_consent_ages_are_data_the_strategy_states(tmp_path: Path, minimal):
    def strategy(policy: dict[str, int]) -> str:
        minimal["nb"]["policy"] = policy
        folder = write_municipality(tmp_path / "data", "prove", minimal["nb"])
        entry = load(folder / "prove.yaml")
        kind = KINDS["strategy"]
        (output,) = kind.outputs(entry, "nb")
        return WRITERS["md"].render(kind.document(entry, "nb", output)).decode()

    default, own = strategy({}), strategy({"consent_age_online": 15, "consent_age_photo": 16})
    assert "For barn under 15 år må de foresatte" in default and "under 16 år" not in default
    assert "For barn under 16 år må de foresatte" in own and "Barn under 15 år kan ikke selv samtykke" in own


def test_leading_zeros_and_unquoted_numbers_survive(tmp_path: Path, minimal):
    text = (
        "\n".join(
            f"{line}" for line in (PROJECT / BAD / "accounts-one-administrator.yaml").read_text().splitlines()[2:]
        )
        .replace("administrators: # <- here", "administrators:\n      - name: Kari Nordmann")
        + "\npostal_address:\n  street: Postboks 1\n  postcode: 0150\n  city: Oslo\n"
    )
    (tmp_path / "oslo.yaml").write_text(text, encoding="utf-8")
    assert load(tmp_path / "oslo.yaml").municipality.postal_address.postcode == "0150"


def test_data_error_lists_problems_in_line_order(tmp_path: Path):
    with pytest.raises(DataError) as caught:
        load(PROJECT / BAD / "several-problems-at-once.yaml")
    lines = [problem.line for problem in caught.value.problems]
    assert lines == sorted(lines) and len(lines) == 3


@pytest.mark.parametrize("slug", ["aas", "rakkestad", "nora", "dome"])
def test_examples_satisfy_the_json_schema_editors_use(slug: str):
    """What VS Code's YAML extension checks: the example as YAML types, against the schema."""
    import datetime as dt
    import json

    from jsonschema import Draft202012Validator
    from ruamel.yaml import YAML

    def as_json(value):
        if isinstance(value, dict):
            return {str(k): as_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [as_json(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    schema = json.loads((PROJECT / "schema" / "municipality.schema.json").read_text(encoding="utf-8"))
    document = as_json(YAML(typ="safe").load((EXAMPLES / f"{slug}.yaml").read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("opening", ["[", "- "])
def test_nesting_far_beyond_pythons_recursion_is_refused_at_its_line(tmp_path: Path, opening: str):
    """The file is composed while its shape is checked, in one reading: the nesting is
    refused where it crosses the bound, before the composer recurses into it."""
    import sys

    path = tmp_path / "nesting.yaml"
    path.write_text("name: Prøve kommune\nlevels:\n  " + opening * (4 * sys.getrecursionlimit()) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(path)
    (problem,) = raised.value.problems
    assert problem.line == 3 and "nested more than 50 levels deep" in problem.message
