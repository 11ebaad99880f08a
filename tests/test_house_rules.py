"""The house rules: text that fits the platforms, the error when it does not, plain text
without markup, and a fragment that leaves its host page alone."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, write_municipality

from docgen import platforms
from docgen.build import build
from docgen.document import (
    Document,
    FormField,
    Heading,
    Link,
    ListBlock,
    Meta,
    Paragraph,
    Profile,
    Section,
    SignatureBlock,
    Strong,
    Table,
    PasteSpec,
    Text,
    TextLimit,
)
from docgen.errors import RenderError
from docgen.load import load
from docgen.writers.text import TextWriter

KIND = "house-rules"
FACEBOOK_POST = 63_206
FACEBOOK_PAGE_INTRO = 101


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8").removesuffix("\n")


# --- the example build ---------------------------------------------------------------


def test_every_example_has_text_intro_page_fragment_and_markdown(built) -> None:
    outputs = built.select(kind=KIND)
    pairs = {(o["municipality"], o["language"]) for o in outputs}
    assert pairs >= {("aas", "nb"), ("dome", "nn"), ("dome", "nb"), ("nora", "sv"), ("rakkestad", "nb")}
    for pair in pairs:
        made = {(o["format"], o["variant"]) for o in outputs if (o["municipality"], o["language"]) == pair}
        assert made == {("txt", None), ("html", None), ("md", None), ("txt", "intro"), ("html", "fragment"),
                        # each document's snapshot, kept for docgen diff
                        ("snapshot", None), ("snapshot", "intro"), ("snapshot", "fragment")}, pair


def test_every_text_fits_facebook_and_the_other_platforms_the_municipality_is_on(built) -> None:
    for output in built.select(kind=KIND, format="txt"):
        text = _text(built.path(output))
        count = platforms.characters(text)
        municipality = load(EXAMPLES / f"{output['municipality']}.yaml").municipality
        on = {"facebook", *(account.platform.value for account in municipality.accounts)}
        if output["variant"] == "intro":
            assert count <= FACEBOOK_PAGE_INTRO, (output["path"], count)
            # The rules' own page when there is one; never the home page in its place.
            if municipality.policy.house_rules_url:
                assert str(municipality.policy.house_rules_url) in text, f"{output['path']}: no link to the rules"
            else:
                assert "http" not in text, f"{output['path']}: a link, but the data has no house rules page"
            fields = platforms.SHORT_TEXT
        else:
            assert 1_000 < count <= FACEBOOK_POST, (output["path"], count)
            fields = platforms.LONG_TEXT
        checked = [platform for platform in on if platform in fields]
        for platform in checked:
            limit = platforms.LIMITS[platform, fields[platform]]
            assert count <= limit, f"{output['path']}: {count} characters, {platform} {fields[platform]} holds {limit}"


def test_the_limits_of_the_platforms_named_come_tightest_first_and_skip_those_without_the_field() -> None:
    assert platforms.limits(["instagram", "flickr", "facebook"], platforms.LONG_TEXT) == (
        TextLimit("Instagram caption", 2_200),
        TextLimit("Facebook post", FACEBOOK_POST),
    )
    assert platforms.limits(["tiktok", "facebook"], platforms.SHORT_TEXT)[0] == TextLimit("TikTok bio", 80)


def test_characters_are_counted_as_code_points_of_composed_text() -> None:
    assert platforms.characters("Ås") == 2
    assert platforms.characters("A\u030as") == 2  # Å as A + combining ring: one character
    assert platforms.characters("a\nb") == 3


_MARKUP = [
    (re.compile(r"<[a-zA-Z/!]"), "an HTML tag"),
    (re.compile(r"&[a-z]+;|&#\d+;"), "an HTML entity"),
    (re.compile(r"\*\*|__|`"), "Markdown emphasis or code"),
    (re.compile(r"\]\(|\[[^\]]*\]\s*\("), "a Markdown link"),
    (re.compile(r"^\s*(#|[-*+] |> |\||---)", re.MULTILINE), "a Markdown line marker"),
    (re.compile(r"[ \t]+$", re.MULTILINE), "trailing spaces"),
    (re.compile(r"\n\n\n"), "more than one blank line"),
]


def test_plain_text_has_no_markdown_or_html(built) -> None:
    for output in built.select(kind=KIND, format="txt"):
        text = built.path(output).read_text(encoding="utf-8")
        for pattern, what in _MARKUP:
            found = pattern.search(text)
            assert not found, f"{output['path']}: {what}: {text[max(found.start() - 30, 0):found.end() + 30]!r}"
        if output["variant"] is None:
            assert "\n• " in text, f"{output['path']}: the list of what is removed has no bullets"
            municipality = load(EXAMPLES / f"{output['municipality']}.yaml").municipality
            if municipality.policy.privacy_url:
                assert f"({municipality.policy.privacy_url})" in text, f"{output['path']}: no privacy address"
            else:
                assert "(http" not in text, f"{output['path']}: a link, but the data has no privacy statement"


def test_plain_text_headings_stand_alone_between_blank_lines(built) -> None:
    output = built.select(kind=KIND, format="txt", municipality="dome", language="nn", variant=None)[0]
    blocks = _text(built.path(output)).split("\n\n")
    assert blocks[0] == "Reglar for kommentarar og innlegg"
    assert "Dette slettar vi" in blocks
    assert "Sist endra 19. mars 2026." in blocks


def test_the_fragment_has_no_page_chrome_no_script_and_starts_at_h2(built) -> None:
    for output in built.select(kind=KIND, format="html", variant="fragment"):
        html = built.path(output).read_text(encoding="utf-8")
        tags = _Tags.of(html)
        assert not {"html", "head", "body", "title", "script", "link", "meta", "h1"} & set(tags.names), output["path"]
        assert "h2" in tags.names
        assert tags.names[0] == "div" and tags.attrs[0].get("lang") == output["language"]
        assert not re.search(r"\son[a-z]+=", html), f"{output['path']}: an event handler attribute"
        for selector in _selectors(tags.style):
            assert selector.startswith(".docgen-fragment"), f"{output['path']}: CSS not scoped: {selector}"
        assert len(tags.style) < 2_000, "the fragment's stylesheet should stay small"


def test_the_page_has_language_skip_link_landmarks_and_one_h1(built) -> None:
    for output in built.select(kind=KIND, format="html", variant=None):
        tags = _Tags.of(built.path(output).read_text(encoding="utf-8"))
        assert tags.attrs[tags.names.index("html")].get("lang") == output["language"]
        assert tags.names.count("h1") == 1 and "h2" in tags.names
        assert {"main", "header", "footer"} <= set(tags.names)
        first_link = tags.attrs[tags.names.index("a")]
        assert first_link.get("href") == "#main" and "skip-link" in first_link.get("class", "")
        assert "img" not in tags.names or all(tags.attrs[i].get("alt") for i, n in enumerate(tags.names) if n == "img")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.attrs: list[dict[str, str]] = []
        self.style = ""
        self._in_style = False

    @classmethod
    def of(cls, html: str) -> _Tags:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.append(tag)
        self.attrs.append({k: v or "" for k, v in attrs})
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def _selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [s.strip() for rule in css.split("}") if "{" in rule for s in rule.split("{")[0].split(",") if s.strip()]


# --- the limits ----------------------------------------------------------------------


def _build(tmp_path: Path, data: dict[str, Any]):
    folder = write_municipality(tmp_path / "data", "prove", data)
    return build(folder, tmp_path / "out", kinds=[KIND], workers=1)


def _single_failure(report) -> str:
    assert report.exit_code == 1 and len(report.failures) == 1, report.failures
    return report.failures[0]


def _count_and_cut(message: str, field: str, limit: int) -> None:
    """The message gives the count, the field, its limit and exactly how much to cut."""
    count = int(re.search(r"is ([\d,]+) characters", message)[1].replace(",", ""))
    found = re.search(rf"{field} holds at most ([\d,]+): cut ([\d,]+) characters", message)
    assert found, message
    assert int(found[1].replace(",", "")) == limit
    assert int(found[2].replace(",", "")) == count - limit > 0


def test_rules_longer_than_a_facebook_post_fail_the_build(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    # 64,000 characters, in four clauses since one may hold at most 20,000 (docgen.limits).
    padding = " ".join(["Ord"] * 4_000)
    after = ["house-rules.welcome", *(f"house-rules.local.long{i}" for i in range(3))]
    clauses = [{"after": after[i], "id": f"house-rules.local.long{i}", "text": padding} for i in range(4)]
    data["content"] = {KIND: {"add": clauses}}
    message = _single_failure(_build(tmp_path, data))
    assert "Prøve kommune" in message and "(nb)" in message, message
    _count_and_cut(message, "Facebook post", FACEBOOK_POST)
    # The job fails as a whole: no half set of rules is published.
    assert not list((tmp_path / "out").glob("prove/nb/husregler.*"))
    assert (tmp_path / "out" / "prove" / "nb" / "husregler-intro.txt").is_file()


def test_rules_longer_than_an_instagram_caption_fail_when_the_municipality_is_on_instagram(
    tmp_path: Path, minimal
) -> None:
    data = minimal["sv"]
    data["content"] = {KIND: {"add": [{"after": "house-rules.welcome", "id": "house-rules.local.long", "text": "Ord " * 600}]}}
    instagram = {**data["accounts"][0], "platform": "instagram", "url": "https://www.instagram.com/prov/"}
    data["accounts"].append(instagram)
    message = _single_failure(_build(tmp_path, data))
    assert "Prov kommun" in message and "(sv)" in message
    _count_and_cut(message, "Instagram caption", 2_200)
    assert "Facebook post" not in message  # it fits there

    data["accounts"].pop()
    assert _build(tmp_path, data).exit_code == 0, "without Instagram the same text is fine"


def test_an_intro_longer_than_the_facebook_page_intro_fails(tmp_path: Path, minimal) -> None:
    data = minimal["nn"]
    data["policy"] = {"house_rules_url": "https://www.prove.kommune.no/" + "reglar-for-kommentarar/" * 3}
    message = _single_failure(_build(tmp_path, data))
    assert "Prøve kommune" in message and "(nn)" in message
    _count_and_cut(message, "Facebook page intro", FACEBOOK_PAGE_INTRO)
    assert (tmp_path / "out" / "prove" / "nn" / "husreglar.txt").is_file(), "the full rules still build"


def test_a_replaced_intro_must_fit_too(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["content"] = {KIND: {"replace": {"house-rules.intro-text": "Vi ønsker en god tone. " * 5}}}
    message = _single_failure(_build(tmp_path, data))
    _count_and_cut(message, "Facebook page intro", FACEBOOK_PAGE_INTRO)


def test_an_omitted_intro_is_not_built(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    data["content"] = {KIND: {"omit": ["house-rules.intro-text"]}}
    report = _build(tmp_path, data)
    assert report.exit_code == 0, report.failures
    assert {t.variant for t in report.written} == {None, "fragment"}


def test_the_postal_address_is_named_only_when_the_data_gives_one(tmp_path: Path, minimal) -> None:
    data = minimal["nb"]
    assert _build(tmp_path, data).exit_code == 0
    text = (tmp_path / "out" / "prove" / "nb" / "husregler.txt").read_text(encoding="utf-8")
    assert "går til postmottak@prove.kommune.no." in text and "Postboks" not in text
    data["postal_address"] = {"street": "Postboks 7", "postcode": "1234", "city": "Prøve"}
    assert _build(tmp_path, data).exit_code == 0
    text = (tmp_path / "out" / "prove" / "nb" / "husregler.txt").read_text(encoding="utf-8")
    assert "går til postmottak@prove.kommune.no eller Postboks 7, 1234 Prøve." in text


def test_docgen_build_exits_1_and_says_what_to_cut(tmp_path: Path, minimal) -> None:
    from click.testing import CliRunner

    from docgen.cli import main

    data = minimal["nb"]
    data["policy"] = {"house_rules_url": "https://www.prove.kommune.no/" + "regler-for-kommentarer/" * 3}
    folder = write_municipality(tmp_path / "data", "prove", data)
    result = CliRunner().invoke(main, ["build", "--data", str(folder), "--out", str(tmp_path / "out"), "--kind", KIND])
    assert result.exit_code == 1, result.output
    assert re.search(r"Prøve kommune, house-rules \(nb\): the plain text is [\d,]+ characters", result.output)
    assert re.search(r"Facebook page intro holds at most 101: cut \d+ characters", result.output)


# --- the plain-text writer on every kind of block ---------------------------------------


def _document(*blocks, limits: tuple[TextLimit, ...] = ()) -> Document:
    meta = Meta(title="Tittel", language="nb", author="Prøve kommune", date=dt.date(2026, 1, 1), category="test")
    heading = Heading(1, (Text("Del"),), "del")
    sections = (Section("s", heading, tuple(blocks)),)
    return Document(meta, Profile("#000000", "#000000"), sections, paste_spec=PasteSpec(limits))


def test_text_writer_writes_every_block_as_plain_lines() -> None:
    document = _document(
        Paragraph((Text("Les "), Strong((Text("mer"),)), Text(" i "), Link("https://a.no/p", (Text("vilkårene"),)), Text("."))),
        Paragraph((Link("https://a.no/", (Text("a.no"),)), Text(" og "), Link("mailto:post@a.no", (Text("post@a.no"),)))),
        ListBlock(False, ((Paragraph((Text("én"),)),), (Paragraph((Text("to"),)), ListBlock(True, ((Paragraph((Text("a"),)),),))))),
        ListBlock(True, ((Paragraph((Text("først"),)),), (Paragraph((Text("så"),)),)), start=3),
        Table(((Text("Navn"),), (Text("Rolle"),)), (((Text("Kari"),), (Text("admin"),)),), caption="Folk"),
        FormField("purpose", (Text("Formål"),), number="4"),
        FormField("unit", (Text("Enhet"),), value="Kultur"),
        SignatureBlock("Leder", "Godkjent", "Dato", "Underskrift", "Navn", name="Ola"),
    )
    blank = "_" * 24
    assert TextWriter().render(document).decode() == (
        "Tittel\n\nDel\n\n"
        "Les mer i vilkårene (https://a.no/p).\n\n"
        "https://a.no/ og post@a.no\n\n"
        "• én\n• to\n  1. a\n\n"
        "3. først\n4. så\n\n"
        "Folk\n\nNavn: Kari\nRolle: admin\n\n"
        f"4. Formål: {blank}\n\n"
        "Enhet: Kultur\n\n"
        f"Leder\nGodkjent\nDato: {blank}\nUnderskrift: {blank}\nNavn: Ola\n"
    )


def test_text_writer_fails_naming_every_limit_the_text_exceeds() -> None:
    document = _document(Paragraph((Text("x" * 200),)), limits=(TextLimit("X bio", 160), TextLimit("Threads post", 500)))
    with pytest.raises(RenderError) as failure:
        TextWriter().render(document)
    message = failure.value.format_message()
    # "Tittel", "Del" and the blank lines between blocks count too: 213 characters.
    assert "Prøve kommune" in message and "(nb)" in message and "is 213 characters" in message
    assert "X bio holds at most 160: cut 53 characters" in message
    assert "Threads" not in message
    fits = _document(Paragraph((Text("x" * 100),)), limits=(TextLimit("X bio", 160),))
    assert TextWriter().render(fits).endswith(b"x\n")


def test_text_writer_reports_the_count_and_warns_close_to_a_limit(caplog) -> None:
    caplog.set_level("INFO", logger="docgen")
    TextWriter().render(_document(Paragraph((Text("x" * 50),)), limits=(TextLimit("X bio", 160),)))
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "Prøve kommune, test (nb): 63 characters; X bio holds at most 160")
    ]
    caplog.clear()
    TextWriter().render(_document(Paragraph((Text("x" * 140),)), limits=(TextLimit("X bio", 160),)))
    assert [r.levelname for r in caplog.records] == ["WARNING"]


# --- the fragment in a host page --------------------------------------------------------

HOST = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>Vertsside</title>
<style>
body { font-family: Georgia, serif; font-size: 18px; line-height: 1.2; color: #202020; margin: 8px; }
h1 { color: rgb(120, 0, 0); font-size: 30px; margin: 4px 0; }
h2 { color: rgb(0, 90, 0); font-size: 22px; margin: 3px 0; line-height: 1; }
p { margin: 2px 0; letter-spacing: 0.5px; }
ul { margin: 0; padding-left: 10px; }
li { margin: 0; }
a { color: rgb(0, 0, 160); }
section { padding: 1px; }
.note { border: 0; }
</style></head>
<body>
<h1 id="host-h1">Nyheter</h1>
<h2 id="host-h2">Siste nytt</h2>
<p id="host-p">Avsnitt med <a id="host-a" href="#x">lenke</a>.</p>
<ul id="host-ul"><li id="host-li">punkt</li></ul>
<section id="host-section"><p class="note" id="host-note">Merk</p></section>
<div id="slot">SLOT</div>
</body></html>
"""
_PROPERTIES = [
    "color", "font-family", "font-size", "line-height", "margin-top", "margin-bottom",
    "padding-left", "letter-spacing", "border-left-width", "max-width", "overflow-wrap",
]  # fmt: skip


