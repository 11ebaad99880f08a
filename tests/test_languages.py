"""Data in every language: a free-text value is a plain string (the primary language) or
text per language, each document is built from its own language's text, and a value
without text in a language the municipality builds is an error at its line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import example_documents, strings, write_municipality

from docgen import snapshot
from docgen.build import build, load_all
from docgen.cli import main
from docgen.kinds import KINDS

NN_PURPOSE, NB_PURPOSE = "Nyhende og dialog med innbyggjarane", "Nyheter og dialog med innbyggerne"


def both(nn: str, nb: str) -> dict[str, str]:
    return {"nn": nn, "nb": nb}


def two_languages(minimal: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A nynorsk municipality that builds bokmål too, every free-text value in both."""
    data = minimal["nn"]
    data["languages"] = ["nb"]
    data["roles"] = {
        "editor": both("kommunikasjonssjefen", "kommunikasjonssjefen"),
        "communications_unit": both("kommunikasjonseininga", "kommunikasjonsenheten"),
        "account_approver": both("kommunedirektøren", "kommunedirektøren"),
        "crisis_lead": both("kriseleiinga", "kriseledelsen"),
        "contact": both("kommunikasjonseininga", "kommunikasjonsenheten"),
    }
    data["accounts"][0].update(
        unit=both("Kommunikasjonseininga", "Kommunikasjonsenheten"),
        purpose=both(NN_PURPOSE, NB_PURPOSE),
        audience=both("Innbyggjarane", "Innbyggerne"),
    )
    return data


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def line_of(path: Path, pattern: str) -> int:
    """The (1-based) line of `path` that matches `pattern`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if re.search(pattern, line)]
    assert len(found) == 1, f"{pattern!r} is on lines {found} of {path.name}"
    return found[0]


def built_text(out: Path, slug: str, language: str) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((out / slug / language).glob("*.md")))


# Each document in its own language -------------------------------------------------------


def test_each_language_gets_its_own_text(tmp_path: Path, minimal) -> None:
    folder = write_municipality(tmp_path / "data", "doeme", two_languages(minimal))
    report = build(folder, tmp_path / "out", formats=["md"], workers=1)
    assert report.exit_code == 0, report.failures + [e.format_message() for e in report.invalid]
    nynorsk, bokmal = (built_text(tmp_path / "out", "doeme", language) for language in ("nn", "nb"))
    assert NN_PURPOSE in nynorsk and NB_PURPOSE not in nynorsk
    assert NB_PURPOSE in bokmal and NN_PURPOSE not in bokmal
    assert "Kommunikasjonsenheten" in bokmal and "Kommunikasjonseininga" not in bokmal


def test_content_choices_apply_per_language(tmp_path: Path, minimal) -> None:
    data = two_languages(minimal)
    data["content"] = {
        "account-register": {
            "title": both("Kontoane våre", "Kontoene våre"),
            "add": [
                {
                    "after": "account-register.intro",
                    "id": "account-register.local.library",
                    "text": both("Biblioteket har òg ein eigen konto.", "Biblioteket har også en egen konto."),
                }
            ],
        }
    }
    folder = write_municipality(tmp_path / "data", "doeme", data)
    report = build(folder, tmp_path / "out", kinds=["account-register"], formats=["md"], workers=1)
    assert report.exit_code == 0, report.failures + [e.format_message() for e in report.invalid]
    nynorsk, bokmal = (built_text(tmp_path / "out", "doeme", language) for language in ("nn", "nb"))
    assert "# Kontoane våre" in nynorsk and "Biblioteket har òg ein eigen konto." in nynorsk
    assert "# Kontoene våre" in bokmal and "Biblioteket har også en egen konto." in bokmal
    assert "Kontoane" not in bokmal and "òg" not in bokmal


def test_a_kind_refuses_data_read_in_another_language(tmp_path: Path, minimal) -> None:
    """Every kind passes Kind.meta, which checks that the entry it was given holds the
    document's language: the nynorsk data cannot end up in a bokmål document."""
    folder = write_municipality(tmp_path, "doeme", two_languages(minimal))
    (entry,), _ = load_all(folder)
    for name, kind in KINDS.items():
        outputs = kind.outputs(entry, "nn")
        if not outputs:
            continue  # a kind the data does not ask for (the publishing plan)
        output = outputs[0]
        with pytest.raises(ValueError, match="in_language"):
            kind.document(entry, "nb", output)
        assert kind.document(entry.in_language("nb"), "nb", kind.outputs(entry.in_language("nb"), "nb")[0]), name


# A missing language is an error at its line ----------------------------------------------


def test_a_plain_value_in_a_municipality_with_two_languages_is_reported(tmp_path: Path, minimal) -> None:
    data = two_languages(minimal)
    data["accounts"][0]["purpose"] = NN_PURPOSE
    folder = write_municipality(tmp_path / "data", "doeme", data)
    result = run("validate", "--data", str(folder))
    assert result.exit_code == 2, result.output
    line = line_of(folder / "doeme.yaml", r"^\s+purpose:")
    assert re.search(
        rf"doeme.yaml:{line}:\d+: accounts\[0\].purpose: is written in nynorsk \(nn\) only, but the documents are "
        r"also built in bokmål \(nb\); write it as \{nn: …, nb: …\}",
        result.output,
    ), result.output
    assert run("build", "--data", str(folder), "--out", str(tmp_path / "out")).exit_code == 2
    assert not (tmp_path / "out" / "doeme").exists()


