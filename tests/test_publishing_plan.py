"""The publishing plan: Døme's example plan read back from every format it is written in
(iCalendar with the icalendar library, XLSX with openpyxl and LibreOffice, CSV, PDF with
pypdf, DOCX with python-docx, HTML), the policy checks as warnings, and the strategy
clause that mentions the plan."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import docx
import icalendar
import openpyxl
import pypdf
import pytest
from click.testing import CliRunner
from PIL import Image
from conftest import EXAMPLES, MINIMAL, Built, write_municipality
from ruamel.yaml import YAML

from clients import require_client, soffice_to_pdf
from docgen.build import assemble, build, load_all, plan
from docgen.document import Document
from docgen.cli import main
from docgen.paths import PROJECT
from docgen.writers import WRITERS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
OSLO = ZoneInfo("Europe/Oslo")
WARNINGS = sorted((PROJECT / "tests" / "bad" / "warnings").glob("*.yaml"))
EXPECT_WARNING = re.compile(r"^# expect-warning: (\d+): (.+)$")


def plan_warnings(output: str) -> list[str]:
    """The warnings about the publishing plan (not, say, the pages the data does not link)."""
    return [line for line in output.splitlines() if line.startswith("warning: ") and ": publishing_plan." in line]


def planned_posts(path: Path, language: str = "nn") -> list[tuple[dt.datetime, str, str]]:
    """(local start, account, goal in `language`) of every post the data file plans,
    worked out here from the YAML itself rather than by docgen's own code."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["publishing_plan"]
    period = data["period"]
    found = []
    for post in data["posts"]:
        hours, minutes = (int(part) for part in str(post["time"]).split("."))
        if "date" in post:
            days = [post["date"]]
        else:
            weekly = post["weekly"]
            first, last = weekly.get("from", period["from"]), weekly.get("to", period["to"])
            days = [
                first + dt.timedelta(n)
                for n in range((last - first).days + 1)
                if WEEKDAYS[(first + dt.timedelta(n)).weekday()] in weekly["weekdays"]
            ]
        goal = post["goal"][language] if isinstance(post["goal"], dict) else post["goal"]
        found += [(dt.datetime(d.year, d.month, d.day, hours, minutes), post["account"], goal) for d in days]
    return sorted(found)


def one(built: Built, fmt: str, language: str = "nn") -> Path:
    [output] = built.select(municipality="dome", kind="publishing-plan", format=fmt, language=language)
    return built.path(output)


def events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


# iCalendar ---------------------------------------------------------------------------


def test_calendar_has_exactly_the_planned_posts_at_their_local_times(built: Built):
    expected = planned_posts(EXAMPLES / "dome.yaml")
    assert len(expected) == 45  # 4 weekly series over 8 weeks (one shorter) and 5 single posts
    found = []
    for event in events(one(built, "ics")):
        start = event.decoded("dtstart")
        assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Oslo", start
        assert event.decoded("dtend") - start == dt.timedelta(minutes=30)
        goal = str(event["summary"]).rsplit(" (", 1)[0]
        found.append((start.replace(tzinfo=None), goal))
    assert sorted(found) == sorted((start, goal) for start, _, goal in expected)


def test_calendar_times_are_right_in_summer_and_winter_time(built: Built):
    starts = {event.decoded("dtstart") for event in events(one(built, "ics"))}
    christmas = dt.datetime(2026, 12, 25, 10, 0, tzinfo=OSLO)
    assert christmas in starts
    assert christmas.astimezone(dt.timezone.utc).hour == 9  # CET, UTC+1
    calendar = icalendar.Calendar.from_ical(one(built, "ics").read_bytes())
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Oslo"  # Outlook needs the zone described in the file
    assert calendar["X-WR-TIMEZONE"] == "Europe/Oslo"


