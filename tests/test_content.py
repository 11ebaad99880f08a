"""The clause library itself: the same clauses in every language, placeholders that the
data or the kind can fill, plain language (LIX), no sentence taken from the reference
documents (not in the clause library, nor in the example data, nor in any document the
examples build), and the same interface words in every language.

Every check is generic over the kinds that have content files, so a new kind is covered
the moment its first content file exists.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from clients import skip_outside_ci
from conftest import EXAMPLES, MINIMAL, example_documents, strings, write_municipality
from ruamel.yaml import YAML

from docgen import content, snapshot
from docgen.content import PLACEHOLDER
from docgen.context import placeholders
from docgen.document import Document
from docgen.errors import ContentError
from docgen.kinds import KINDS
from docgen.language import LANGUAGES, labels
from docgen.load import Entry, load
from docgen.paths import PROJECT, TEMPLATES
from docgen.readability import counts, lix, prose

CONTENT = TEMPLATES / "content"
REFERENCE = PROJECT.parent / "shared" / "reference"
KIND_NAMES = sorted({path.stem for language in LANGUAGES for path in (CONTENT / language).glob("*.md")})

# Highest LIX allowed per kind (DESIGN.md: poster and house rules under 40, the strategy
# under 45; the account register is a short public page, held to the poster's bar).
# None: not checked, because the kind is a form of questions and labels, not prose.
LIX_LIMITS: dict[str, float | None] = {
    "strategy": 45,
    "poster": 40,
    "house-rules": 40,
    "account-register": 40,
    "activity-plan": None,
    # Not a document: its clauses are read, and measured, inside the kinds that use them.
    "shared": None,
    "publishing-plan": 45,
}
# Kinds built only when the data asks for them (the publishing plan needs
# `publishing_plan`): the minimal municipality makes none of them.
OPTIONAL_KINDS = {"publishing-plan"}

COPIED_RUN = 8  # this many words in a row, also found in a reference document, is copying


# Fixtures ---------------------------------------------------------------------------


def complete(language: str) -> dict[str, Any]:
    """The minimal municipality with every optional field filled, so clauses a kind uses
    only when the data has something (a postal address, an adopting body) are built too."""
    data = copy.deepcopy(MINIMAL[language])
    swedish = language == "sv"
    data["phone"] = "+46 587 810 00" if swedish else "64 96 20 00"
    data["postal_address"] = {"street": "Box 8", "postcode": "713 80" if swedish else "1430", "city": "Prov"}
    body = "kommunfullmäktige" if swedish else "kommunestyret"
    data["adoption"].update(status="adopted", body=body, case_reference="15/1441")
    data["policy"] = {
        "max_posts_per_week": 5,
        "privacy_url": data["website"] + "personvern",
        "house_rules_url": data["website"] + "husregler",
    }
    data["accounts"][0].update(
        operators=[{"name": "Kari Nordmann", "email": data["email"]}],
        update_frequency="daily",
        monitoring="09.00-15.00",
        hours_per_week=3,
        start_date="2020-01-01",
        credentials_stored="Bitwarden",
    )
    data["publishing_plan"] = {
        "period": {"from": "2026-03-02", "to": "2026-03-08"},
        "owner": "kommunikationschefen" if swedish else "kommunikasjonssjefen",
        "presented_to": "ledningsgruppen" if swedish else "ledergruppen",
        "posts": [
            {"account": "facebook-prove-kommune", "weekly": {"weekdays": ["monday"]}, "time": "09.00", "content_type": "news",
             "goal": "Veckans nyheter" if swedish else "Nytt denne uka", "responsible": "Kari Nordmann"},
        ],
    }
    return data


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Entry]:
    """The smallest valid municipality in each language (no optional data at all, so
    default text that leans on optional data fails here), keyed by language."""
    folder = tmp_path_factory.mktemp("content-municipalities")
    return {language: _load(folder, f"prove-{language}", MINIMAL[language]) for language in LANGUAGES}


@pytest.fixture(scope="module")
def complete_entries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Entry]:
    folder = tmp_path_factory.mktemp("content-municipalities-complete")
    return {language: _load(folder, f"complete-{language}", complete(language)) for language in LANGUAGES}


def _load(folder: Path, slug: str, data: dict[str, Any]) -> Entry:
    return load(write_municipality(folder, slug, data) / f"{slug}.yaml")


def documents(kind: str, entry: Entry, language: str) -> Iterator[Document]:
    """Every document `kind` makes for `entry` in `language` (each account, each variant)."""
    if kind not in KINDS:
        pytest.fail(f"templates/content/*/{kind}.md exists, but no kind {kind!r} is registered in docgen/kinds")
    for output in KINDS[kind].outputs(entry, language):
        yield KINDS[kind].document(entry, language, output)


def missing_languages(kind: str) -> list[str]:
    return [language for language in LANGUAGES if not (CONTENT / language / f"{kind}.md").is_file()]


# 1. The same clauses everywhere -------------------------------------------------------


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_every_language_has_the_same_clause_ids_in_the_same_order(kind: str) -> None:
    missing = missing_languages(kind)
    assert not missing, f"{kind}: no content file in {', '.join(missing)} (templates/content/<lang>/{kind}.md)"
    expected = content.clause_ids(kind, "nb")
    for language in LANGUAGES[1:]:
        found = content.clause_ids(kind, language)
        absent = [i for i in expected if i not in found]
        extra = [i for i in found if i not in expected]
        assert not absent and not extra, f"{kind} in {language}: missing {absent}, not in nb {extra}"
        assert found == expected, f"{kind} in {language}: same clauses as nb but in another order"


# 2. Placeholders the data or the kind fills ------------------------------------------


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_kind_specific_placeholders_are_the_same_in_every_language(kind: str, entries: dict[str, Entry]) -> None:
    """Names that are not data placeholders are filled by the kind itself ({accounts_table},
    {signatures}, …); a name used in one language only is a typo the kind cannot fill."""
    missing = missing_languages(kind)
    if missing:
        pytest.skip(f"{kind} lacks {', '.join(missing)} (reported by the clause-id test)")
    common = placeholders(entries["nb"].municipality, "nb", kind).keys()
    own = {
        language: {name for clause in content.clauses(language, kind) for name in PLACEHOLDER.findall(clause.text)}
        - common
        for language in LANGUAGES
    }
    assert own["nn"] == own["nb"] == own["sv"], f"{kind}: kind-specific placeholders differ by language: {own}"


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("data", ["minimal", "complete"])
def test_every_placeholder_is_filled_when_the_kind_assembles(
    kind: str, language: str, data: str, entries: dict[str, Entry], complete_entries: dict[str, Entry]
) -> None:
    """Building every output of the kind fills every placeholder from the data or from
    the kind; an unknown one, or one for optional data the municipality lacks, raises
    ContentError pointing at its clause."""
    if language in missing_languages(kind):
        pytest.skip(f"no {kind} content in {language} (reported by the clause-id test)")
    entry = (entries if data == "minimal" else complete_entries)[language]
    try:
        made = list(documents(kind, entry, language))
    except ContentError as error:
        pytest.fail(f"{kind} in {language}, {data} data: {error.format_message()}")
    assert made or (data == "minimal" and kind in OPTIONAL_KINDS), f"{kind} made no document for a municipality with one account"
    text = "\n".join(prose(document) for document in made)
    assert not PLACEHOLDER.search(text), f"{kind} in {language}: an unfilled placeholder is left in the text"


# 3. Plain language ------------------------------------------------------------------


def test_lix_of_a_sentence_counted_by_hand() -> None:
    # 9 words, 2 sentences, 1 long word ("innehåller"): 9/2 + 100·1/9 = 15.61
    assert lix("Det här är en mening. Den innehåller fyra ord.") == pytest.approx(15.61, abs=0.01)


def test_lix_of_official_prose_is_higher_than_of_plain_prose() -> None:
    official = (
        "Kommunikationsavdelningen ansvarar för samordningen av kommunens närvaro i sociala "
        "medier i enlighet med gällande styrdokument och riktlinjer."
    )
    plain = "Vi sköter kommunens konton. Vi svarar på frågor varje dag."
    assert lix(official) > 60 > 30 > lix(plain)


def test_lix_counts_headings_and_list_items_as_sentences_and_ignores_addresses() -> None:
    found = counts("Kanaler\nVi svarar kl. 9.00 enligt 2 kap. 1 § på https://www.prov.se/ idag.\n- texta filmer")
    # "kl." and "kap." before a digit end no sentence; the address is not a word.
    assert (found.sentences, found.words) == (3, 13)


@pytest.mark.parametrize("kind", [k for k in KIND_NAMES if LIX_LIMITS.get(k, 0) is not None])
@pytest.mark.parametrize("language", LANGUAGES)
def test_text_is_easy_to_read(
    kind: str, language: str, entries: dict[str, Entry], complete_entries: dict[str, Entry]
) -> None:
    assert kind in LIX_LIMITS, f"set a LIX limit for {kind} in LIX_LIMITS (None for a form)"
    if language in missing_languages(kind):
        pytest.skip(f"no {kind} content in {language} (reported by the clause-id test)")
    source = complete_entries if kind in OPTIONAL_KINDS else entries
    document = next(documents(kind, source[language], language))
    found = counts(prose(document))
    assert found.words > 20, f"{kind} in {language}: too little text to measure ({found.words} words)"
    assert found.lix < LIX_LIMITS[kind], (
        f"{kind} in {language}: LIX {found.lix:.1f}, limit {LIX_LIMITS[kind]} "
        f"({found.words} words in {found.sentences} sentences, {found.long_words} long words): "
        f"shorter sentences and shorter words"
    )


# 4. Written anew ------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Case-folded words without punctuation. Tokens holding a digit (law numbers, dates,
    "FOR-2013-06-21-732") are facts rather than wording and are left out."""
    result = []
    for token in text.split():
        if any(c.isdigit() for c in token):
            continue
        word = "".join(c for c in token.casefold() if c.isalpha())
        if word:
            result.append(word)
    return result