def test_a_value_without_one_of_the_languages_is_reported(tmp_path: Path, minimal) -> None:
    data = two_languages(minimal)
    data["roles"]["crisis_lead"] = {"nn": "kriseleiinga"}
    data["accounts"][0]["administrators"][1]["title"] = {"nb": "rådgiver"}
    folder = write_municipality(tmp_path, "doeme", data)
    output = run("validate", "--data", str(folder)).output
    crisis, title = line_of(folder / "doeme.yaml", "crisis_lead:"), line_of(folder / "doeme.yaml", "title:")
    assert re.search(rf"doeme.yaml:{crisis}:\d+: roles.crisis_lead: has no text in bokmål \(nb\)", output), output
    assert re.search(
        rf"doeme.yaml:{title}:\d+: accounts\[0\].administrators\[1\].title: has no text in nynorsk \(nn\)", output
    ), output


def test_an_unknown_language_code_is_reported(tmp_path: Path, minimal) -> None:
    minimal["nb"]["accounts"][0]["audience"] = {"nb": "Innbyggerne", "en": "Residents"}
    folder = write_municipality(tmp_path, "prove", minimal["nb"])
    output = run("validate", "--data", str(folder)).output
    line = line_of(folder / "prove.yaml", "audience:")
    assert re.search(rf"prove.yaml:{line}:\d+: accounts\[0\].audience: 'en' is not a language code", output), output


def test_names_and_keywords_read_the_same_in_every_language(tmp_path: Path, minimal) -> None:
    """An account's name is what the platform shows, and `weekly` is a keyword: plain
    values that need no translation."""
    data = two_languages(minimal)
    data["accounts"][0].update(name="Døme kommune", update_frequency="weekly")
    (entry,), invalid = load_all(write_municipality(tmp_path, "doeme", data))
    assert not invalid
    assert entry.in_language("nb").municipality.accounts[0].name == "Døme kommune"


# The examples, in each of their languages -------------------------------------------------

# Word forms that belong to one written language and not to the others, as whole words.
NYNORSK = {"ikkje", "kva", "korleis", "kvar", "berre", "eining", "eininga", "kvardagar", "innbyggjarane",
           "innbyggjarar", "kommunikasjonsrådgjevaren", "einingsleiar", "arbeidsgjevar", "lånarar", "nyhende"}
BOKMAL = {"ikke", "hva", "hvordan", "hver", "bare", "enhet", "enheten", "hverdager", "innbyggerne",
          "innbyggere", "kommunikasjonsrådgiveren", "enhetsleder", "arbeidsgiver", "lånere", "nyheter"}
SWEDISH = {"och", "inte", "också", "är", "förvaltningen", "invånarna", "kommunchefen", "vardagar"}
NORWEGIAN = {"og", "ikke", "ikkje", "også", "òg", "innbyggerne", "innbyggjarane", "kommunedirektøren"}
FOREIGN = {"nb": NYNORSK | SWEDISH, "nn": BOKMAL | SWEDISH, "sv": NORWEGIAN}


def example_texts() -> Iterator[tuple[str, str, str, str]]:
    """(municipality, language, target path, every string of the document) for every
    document the examples build."""
    for job, document in example_documents():
        text = "\n".join(strings(json.loads(snapshot.dumps(document))))
        yield job.entry.slug, job.language, job.targets[0].path, text


def test_the_word_lists_tell_the_languages_apart() -> None:
    assert not NYNORSK & BOKMAL and not SWEDISH & NORWEGIAN


def test_no_example_document_holds_words_of_another_language() -> None:
    foreign = []
    languages = set()
    for slug, language, path, text in example_texts():
        languages.add((slug, language))
        words = set(re.findall(r"\w+", text.casefold()))
        if words & FOREIGN[language]:
            foreign.append(f"{path}: {', '.join(sorted(words & FOREIGN[language]))}")
    assert ("dome", "nb") in languages and ("dome", "nn") in languages
    assert not foreign, "documents with words of another language:\n" + "\n".join(foreign)


def test_placeholders_are_checked_in_each_language_s_own_text(tmp_path: Path, minimal) -> None:
    data = two_languages(minimal)
    data["content"] = {"strategy": {"replace": {"strategy.title": both("Strategi for {municipality}", "Strategi for {kommune}")}}}
    folder = write_municipality(tmp_path, "doeme", data)
    result = run("validate", "--data", str(folder))
    assert result.exit_code == 2
    line = line_of(folder / "doeme.yaml", "strategy.title:")
    assert re.search(rf"doeme.yaml:{line}:\d+: .*there is no placeholder \{{kommune\}}.* \(in the nb text\)$", result.output, re.M), result.output
    assert "(in the nn text)" not in result.output