def test_calendar_uids_are_unique_and_the_same_in_every_language(built: Built):
    uids = {language: [str(e["uid"]) for e in events(one(built, "ics", language))] for language in ("nn", "nb")}
    assert len(set(uids["nn"])) == len(uids["nn"])
    assert sorted(uids["nn"]) == sorted(uids["nb"])
    assert all(uid.endswith("@www.dome.kommune.no") for uid in uids["nn"])


def _plan_data(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "dome", data / "dome")
    yaml = YAML()
    content = yaml.load((EXAMPLES / "dome.yaml").read_text(encoding="utf-8"))
    return data, content


def _build_calendar(data: Path, content: dict[str, Any], out: Path) -> bytes:
    with (data / "dome.yaml").open("w", encoding="utf-8") as stream:
        YAML().dump(content, stream)
    report = build(data, out, kinds=["publishing-plan"], languages=["nn"], formats=["ics", "xlsx"], workers=1)
    assert not report.failures and not report.invalid, report.failures
    return (out / "dome" / "nn" / "publiseringsplan.ics").read_bytes()


def test_rebuilding_gives_the_same_uids_and_an_edited_post_keeps_its_uid(tmp_path: Path):
    data, content = _plan_data(tmp_path)
    first = _build_calendar(data, content, tmp_path / "a")
    again = _build_calendar(data, content, tmp_path / "b")
    assert first == again
    assert (tmp_path / "a/dome/nn/publiseringsplan.xlsx").read_bytes() == (
        tmp_path / "b/dome/nn/publiseringsplan.xlsx"
    ).read_bytes()
    # A new goal for the Christmas post: same event, new text, so a re-import updates it.
    christmas = next(post for post in content["publishing_plan"]["posts"] if str(post.get("date")) == "2026-12-25")
    christmas["goal"] = {"nn": "God jul og godt nytt år", "nb": "God jul og godt nytt år"}
    edited = _build_calendar(data, content, tmp_path / "c")

    def by_uid(ics: bytes) -> dict[str, str]:
        return {str(e["uid"]): str(e["summary"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}

    before, after = by_uid(first), by_uid(edited)
    assert before.keys() == after.keys()
    changed = [uid for uid in before if before[uid] != after[uid]]
    assert len(changed) == 1 and after[changed[0]].startswith("God jul og godt nytt år")


# Spreadsheets --------------------------------------------------------------------------


def test_xlsx_has_one_typed_row_per_post_under_a_header_in_the_language(built: Built):
    sheet = openpyxl.load_workbook(one(built, "xlsx")).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Veke", "Dato", "Dag", "Klokkeslett", "Konto", "Innhaldstype", "Mål eller tema", "Ansvarleg")
    assert len(rows) - 1 == len(planned_posts(EXAMPLES / "dome.yaml"))
    week, day, weekday, time, account, content_type, goal, responsible = rows[1]
    assert isinstance(week, int) and week == 45
    assert isinstance(day, dt.datetime) and day.date() == dt.date(2026, 11, 2)  # a date cell
    assert weekday == "måndag"
    assert time == dt.time(9, 0)  # a time cell, not text
    assert (account, content_type) == ("Facebook: Døme kommune", "Tenesteinformasjon")
    assert sheet["B2"].number_format == "dd.mm.yyyy"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    own_words = [row for row in rows[1:] if row[5] == "Beredskapsråd"]  # the municipality's own content type
    assert len(own_words) == 1


def converted_by_libreoffice(built: Built, fmt: str, tmp_path: Path) -> pypdf.PdfReader:
    """The example plan in `fmt`, opened by LibreOffice and saved as PDF."""
    require_client("libreoffice")
    source = tmp_path / f"publiseringsplan.{fmt}"
    shutil.copy(one(built, fmt), source)
    return pypdf.PdfReader(soffice_to_pdf([source], tmp_path / "out")[source])


@pytest.mark.client
def test_libreoffice_opens_and_converts_the_xlsx(built: Built, tmp_path: Path):
    pdf = converted_by_libreoffice(built, "xlsx", tmp_path)
    text = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    assert "Innhaldstype" in text and "Sakliste og direktesending frå kommunestyremøtet" in text


def test_csv_opens_in_a_nordic_excel_and_has_one_row_per_post(built: Built):
    raw = one(built, "csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:4] == ["Veke", "Dato", "Dag", "Klokkeslett"]
    assert len(rows) - 1 == 45
    assert ["52", "2026-12-25", "fredag", "10:00"] == rows[-1][:4]


# Readable formats ----------------------------------------------------------------------


def test_pdf_is_a_tagged_landscape_a4_table_by_week(built: Built):
    reader = pypdf.PdfReader(one(built, "pdf"))
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (842, 595) for p in reader.pages
    )
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for number in range(45, 53):  # every ISO week of November and December 2026
        assert f"Veke {number} (" in text
    assert "Veke 45 (2.11.2026–8.11.2026)" in text
    assert "25.12.2026 (første juledag)" in text  # the holiday, named as running text writes it
    assert "Beredskapsråd" in text


@pytest.mark.client
def test_pdf_page_renders_wider_than_high(built: Built, tmp_path: Path):
    pdftoppm = require_client("pdftoppm")
    page = [str(pdftoppm), "-png", "-r", "40", "-f", "1", "-l", "1", str(one(built, "pdf")), str(tmp_path / "p")]
    subprocess.run(page, check=True)
    [png] = tmp_path.glob("p*.png")
    width, height = Image.open(png).size
    assert width > height  # landscape as rendered, not only as declared


def test_docx_is_landscape_with_a_table_per_week(built: Built):
    word = docx.Document(str(one(built, "docx")))
    section = word.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert abs(section.page_width.mm - 297) < 1
    tables = [t for t in word.tables if t.rows[0].cells[0].text == "Dato"]
    assert len(tables) == 8
    assert [c.text for c in tables[0].rows[0].cells] == [
        "Dato", "Dag", "Klokkeslett", "Konto", "Innhaldstype", "Mål eller tema", "Ansvarleg"
    ]
    captions = [p.text for p in word.paragraphs if p.text.startswith("Veke ")]
    assert captions[0] == "Veke 45 (2.11.2026–8.11.2026)" and len(captions) == 8


@pytest.mark.client
def test_libreoffice_lays_the_docx_out_in_landscape(built: Built, tmp_path: Path):
    page = converted_by_libreoffice(built, "docx", tmp_path).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_html_has_a_captioned_table_per_week(built: Built):
    html = one(built, "html").read_text(encoding="utf-8")
    assert html.count("<caption>Veke ") == 8
    assert '<th scope="col">Innhaldstype</th>' in html


def test_manifest_lists_every_format_with_names_in_the_language(built: Built):
    outputs = built.select(municipality="dome", kind="publishing-plan")
    assert {(o["language"], o["format"]) for o in outputs} == {
        (language, fmt) for language in ("nn", "nb") for fmt in ("pdf", "docx", "html", "csv", "xlsx", "ics", "snapshot")
    }
    assert {Path(o["path"]).name.split(".")[0] for o in outputs} == {"publiseringsplan"}
    assert not [o for o in built.outputs if o["kind"] == "publishing-plan" and o["municipality"] != "dome"]


# Swedish ---------------------------------------------------------------------------------


def test_a_swedish_plan_is_in_swedish_and_stockholm_time(tmp_path: Path):
    data = copy.deepcopy(MINIMAL["sv"])
    data["publishing_plan"] = {
        "period": {"from": "2026-06-01", "to": "2026-06-14"},
        "owner": "kommunikationschefen",
        "presented_to": "ledningsgruppen",
        "posts": [
            {"account": "facebook-prove-kommune", "weekly": {"weekdays": ["monday", "wednesday"]}, "time": "08.30",
             "content_type": "news", "goal": "Veckans nyheter", "responsible": "Kommunikationsenheten"},
            {"account": "facebook-prove-kommune", "date": "2026-06-06", "time": "10.00", "content_type": "event",
             "goal": "Nationaldagen i parken", "responsible": "Kulturförvaltningen", "holiday": True},
        ],
    }
    folder = write_municipality(tmp_path / "data", "prov", data)
    report = build(folder, tmp_path / "out", kinds=["publishing-plan", "strategy"], formats=["ics", "csv", "md"],
                   workers=1)
    assert not report.failures and not report.invalid
    assert not [warning for warning in report.warnings if "publishing_plan." in warning]
    out = tmp_path / "out" / "prov" / "sv"
    calendar = icalendar.Calendar.from_ical((out / "publiceringsplan.ics").read_bytes())
    starts = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert len(starts) == 5 and {str(s.tzinfo) for s in starts} == {"Europe/Stockholm"}
    assert starts[0] == dt.datetime(2026, 6, 1, 8, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    header = (out / "publiceringsplan.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "Vecka;Datum;Dag;Klockslag;Konto;Innehållstyp;Mål eller tema;Ansvarig"
    strategy = (out / "policy-for-sociala-medier.md").read_text(encoding="utf-8")
    assert "Det är kommunikationschefen som äger planen. Planen läggs fram för ledningsgruppen varje månad." in strategy


# The strategy --------------------------------------------------------------------------


def test_the_strategy_mentions_the_plan_only_when_there_is_one(built: Built):
    [dome] = built.select(municipality="dome", kind="strategy", format="md", language="nn")
    text = " ".join(built.path(dome).read_text(encoding="utf-8").split())
    assert "Vi planlegg innlegga to månader fram i tid i ein publiseringsplan." in text
    assert "Det er kommunikasjonsrådgjevaren som eig planen. Planen blir lagd fram for leiargruppa kvar månad." in text
    for output in built.select(kind="strategy", format="md"):
        if output["municipality"] != "dome":
            assert "publiseringsplan" not in built.path(output).read_text(encoding="utf-8").lower()


# Warnings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WARNINGS, ids=lambda p: p.stem)
def test_policy_warnings_are_reported_at_their_line_and_build_still_works(path: Path, monkeypatch):
    monkeypatch.chdir(PROJECT)
    relative = path.relative_to(PROJECT)
    expected = [EXPECT_WARNING.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected_lines = [(int(m.group(1)), m.group(2)) for m in expected if m]
    assert expected_lines, f"{path.name} has no '# expect-warning:' line"
    result = CliRunner().invoke(main, ["validate", path.stem, "--data", str(relative.parent)])
    assert result.exit_code == 0, result.output
    reported = plan_warnings(result.output)
    assert len(reported) == len(expected_lines), result.output
    for line, message in expected_lines:
        assert any(r.startswith(f"warning: {relative}:{line}:") and message in r for r in reported), result.output


@pytest.mark.parametrize(("country", "language"), [("NO", "nb"), ("NO", "nn"), ("SE", "sv")])
def test_every_public_holiday_has_a_name_of_ours_as_running_text_writes_it(country: str, language: str) -> None:
    """Each holiday the library knows in the coming ten years is named in the plan's own
    language (the library has no nynorsk), with a small letter unless it starts with a
    name, and two on one day read as one phrase."""
    from docgen.planned_posts import holiday, holiday_name

    days = [dt.date(2026, 1, 1) + dt.timedelta(n) for n in range(3653)]
    found = {name for day in days if (name := holiday(day, country))}
    assert len(found) >= 12
    names = [holiday_name(name, language) for name in found]
    assert not [name for name in names if re.search(r"[A-Z][a-z]+ [A-Z]|Day|Christmas|;", name)], names
    assert all(name[0].islower() or name.split()[0] in ("Kristi", "Sveriges", "Norges") for name in names), names
    if country == "NO":  # 17 May 2027 is Whit Monday too
        assert holiday_name(holiday(dt.date(2027, 5, 17), country) or "", language) == "grunnlovsdagen og andre pinsedag"


def test_a_holiday_post_marked_as_meant_gives_no_warning(tmp_path: Path):
    source = PROJECT / "tests" / "bad" / "warnings" / "plan-public-holiday.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "      responsible: Kommunikasjonsavdelingen\n",
        "      responsible: Kommunikasjonsavdelingen\n      holiday: true\n",
    )
    (tmp_path / "paske.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "paske", "--data", str(tmp_path)])
    assert result.exit_code == 0 and not plan_warnings(result.output), result.output


def test_the_starter_plan_validates_once_uncommented(tmp_path: Path):
    CliRunner().invoke(main, ["new", "lesja", "--name", "Lesja kommune", "--lang", "nn", "--data", str(tmp_path)])
    path = tmp_path / "lesja.yaml"
    head, commented = path.read_text(encoding="utf-8").split("# --- Publishing plan")
    uncommented = re.sub(r"^# ?", "", commented.split("\n", 1)[1], flags=re.MULTILINE)
    path.write_text(head + uncommented, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "lesja", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "publishing_plan" not in result.output


def test_the_readme_plan_is_valid_in_the_readme_municipality(tmp_path: Path):
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    tour, *others = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    [plan_example] = [block for block in others if block.startswith("publishing_plan:")]
    (tmp_path / "nora.yaml").write_text(tour + plan_example, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "nora", "--data", str(tmp_path)])
    assert result.exit_code == 0 and not plan_warnings(result.output), result.output


@pytest.mark.parametrize(
    ("frequency", "period", "weekly", "missing"),
    [
        # Daily means every weekday: Tuesday to Friday are missing, the weekend is not.
        ("daily", ("2026-03-02", "2026-03-08"), {"weekdays": ["monday"]},
         "2026-03-03, 2026-03-04, 2026-03-05, 2026-03-06;"),
        # Monthly: April has no post; March is covered.
        ("monthly", ("2026-03-01", "2026-04-30"), {"weekdays": ["monday"], "to": "2026-03-31"}, "2026-04;"),
        # Weekly: the week cut off by the plan's start (week 9) is not held against it.
        ("weekly", ("2026-03-01", "2026-03-22"), {"weekdays": ["monday"], "to": "2026-03-09"}, "week 12;"),
    ],
)
def test_too_few_posts_for_the_update_frequency_is_a_warning(
    tmp_path: Path, frequency: str, period: tuple[str, str], weekly: dict[str, Any], missing: str
):
    data = copy.deepcopy(MINIMAL["nb"])
    data["policy"] = {"update_frequency": frequency}
    data["publishing_plan"] = {
        "period": {"from": period[0], "to": period[1]},
        "owner": "kommunikasjonssjefen",
        "presented_to": "ledergruppen",
        "posts": [{"account": "facebook-prove-kommune", "weekly": weekly, "time": "09.00", "content_type": "news",
                   "goal": "Nytt", "responsible": "Kari Nordmann"}],
    }
    folder = write_municipality(tmp_path, "prove", data)
    result = CliRunner().invoke(main, ["validate", "prove", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    [warning] = plan_warnings(result.output)
    assert f"facebook-prove-kommune has no post planned in {missing} policy.update_frequency is {frequency}" in warning


def _plan_document(language: str = "nn") -> Document:
    entries, _ = load_all(EXAMPLES, ["dome"])
    [job] = plan(entries, kinds=["publishing-plan"], languages=[language], formats=["pdf"])
    return assemble(job)


def test_markdown_and_text_show_the_schedule_as_tables_by_week():
    document = _plan_document()
    markdown = WRITERS["md"].render(document).decode()
    assert "**Veke 52 (21.12.2026–27.12.2026)**" in markdown  # brackets are not Markdown syntax here
    assert "| Dato | Dag | Klokkeslett | Konto |" in markdown
    text = WRITERS["txt"].render(document).decode()
    assert "Veke 52 (21.12.2026–27.12.2026)\n\nDato: 21.12.2026" in text

