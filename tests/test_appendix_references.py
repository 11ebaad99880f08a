"""The strategy refers to an appendix by number only when that kind is built (`kinds:`):
otherwise its running text says the same without the reference (`.otherwise` clauses and
the `appendices.named` phrases), and the numbers are those of its appendices list."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from built_texts import built_texts

from docgen import content
from docgen.appendices import APPENDIX_NUMBERS
from docgen.language import LANGUAGES

WORD = {"nb": "vedlegg", "nn": "vedlegg", "sv": "bilaga"}
REFERENCE = re.compile(r"\b(?:vedlegg|bilaga) (\d)\b", re.IGNORECASE)

# What each language says with every kind built, and without the appendices.
WITH = {
    "nb": [
        "Den samme listen finner du i vedlegg 4, og vi holder den oppdatert.",
        "fyller den ut aktivitetsplanen i vedlegg 1.",
        "som tar den ut av listen i vedlegg 4.",
        "Reglene for kommentarer står i husreglene (vedlegg 3), og de ligger på hver konto.",
    ],
    "nn": [
        "Den same lista finn du i vedlegg 4, og vi held ho oppdatert.",
        "fyller eininga ut aktivitetsplanen i vedlegg 1.",
        "som tek han ut av lista i vedlegg 4.",
        "Reglane for kommentarar står i husreglane (vedlegg 3), og dei ligg på kvar konto.",
    ],
    "sv": [
        "Samma lista finns i bilaga 4 och på webbplatsen, så att alla kan se vilka konton som är äkta.",
        "fyll då i aktivitetsplanen i bilaga 1.",
        "Reglerna för kommentarer står i husreglerna (bilaga 3), och de finns på varje konto.",
    ],
}
WITHOUT = {
    "nb": [
        "Vi holder listen oppdatert.",
        "fyller den ut en aktivitetsplan.",
        "som tar den ut av listen over kontoene våre.",
        "Reglene for kommentarer står i husreglene, og de ligger på hver konto.",
    ],
    "nn": [
        "Vi held lista oppdatert.",
        "fyller eininga ut ein aktivitetsplan.",
        "som tek han ut av lista over kontoane våre.",
        "Reglane for kommentarar står i husreglane, og dei ligg på kvar konto.",
    ],
    "sv": [
        "Samma lista finns på webbplatsen, så att alla kan se vilka konton som är äkta.",
        "fyll då i en aktivitetsplan.",
        "Reglerna för kommentarer står i husreglerna, och de finns på varje konto.",
    ],
}
NO_ACCOUNTS = {
    "nb": ("fører vi den opp i listen i vedlegg 4.", "fører vi den opp i listen over kontoene våre."),
    "nn": ("fører vi han opp i lista i vedlegg 4.", "fører vi han opp i lista over kontoane våre."),
    "sv": ("för vi in det i listan i bilaga 4.", "för vi in det i listan över våra konton."),
}
FORMATS = ("md", "html", "pdf")


def strategy_texts(folder: Path, data: dict[str, Any], formats: tuple[str, ...] = FORMATS) -> dict[str, str]:
    texts = built_texts(folder, data, ("strategy",), formats)
    return {fmt: text for (kind, _, fmt), text in texts.items() if kind == "strategy"}


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_appendices_list_numbers_the_kinds_as_the_table_does(language: str) -> None:
    for clause in content.clauses(language, "strategy"):
        kind = clause.id.removeprefix("strategy.appendices.")
        if kind in APPENDIX_NUMBERS:
            assert [int(n) for n in REFERENCE.findall(clause.text)] == [APPENDIX_NUMBERS[kind]], clause.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_strategy_built_names_no_appendix(tmp_path: Path, minimal: dict[str, Any], language: str) -> None:
    data = {**minimal[language], "kinds": ["strategy"]}
    texts = strategy_texts(tmp_path, data)
    assert set(texts) == set(FORMATS)
    for fmt, text in texts.items():
        text = squeezed(text)
        assert not REFERENCE.findall(text), (fmt, REFERENCE.findall(text))
        for said in WITHOUT[language]:
            assert said in text, (fmt, said)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_built_names_the_appendices(tmp_path: Path, minimal: dict[str, Any], language: str) -> None:
    texts = strategy_texts(tmp_path, minimal[language])
    for fmt, text in texts.items():
        text = squeezed(text)
        for said in WITH[language]:
            assert said in text, (fmt, said)
        for said in WITHOUT[language]:
            assert said not in text, (fmt, said)


@pytest.mark.parametrize("language", LANGUAGES)
def test_some_kinds_built_name_only_theirs(tmp_path: Path, minimal: dict[str, Any], language: str) -> None:
    data = {**minimal[language], "kinds": ["strategy", "house-rules"]}
    text = squeezed(strategy_texts(tmp_path, data, ("md",))["md"])
    assert {int(n) for n in REFERENCE.findall(text)} == {APPENDIX_NUMBERS["house-rules"]}
    assert WITH[language][-1] in text and WITHOUT[language][1] in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kinds", [None, ["strategy"]])
def test_without_accounts_the_list_is_named_as_built(
    tmp_path: Path, minimal: dict[str, Any], language: str, kinds: list[str] | None
) -> None:
    data = {key: value for key, value in minimal[language].items() if key != "accounts"}
    if kinds:
        data["kinds"] = kinds
    text = squeezed(strategy_texts(tmp_path, data, ("md",))["md"])
    with_reference, without = NO_ACCOUNTS[language]
    assert (with_reference in text, without in text) == ((True, False) if kinds is None else (False, True))