# A copied sentence lies within one paragraph, list item or table cell, so runs never
# cross those; nor a semicolon, which separates the law names listed in the fact sheet.
_BLOCK_START = re.compile(r"\n(?=\s*(?:[-*+]|\d+[.)]|>|#{1,6})\s)|\n\s*\n|[|;]")


def runs(text: str) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for part in _BLOCK_START.split(text):
        part_words = words(part)
        found.update(tuple(part_words[i : i + COPIED_RUN]) for i in range(len(part_words) - COPIED_RUN + 1))
    return found


@cache
def reference_runs() -> dict[tuple[str, ...], str]:
    """Every run of COPIED_RUN words in the reference folder, with the file it is in."""
    found: dict[tuple[str, ...], str] = {}
    for path in sorted(p for p in REFERENCE.rglob("*") if p.is_file()):
        for run in runs(path.read_text(encoding="utf-8", errors="replace")):
            found.setdefault(run, path.name)
    return found


def copied_runs(texts: list[str]) -> list[str]:
    """Each text's runs that are also in a reference document, with where they are."""
    reference = reference_runs()
    assert reference, f"no text read from {REFERENCE}"
    return [
        f"“{' '.join(run)}” is also in {reference[run]}" for text in texts for run in sorted(runs(text) & reference.keys())
    ]