@pytest.mark.client
def test_the_fragment_leaves_the_host_pages_styles_alone(built, chromium, tmp_path: Path) -> None:
    output = built.select(kind=KIND, format="html", variant="fragment", municipality="dome", language="nn")[0]
    fragment = built.path(output).read_text(encoding="utf-8")
    before, after = tmp_path / "host.html", tmp_path / "host-with-fragment.html"
    before.write_text(HOST.replace("SLOT", ""), encoding="utf-8")
    after.write_text(HOST.replace("SLOT", fragment), encoding="utf-8")
    assert "docgen-fragment" in after.read_text(encoding="utf-8")

    def styles(path: Path) -> dict[str, dict[str, str]]:
        page = chromium.new_page()
        try:
            page.goto(path.resolve().as_uri())
            return page.evaluate(
                """(properties) => Object.fromEntries(
                    [...document.querySelectorAll('[id^="host-"], body, html')].map(element => {
                        const style = getComputedStyle(element);
                        return [element.id || element.tagName,
                                Object.fromEntries(properties.map(p => [p, style.getPropertyValue(p)]))];
                    }))""",
                _PROPERTIES,
            )
        finally:
            page.close()

    host = styles(before)
    assert host["host-h2"]["color"] == "rgb(0, 90, 0)"  # the host page's own style is in force
    assert styles(after) == host

    # And the fragment does get its own (scoped) styles inside the wrapper.
    page = chromium.new_page()
    try:
        page.goto(after.resolve().as_uri())
        margin = page.evaluate("getComputedStyle(document.querySelector('.docgen-fragment h2')).marginTop")
    finally:
        page.close()
    assert margin != "3px"
