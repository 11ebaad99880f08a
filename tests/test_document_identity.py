"""What the strategy is and how it was adopted (issue 10, items 1, 2, 3, 12, 14, 19):
each choice built in nb, nn and sv and found, with the other variant absent, in the PDF,
the DOCX and the HTML."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from click.testing import CliRunner
from conftest import MINIMAL, write_municipality
from test_strategy import read_text

from docgen.adoption import title_page_facts
from docgen.build import build, load_all, plan
from docgen.cli import main
from docgen.kinds import KINDS
from docgen.model import Adoption, KindName

FORMATS = ("pdf", "docx", "html")
LANGUAGES = ("nb", "nn", "sv")

# The choices, in each language's own words.
OFFICER = {"nb": "kommunedirektøren", "nn": "kommunedirektøren", "sv": "kommundirektören"}
VISION = {"nb": "Sammen for et grønnere Prøve", "nn": "Saman for eit grønare Prøve", "sv": "Tillsammans för ett grönare Prov"}
OWN_GOAL = {
    "nb": "vise fram frivilligheten i kommunen",
    "nn": "vise fram det frivillige arbeidet i kommunen",
    "sv": "visa upp föreningslivet i kommunen",
}
ETHICS = {"nb": "Etiske retningslinjer for ansatte", "nn": "Etiske retningsliner for tilsette", "sv": "Etiska riktlinjer för anställda"}

# What the built text must say (and what only the other variant says).
EXPECTED = {
    "nb": {
        "title": "Retningslinjer for bruk av sosiale medier",
        "self": "Disse retningslinjene gjelder for ansatte, ledere og folkevalgte i Prøve kommune. De sier hvordan",
        "basis": "Retningslinjene bygger på «Etiske retningslinjer for ansatte».",
        "adopted": "Fastsatt av",
        "vision": "Visjonen til Prøve kommune er «Sammen for et grønnere Prøve».",
        "references": "Retningslinjene bygger også på disse styrende dokumentene i kommunen:",
        "month": "mars 2015",
        "reference_details": "(kommunestyret, juni 2019)",
    },
    "nn": {
        "title": "Retningsliner for bruk av sosiale medium",
        "self": "Desse retningslinene gjeld for tilsette, leiarar og folkevalde i Prøve kommune. Dei seier korleis",
        "basis": "Retningslinene byggjer på «Etiske retningsliner for tilsette».",
        "adopted": "Fastsett av",
        "vision": "Visjonen til Prøve kommune er «Saman for eit grønare Prøve».",
        "references": "Retningslinene byggjer også på desse styrande dokumenta i kommunen:",
        "month": "mars 2015",
        "reference_details": "(kommunestyret, juni 2019)",
    },
    "sv": {
        "title": "Riktlinjer för sociala medier",
        "self": "De här riktlinjerna är till för anställda, chefer och förtroendevalda i Prov kommun. De beskriver",
        "basis": "Riktlinjerna bygger på ”Etiska riktlinjer för anställda”. Lagarna som gäller för en kommun finns samlade i slutet.",
        "adopted": "Fastställd av",
        "vision": "Visionen för Prov kommun är ”Tillsammans för ett grönare Prov”.",
        "references": "Riktlinjerna bygger också på dessa styrdokument i kommunen:",
        "month": "mars 2015",
        "reference_details": "(kommunstyrelsen, juni 2019)",
    },
}
# What the default (a strategy, or a policy in Swedish, adopted by a council) says instead.
DEFAULT = {
    "nb": ["Strategi for bruk av sosiale medier", "Denne strategien", "Vedtatt av", "alle som jobber i", "1. mars 2015"],
    "nn": ["Strategi for bruk av sosiale medium", "Denne strategien", "Vedteke av", "alle som arbeider i", "1. mars 2015"],
    "sv": ["Policy för sociala medier", "Den här policyn", "Antagen av", "alla som arbetar för", "1 mars 2015"],
}
FILE = {"nb": "retningslinjer-for-sosiale-medier", "nn": "retningsliner-for-sosiale-medium", "sv": "riktlinjer-for-sociala-medier"}
DEFAULT_FILE = {"nb": "strategi-for-sosiale-medier", "nn": "strategi-for-sosiale-medium", "sv": "policy-for-sociala-medier"}


def with_choices(language: str) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL[language])
    data.update(
        document_type="guidelines",
        applies_to=["employees", "managers", "elected-representatives"],
        vision=VISION[language],
        goals={"own": [OWN_GOAL[language]]},
        references=[
            {
                "title": ETHICS[language],
                "adopted_by": "kommunstyrelsen" if language == "sv" else "kommunestyret",
                "date": "2019-06",
                "url": "https://www.example.org/etikk",
            }
        ],
        adoption={"status": "adopted", "by": "officer", "body": OFFICER[language], "date": "2015-03"},
    )
    return data


def a_draft(language: str) -> dict[str, Any]:
    """A draft that names no roles and leaves date, body and case reference out; its own
    goals replace the default list, and it builds only the strategy and the register."""
    data = copy.deepcopy(MINIMAL[language])
    del data["roles"], data["adoption"]
    data.update(goals={"own": [OWN_GOAL[language]], "replace": True}, kinds=["strategy", "account-register"])
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("identity")
    for language in LANGUAGES:
        write_municipality(folder / "data", f"chosen-{language}", with_choices(language))
        write_municipality(folder / "data", f"draft-{language}", a_draft(language))
    # Only the kinds looked at, to keep the build short: the drafts' `kinds:` leaves
    # the others out by itself (test_only_the_listed_kinds_are_built…).
    report = build(folder / "data", folder / "out", kinds=["strategy", "account-register"], formats=FORMATS)
    assert report.exit_code == 0, report.failures + [e.format_message() for e in report.invalid]
    return folder / "out"


def strategy(out: Path, slug: str, language: str, fmt: str) -> Path:
    (path,) = [path for stem in (FILE[language], DEFAULT_FILE[language]) if (path := out / slug / language / f"{stem}.{fmt}").exists()]
    return path


def words(path: Path) -> str:
    """The text as a reader sees it, with the PDF's hyphenation (U+2010 at a line's end)
    undone, in lower case: the PDF sets title-page labels in capitals."""
    return re.sub("(\\w)\u2010 (\\w)", r"\1\2", " ".join(read_text(path).split())).casefold()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_chosen_identity_is_said_and_the_default_is_not(built: Path, language: str, fmt: str) -> None:
    path = strategy(built, f"chosen-{language}", language, fmt)
    assert path.stem == FILE[language]
    text = words(path)
    missing = [value for value in EXPECTED[language].values() if value.casefold() not in text]
    assert not missing, f"{path.name} lacks {missing}"
    assert OWN_GOAL[language] in text
    present = [value for value in DEFAULT[language] if value.casefold() in text]
    assert not present, f"{path.name} still says {present}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reference_links_to_the_document(built: Path, language: str) -> None:
    html = strategy(built, f"chosen-{language}", language, "html").read_text(encoding="utf-8")
    assert f'<a href="https://www.example.org/etikk">{ETHICS[language]}</a>' in html


BLANK_LINES = "____________________"
NEUTRAL = {
    "nb": ["I en krise er det kriseledelsen som bestemmer", "Det er den utpekte redaktøren som"],
    "nn": ["I ei krise er det kriseleiinga som avgjer", "Det er den utpeikte redaktøren som"],
    "sv": ["I en kris är det krisledningen som bestämmer", "Det är den utsedda redaktören som"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_draft_leaves_lines_to_fill_in_and_names_roles_neutrally(built: Path, language: str, fmt: str) -> None:
    path = strategy(built, f"draft-{language}", language, fmt)
    text = words(path)
    # Body, date and case reference: three lines to fill in, no value made up.
    assert text.count(BLANK_LINES) >= 3, text[:600]
    missing = [value for value in NEUTRAL[language] if value.casefold() not in text]
    assert not missing, f"{path.name} lacks {missing}"
    assert "2000" not in text  # the metadata's stand-in date is never printed


def test_a_document_in_force_prints_what_is_known_and_leaves_the_rest_out() -> None:
    adoption = Adoption(status="in-force", body="bystyret", date=dt.date(2011, 5, 1))
    assert title_page_facts(adoption, "nb") == (
        ("Status", "Gjeldende"),
        ("Vedtatt av", "bystyret"),
        ("Dato", "1. mai 2011"),
        ("Versjon", "1.0"),
    )
    assert title_page_facts(Adoption(status="in-force"), "sv") == (("Status", "Gällande"), ("Version", "1.0"))


DEFAULT_GOAL = {
    "nb": "snakke med innbyggerne, ikke bare til dem",
    "nn": "snakke med innbyggjarane, ikkje berre til dei",
    "sv": "föra samtal med invånare, företag och föreningar",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_own_goals_extend_or_replace_the_default_list(built: Path, language: str, fmt: str) -> None:
    extended = words(strategy(built, f"chosen-{language}", language, fmt))
    replaced = words(strategy(built, f"draft-{language}", language, fmt))
    assert OWN_GOAL[language] in extended and DEFAULT_GOAL[language] in extended
    assert OWN_GOAL[language] in replaced and DEFAULT_GOAL[language] not in replaced


# Which kinds are built (kinds:) ------------------------------------------------------

APPENDIX = {
    "nb": ("Vedlegg 4: Kontoer i sosiale medier", ["Vedlegg 1", "Vedlegg 2", "Vedlegg 3"]),
    "nn": ("Vedlegg 4: Kontoar i sosiale medium", ["Vedlegg 1", "Vedlegg 2", "Vedlegg 3"]),
    "sv": ("Bilaga 4: Konton i sociala medier", ["Bilaga 1", "Bilaga 2", "Bilaga 3"]),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_listed_kinds_are_built_and_the_appendices_name_only_them(built: Path, language: str) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    kinds = {output["kind"] for output in manifest["outputs"] if output["municipality"] == f"draft-{language}"}
    assert kinds == {"strategy", "account-register"}
    entries, _ = load_all(built.parent / "data")
    everything = {job.kind for job in plan(entries) if job.entry.slug == f"chosen-{language}"}
    assert everything == set(KINDS) - {"publishing-plan"}  # every kind (a publishing plan needs one in the data)
    listed, left_out = APPENDIX[language]
    for fmt in FORMATS:
        text = words(strategy(built, f"draft-{language}", language, fmt))
        assert listed.casefold() in text, fmt
        assert not [name for name in left_out if f"{name}:".casefold() in text], fmt


def test_kind_names_in_the_data_are_the_kinds_docgen_has() -> None:
    assert set(get_args(KindName)) == set(KINDS)


def test_list_and_validate_follow_kinds(tmp_path: Path) -> None:
    data = {**a_draft("nb"), "content": {"house-rules": {"omit": ["house-rules.changed"]}}}
    folder = write_municipality(tmp_path, "prove", data)
    listed = CliRunner().invoke(main, ["list", "--data", str(folder)])
    assert "builds only: strategy, account-register" in listed.output
    validated = CliRunner().invoke(main, ["validate", "prove", "--data", str(folder)])
    assert validated.exit_code == 0, validated.output
    assert "content.house-rules: house-rules is not built" in validated.output
