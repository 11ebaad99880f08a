"""The activity plan: one signable form per account, pre-filled from the data, and a blank
form, as PDF and DOCX in every language of every example municipality. The PDF shows
every answer the data gives and has a fillable field exactly where it gives none; the
signature blocks are drawn, none is split across two pages and the last never stands
alone on a page; LibreOffice opens the DOCX."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from clients import soffice_to_pdf
from conftest import EXAMPLES, Built, write_municipality
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from docgen import content
from docgen import language as lang
from docgen.build import build
from docgen.document import FormField
from docgen.kinds import KINDS
from docgen.load import Entry, load
from docgen.model import Account, AccountKind

KIND = "activity-plan"
EXAMPLE_ENTRIES = {path.stem: load(path) for path in sorted(EXAMPLES.glob("*.yaml"))}
EXAMPLE_LANGUAGES = [(slug, language) for slug, entry in EXAMPLE_ENTRIES.items() for language in entry.municipality.all_languages]
EXAMPLE_PLANS = [
    (slug, language, account.slug)
    for slug, language in EXAMPLE_LANGUAGES
    for account in EXAMPLE_ENTRIES[slug].in_language(language).municipality.accounts
]
# The questions the data can answer, by their stable field names (the PDF field names).
QUESTIONS = ("platform", "url", "unit", "purpose", "audience", "credentials", "operators", "updates", "monitoring", "removal", "hours", "start", "end")


# Reading what was written -----------------------------------------------------------


def label(language: str, name: str) -> str:
    """A label clause (activity-plan.label.<name>) as the default text has it."""
    (clause,) = [c for c in content.clauses(language, KIND) if c.id == f"{KIND}.label.{name}"]
    return clause.text


def pages(path: Path) -> list[str]:
    """Each page's text, with automatic hyphenation at line ends undone (a real hyphen
    stays: dome-kommune may break after its hyphen)."""
    return [re.sub(r"(\w)[\u2010\u00ad]\n(\w)", r"\1\2", page.extract_text() or "") for page in PdfReader(path).pages]


def squeezed(text: str) -> str:
    """Text without any white space, so a value is found however the box wrapped it."""
    return re.sub(r"\s+", "", text)


def fields(path: Path) -> dict[str, Any]:
    return PdfReader(path).get_fields() or {}


def account_of(slug: str, account_slug: str, language: str) -> Account:
    """The account as the data gives it in `language`."""
    accounts = EXAMPLE_ENTRIES[slug].in_language(language).municipality.accounts
    return next(a for a in accounts if a.slug == account_slug)


def plan(built: Built, slug: str, language: str, fmt: str, account: str | None) -> Path:
    (output,) = [
        o for o in built.select(municipality=slug, language=language, kind=KIND, format=fmt) if o.get("account") == account
    ]
    return built.path(output)


def answers(account: Account, language: str) -> list[str]:
    """Every answer the data gives for `account`, as it must appear on its form: a
    frequency keyword and the answer hours in the words of `language`."""
    words = lang.labels(language)
    people = [*account.administrators, *account.operators]
    found = [str(account.url), account.unit, account.purpose, account.audience]
    found += [value for person in people for value in (person.name, person.title, person.email, person.phone) if value]
    found += [value for value in (account.credentials_stored, account.monitoring) if value]
    frequency = account.update_frequency
    if frequency:
        found.append(capitalised(words["update_frequency"].get(frequency, frequency)))
    if account.answer_days:
        start, end = (lang.clock(time, language) for time in (account.answer_from, account.answer_to))
        found.append(capitalised(words["answer_hours"][account.answer_days].format(start=start, end=end)))
    return found


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def missing(entry: Entry, account: Account | None) -> set[str]:
    """The field names a form must leave to fill in: every answer the data does not give."""
    if account is None:
        people = range(1, entry.municipality.policy.min_administrators_for(None) + 1)
        return set(QUESTIONS) | {f"admin-{i}-{part}" for i in people for part in ("name", "title", "email", "phone")}
    gaps = {"removal"}  # the data never says how fast breaches are removed
    gaps |= {name for name, value in (
        ("credentials", account.credentials_stored),
        ("operators", account.operators),
        ("updates", account.update_frequency),
        ("monitoring", account.monitoring or account.answer_days),
        ("hours", account.hours_per_week),
        ("start", account.start_date),
    ) if not value}
    if account.kind is AccountKind.campaign and account.end_date is None:
        gaps.add("end")
    for i, person in enumerate(account.administrators, start=1):
        gaps |= {f"admin-{i}-{part}" for part in ("title", "email", "phone") if getattr(person, part) is None}
    return gaps


def assert_signatures_whole(page_texts: list[str], language: str, roles: list[str]) -> list[int]:
    """Each signature block's role and its printed-name label are on one page; return the
    page each block is on, in the order of `roles`."""
    statement = "|".join(re.escape(label(language, name)) for name in ("administrator-statement", "statement"))
    name_label = label(language, "printed-name")
    on: list[int] = []
    for role in roles:
        heads = [(number, match) for number, text in enumerate(page_texts)
                 for match in re.finditer(re.escape(role) + rf"\s*\n(?:{statement})", text)]
        assert len(heads) == 1, f"the signature block for {role!r} was found {len(heads)} times"
        number, match = heads[0]
        rest = page_texts[number][match.end():]
        following = re.search(statement, rest)
        block = rest if following is None else rest[:following.start()]
        assert name_label in block, f"the signature block for {role!r} starts on page {number + 1} but ends on the next"
        on.append(number)
    return on


# The files ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug,language", EXAMPLE_LANGUAGES)
def test_one_pdf_and_one_docx_per_account_and_one_blank_form(built: Built, slug: str, language: str) -> None:
    assert not [f for f in built.failures if f" {KIND} " in f], built.failures
    accounts = {account.slug for account in EXAMPLE_ENTRIES[slug].in_language(language).municipality.accounts}
    for fmt in ("pdf", "docx"):
        outputs = built.select(municipality=slug, language=language, kind=KIND, format=fmt)
        forms = {o["account"]: o for o in outputs if o.get("variant") is None}
        assert set(forms) == accounts
        # Each account's form is its own file, in the language's folder (the names
        # themselves: test_file_names_read_as_the_documents_they_are).
        assert len({output["path"] for output in forms.values()}) == len(forms)
        for output in forms.values():
            assert Path(output["path"]).parent == Path(slug, language)
            assert built.path(output).stat().st_size > 0
        blanks = [o for o in outputs if o.get("variant") == "blank"]
        assert len(blanks) == 1 and blanks[0]["account"] is None
        assert len(outputs) == len(accounts) + 1


def test_file_names_read_as_the_documents_they_are(built: Built) -> None:
    paths = {o["path"] for o in built.select(kind=KIND, format="pdf")}
    assert "nora/sv/bilaga-1-aktivitetsplan-facebook-nora-kommun.pdf" in paths
    assert "nora/sv/bilaga-1-aktivitetsplan-tom-blankett.pdf" in paths
    assert "aas/nb/vedlegg-1-aktivitetsplan-tomt-skjema.pdf" in paths


# The pre-filled forms -------------------------------------------------------------------


@pytest.mark.parametrize("slug,language,account", EXAMPLE_PLANS)
def test_pdf_shows_every_answer_the_data_gives(built: Built, slug: str, language: str, account: str) -> None:
    path = plan(built, slug, language, "pdf", account)
    reader = PdfReader(path)
    assert all(round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842 for page in reader.pages)
    text = "\n".join(pages(path))
    entry, data = EXAMPLE_ENTRIES[slug], account_of(slug, account, language)
    title = [c for c in content.clauses(language, KIND) if c.id == f"{KIND}.title"][0].text
    assert entry.municipality.name in text and title in text
    for value in answers(data, language):
        assert squeezed(value) in squeezed(text), f"{value!r} is not on the form"
    # Administrators print their names under their signature lines.
    for person in data.administrators:
        assert person.name.upper() in text


@pytest.mark.parametrize("slug,language,account", EXAMPLE_PLANS)
def test_pdf_has_fields_only_where_the_data_has_no_answer(built: Built, slug: str, language: str, account: str) -> None:
    found = fields(plan(built, slug, language, "pdf", account))
    assert set(found) == missing(EXAMPLE_ENTRIES[slug], account_of(slug, account, language))
    assert all(field.get("/FT") == "/Tx" and not field.get("/V") for field in found.values())


# What people type into the fields: Norwegian, Swedish and Sami letters, and the signs forms ask for.
TYPED = "ÆØÅæøåÄÖäöÁáČčĐđŊŋŠšŦŧŽžéü§€@–«»"


@pytest.mark.parametrize("slug,language", EXAMPLE_LANGUAGES)
def test_pdf_forms_are_small_and_carry_a_font_for_what_is_typed(built: Built, slug: str, language: str) -> None:
    for output in built.select(municipality=slug, language=language, kind=KIND, format="pdf"):
        path = built.path(output)
        assert path.stat().st_size <= 80_000, f"{path.name}: {path.stat().st_size} bytes"
        reader = PdfReader(path)
        acroform = reader.trailer["/Root"].get("/AcroForm")
        if acroform is None:  # every answer given: no fields
            continue
        resources = acroform["/DR"]["/Font"]
        used = {match for field in acroform["/Fields"] for match in re.findall(r"/(\S+) [\d.]+ Tf", field.get_object()["/DA"])}
        assert used, path.name
        for name in used:
            descendant = resources[f"/{name}"].get_object()["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            letters = set(map(chr, TTFont(io.BytesIO(program)).getBestCmap()))
            assert set(TYPED) <= letters, f"{path.name}: the field font lacks {set(TYPED) - letters}"


@pytest.mark.parametrize("slug,language", EXAMPLE_LANGUAGES)
def test_blank_pdf_has_a_named_field_for_every_answer(built: Built, slug: str, language: str) -> None:
    path = plan(built, slug, language, "pdf", None)
    found = fields(path)
    assert set(found) == missing(EXAMPLE_ENTRIES[slug], None)
    assert all(field.get("/FT") == "/Tx" for field in found.values())
    # The signature lines are drawn, never fields; the roles come from the data.
    municipality = EXAMPLE_ENTRIES[slug].in_language(language).municipality
    roles = [label(language, "administrator").format(number=i) for i in range(1, municipality.policy.min_administrators_for(None) + 1)]
    roles += [role[:1].upper() + role[1:] for role in municipality.roles.approvers] or [label(language, "approver")]
    assert_signatures_whole(pages(path), language, roles)


def test_a_campaign_without_an_end_date_leaves_the_end_date_to_fill_in(tmp_path: Path, minimal: dict) -> None:
    data = minimal["nb"]
    data["accounts"][0]["kind"] = "campaign"
    pdf = _build(tmp_path, data)[0]
    assert "end" in fields(pdf)
    assert label("nb", "ongoing") not in "\n".join(pages(pdf))


@pytest.mark.parametrize("hours,expected", [(1, "1 time per uke"), (2.5, "2,5 timer per uke")])
def test_hours_per_week_read_as_a_sentence(tmp_path: Path, minimal: dict, hours: float, expected: str) -> None:
    data = minimal["nb"]
    data["accounts"][0]["hours_per_week"] = hours
    entry = load(write_municipality(tmp_path, "prove", data) / "prove.yaml")
    kind = KINDS[KIND]
    document = kind.document(entry, "nb", kind.outputs(entry, "nb")[0])
    (field,) = [block for block in document.blocks() if isinstance(block, FormField) and block.name == "hours"]
    assert field.value == expected


# Signatures ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "sv"])
@pytest.mark.parametrize("operators", [0, 2, 5])
def test_no_signature_block_is_split_across_pages(tmp_path: Path, minimal: dict, language: str, operators: int) -> None:
    """Seven administrators and two approvers: the blocks run over a page break, which
    must fall between blocks. The number of operators moves where the break falls."""
    data = minimal[language]
    data["roles"]["approvers"] = ["etatssjef", "kommunedirektør"]
    account = data["accounts"][0]
    account["administrators"] = [{"name": f"Person {n} Nordmann", "phone": f"64 96 20 0{n}"} for n in range(1, 8)]
    account["operators"] = [{"name": f"Operatør {n}", "email": f"op{n}@example.org"} for n in range(operators)]
    pdf = _build(tmp_path, data)[0]
    roles = [label(language, "administrator").format(number=n) for n in range(1, 8)] + ["Etatssjef", "Kommunedirektør"]
    on = assert_signatures_whole(pages(pdf), language, roles)
    assert len(set(on)) >= 2, "all blocks fit on one page, so this test proves nothing about page breaks"
    for n in range(1, 8):
        assert f"PERSON {n} NORDMANN" in "\n".join(pages(pdf))


def test_the_last_signature_block_never_stands_alone(tmp_path: Path, minimal: dict) -> None:
    """Wherever the page break falls, the last block has company on its page: a form
    whose last page holds one signature wastes a sheet and looks unfinished. Each added
    operator lengthens the questions by a line and moves the break."""
    data = minimal["nb"]
    data["roles"]["approvers"] = ["etatssjef", "kommunedirektør"]
    account = data["accounts"][0]
    roles = [label("nb", "administrator").format(number=n) for n in (1, 2)] + ["Etatssjef", "Kommunedirektør"]
    breaks = 0
    for count in range(10):
        account["operators"] = [{"name": f"Operatør {n}", "email": f"op{n}@example.org"} for n in range(count)]
        on = assert_signatures_whole(pages(_build(tmp_path / str(count), data)[0]), "nb", roles)
        assert on.count(on[-1]) >= 2, f"with {count} operators the last signature stands alone on page {on[-1] + 1}"
        breaks += len(set(on)) > 1
    assert breaks, "the blocks never ran over a page, so this test proves nothing"


@pytest.mark.parametrize("new_accounts", ["approval", "notification"])
def test_administrators_take_the_task_on_and_approvers_approve(tmp_path: Path, minimal: dict, new_accounts: str) -> None:
    """An administrator signs to take the task on, an approver to approve the plan. With
    no approvers in the data, the unit's leader signs and, where a new account needs the
    approval of roles.account_approver (as the strategy then says), that role signs too."""
    data = minimal["nb"]
    data["policy"] = {"new_accounts": new_accounts}
    text = "\n".join(pages(_build(tmp_path, data)[0]))
    takes_on, approves = re.escape(label("nb", "administrator-statement")), re.escape(label("nb", "statement"))
    assert len(re.findall(rf"Administrator \d\s*\n{takes_on}\n", text)) == 2
    assert not re.search(rf"Administrator \d\s*\n{approves}", text)
    assert re.search(rf"{label('nb', 'approver')}\s*\n{approves}", text)
    account_approver = re.search(rf"Kommunikasjonssjefen\s*\n{approves}", text)  # roles.account_approver
    assert (account_approver is not None) == (new_accounts == "approval")


@pytest.mark.parametrize(("slug", "language"), [("rakkestad", "nb"), ("nora", "sv")])
def test_signature_lines_stand_side_by_side_with_room_above_to_sign(built: Built, slug: str, language: str) -> None:
    """Under each statement, date, signature and printed name are three lines on one
    baseline, in columns of 5 : 9 : 8 with one gap between each, and at least 14 mm below
    the statement: room to write by hand."""
    names = ("administrator-statement", "statement", "date", "signature", "printed-name")
    words = {name: label(language, name) for name in names}
    placed: list[tuple[str, float, float]] = []
    blocks = 0

    def seen(text: str, matrix: list[float], text_matrix: list[float], *_: Any) -> None:
        if text.strip() in words.values():
            placed.append((text.strip(), text_matrix[4] * matrix[0] + matrix[4], text_matrix[5] * matrix[3] + matrix[5]))

    for page in PdfReader(plan(built, slug, language, "pdf", None)).pages:
        placed.clear()
        page.extract_text(visitor_text=seen)
        statements = [y for text, _, y in placed if text in (words["administrator-statement"], words["statement"])]
        lines = [[(x, y) for text, x, y in placed if text == words[name]] for name in ("date", "signature", "printed-name")]
        assert len(statements) == len(lines[0]) == len(lines[1]) == len(lines[2])
        blocks += len(statements)
        for statement, *three in zip(statements, *lines):
            (date_x, date_y), (sign_x, sign_y), (name_x, name_y) = three
            assert date_y == pytest.approx(sign_y, abs=0.5) and sign_y == pytest.approx(name_y, abs=0.5)
            assert (statement - date_y) / 72 * 25.4 >= 14
            # Each step is a column and a gap: 5u + g to the signature, 9u + g on to the name.
            unit = ((name_x - sign_x) - (sign_x - date_x)) / 4
            assert unit > 0 and (sign_x - date_x) - 5 * unit == pytest.approx(12.5, abs=1.5)  # 1.25rem of 10 pt
    assert blocks >= 3


# The municipality's own words ---------------------------------------------------------------


def test_title_can_be_renamed_and_questions_added(tmp_path: Path, minimal: dict) -> None:
    data = minimal["nb"]
    data["content"] = {KIND: {
        "title": "Vedlegg 3 Plan for kontoen",
        "add": [{"after": f"{KIND}.question.hours", "id": f"{KIND}.question.budget", "text": "Hvor stort budsjett har kontoen?"}],
        "replace": {f"{KIND}.label.date": "Sted og dato"},
    }}
    for pdf in _build(tmp_path, data):
        text = "\n".join(pages(pdf))
        assert "Vedlegg 3 Plan for kontoen" in text and "Vedlegg 1" not in text
        assert "12. Hvor stort budsjett har kontoen?" in text
        assert "budget" in fields(pdf)
        assert "Sted og dato" in text


def test_data_is_printed_as_text_never_as_markup(tmp_path: Path, minimal: dict) -> None:
    data = minimal["nb"]
    data["accounts"][0]["purpose"] = "<b>Nyheter</b> & {municipality} *dialog*"
    pdf = _build(tmp_path, data, formats=["pdf", "docx"])
    text = "\n".join(pages(pdf[0]))
    assert "<b>Nyheter</b> & {municipality} *dialog*" in text
    assert [path.suffix for path in pdf] == [".pdf", ".docx"]
    assert "<b>Nyheter</b> & {municipality} *dialog*" in _docx_text(pdf[1])


# DOCX --------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug,language,account", EXAMPLE_PLANS)
def test_docx_holds_every_answer_the_data_gives(built: Built, slug: str, language: str, account: str) -> None:
    text = squeezed(_docx_text(plan(built, slug, language, "docx", account)))
    for value in answers(account_of(slug, account, language), language):
        assert squeezed(value) in text, f"{value!r} is not in the Word form"


@pytest.mark.client
def test_libreoffice_converts_every_docx(built: Built, libreoffice: Path, tmp_path: Path) -> None:
    # Copies with unique names: LibreOffice names each PDF after its input's stem.
    copies = {}
    for output in built.select(kind=KIND, format="docx"):
        source = built.path(output)
        copy = (tmp_path / "in" / f"{output['municipality']}-{output['language']}-{source.name}").resolve()
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, copy)
        copies[copy] = output
    converted = soffice_to_pdf(list(copies), tmp_path / "out")
    assert set(converted) == set(copies)
    for docx_path, pdf in converted.items():
        output = copies[docx_path]
        text = "\n".join(pages(pdf))
        assert EXAMPLE_ENTRIES[output["municipality"]].municipality.name in text
        if output["account"]:
            account = account_of(output["municipality"], output["account"], output["language"])
            assert squeezed(str(account.url)) in squeezed(text)


# Helpers --------------------------------------------------------------------------------------


def _build(tmp_path: Path, data: dict, formats: list[str] | None = None) -> list[Path]:
    """Build the activity plans of a tiny municipality; return the first account's form
    files (PDF first), after checking the build succeeded."""
    folder = write_municipality(tmp_path / "data", "prove", data)
    out = tmp_path / "build"
    report = build(folder, out, kinds=[KIND], formats=formats or ["pdf"])
    assert not report.failures and not report.invalid, report.failures + [e.format_message() for e in report.invalid]
    # Beside the forms each document keeps its snapshot (for docgen diff); not a form file.
    written = [target for target in report.written if target.account is not None and target.format != "snapshot"]
    first = written[0].account
    return sorted((out / t.path for t in written if t.account == first), key=lambda p: p.suffix != ".pdf")


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(io.BytesIO(path.read_bytes()))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)