def needs_reference() -> None:
    if not REFERENCE.is_dir():
        skip_outside_ci(f"reference documents not found at {REFERENCE} (CI has shared/ beside the repo)")


def test_without_the_reference_documents_ci_fails_instead_of_skipping(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys.modules[__name__], "REFERENCE", tmp_path / "no-reference")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must not skip"):
        needs_reference()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="reference documents not found"):
        needs_reference()


def test_words_ignore_case_punctuation_and_numbers() -> None:
    found = words("Lag (2018:1937) om «tillgänglighet», IKT-løsninger!")
    assert found == ["lag", "om", "tillgänglighet", "iktløsninger"]


def test_runs_stay_within_one_block() -> None:
    one = "en två tre fyra fem sex sju åtta"
    assert runs(f"{one}.") == {tuple(one.split())}
    assert runs("- en två tre fyra\n- fem sex sju åtta") == set()
    assert runs("en två tre fyra | fem sex sju åtta; nio") == set()
    assert runs("en två tre fyra\nfem sex sju åtta") == {tuple(one.split())}  # a wrapped line


CONTENT_FILES = sorted(CONTENT.glob("*/*.md"))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_sentence_is_copied_from_the_reference_documents(path: Path) -> None:
    needs_reference()
    copied = []
    for clause in content.clauses(path.parent.name, path.stem):
        copied += [f"{clause.id}: {found}" for found in copied_runs([clause.text])]
    assert not copied, f"{path.relative_to(PROJECT)}: {COPIED_RUN} words in a row copied:\n" + "\n".join(copied)


def test_a_run_copied_into_data_is_found() -> None:
    """The purpose that Nora's example data once took from Bilaga 1 is caught."""
    needs_reference()
    assert copied_runs(["Sprida information till föräldrar om aktiviteter på Familjecentralen"])


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_no_sentence_in_the_example_data_is_copied(path: Path) -> None:
    """Every text value of an example municipality (each one a block of its own)."""
    needs_reference()
    copied = copied_runs(list(strings(YAML(typ="safe").load(path.read_text(encoding="utf-8")))))
    assert not copied, f"{path.relative_to(PROJECT)}: {COPIED_RUN} words in a row copied:\n" + "\n".join(copied)


def test_no_sentence_in_a_built_document_is_copied() -> None:
    """Every document the examples build, as its running text (one block per paragraph,
    heading or list item) and every string it holds (table cells, form answers, labels),
    so the clause library and the data are checked together as they are printed."""
    needs_reference()
    copied = []
    for job, document in example_documents():
        texts = prose(document).split("\n") + list(strings(json.loads(snapshot.dumps(document))))
        copied += [f"{job.targets[0].path}: {found}" for found in copied_runs(texts)]
    assert not copied, f"{COPIED_RUN} words in a row copied:\n" + "\n".join(sorted(set(copied)))


# 5. Interface words -------------------------------------------------------------------


def key_paths(value: object, prefix: str = "") -> set[str]:
    """Dotted paths to every leaf of nested mappings."""
    if not isinstance(value, dict):
        return {prefix.rstrip(".")}
    return {path for key, inner in value.items() for path in key_paths(inner, f"{prefix}{key}.")}


def test_key_paths_reach_every_leaf() -> None:
    assert key_paths({"files": {"poster": "x", "strategy": "y"}, "of": "av"}) == {"files.poster", "files.strategy", "of"}


def test_labels_have_the_same_keys_in_every_language() -> None:
    keys = {language: key_paths(labels(language)) for language in LANGUAGES}
    every = set().union(*keys.values())
    missing = {language: sorted(every - found) for language, found in keys.items() if every - found}
    assert not missing, f"labels.yaml keys missing: {missing}"
