"""Every HTML page docgen writes passes axe-core (WCAG 2.x A and AA) in headless Chromium
with no serious or critical violation: every kind, every example municipality, every
language. A fragment is checked inside the smallest page a CMS would put it in."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from clients import axe_page_violations, axe_violations, format_violations, require_client

from docgen.kinds import KINDS

pytestmark = pytest.mark.client

# A CMS page owns the language, the title and the h1; the fragment brings the rest.
HOST_PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>
{fragment}
</main></body>
</html>
"""


def _page_to_check(built, output: dict, folder: Path) -> Path:
    path = built.path(output)
    if output.get("variant") != "fragment":
        return path
    hosted = folder / output["path"].replace("/", "_")
    hosted.write_text(
        HOST_PAGE.format(
            language=output["language"],
            title=html.escape(f"{output['kind']} – {output['municipality']}"),
            fragment=path.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    return hosted


@pytest.mark.parametrize("kind", sorted(name for name, kind in KINDS.items() if "html" in kind.formats))
def test_every_html_output_has_no_serious_axe_violations(kind: str, built, tmp_path: Path) -> None:
    require_client("chromium")
    require_client("axe-core")
    pages = [o for o in built.outputs if o["kind"] == kind and o["format"] == "html"]
    assert pages, f"{kind}: no HTML was built; build failures: {built.failures}"
    problems = []
    for output in pages:
        violations = axe_violations(_page_to_check(built, output, tmp_path))
        if violations:
            problems.append(f"{output['path']}:\n{format_violations(violations)}")
    assert not problems, "\n\n".join(problems)


# A phone held upright (and WCAG's reflow width), a tablet, a laptop and a desktop.
WINDOW_WIDTHS = (320, 768, 1024, 1280)

# For each table: the box that must stay inside the window (its frame, which may
# scroll), and whether its table is cut off in it.
_TABLES = """() => [...document.querySelectorAll('table')].map(table => {
    const frame = table.closest('.table-frame') || table;
    const box = frame.getBoundingClientRect();
    return {left: box.left, right: box.right, scrolls: frame.scrollWidth > frame.clientWidth + 1};
})"""


def _web_pages(built) -> list[dict]:
    """Every HTML page built, fragments aside (a CMS page holds those)."""
    return [output for output in built.outputs if output["format"] == "html" and output.get("variant") != "fragment"]


def test_no_page_scrolls_sideways_and_a_desktop_shows_every_table_whole(built, chromium) -> None:
    """WCAG 1.4.10 (reflow): at 320 CSS pixels nothing but a table may need scrolling
    sideways, and the table scrolls in its own frame, not the page. The register's and
    the publishing plan's seven columns grow beyond the text on a wide screen, so a
    desktop shows them whole."""
    pages = _web_pages(built)
    assert pages, f"no HTML page was built; build failures: {built.failures}"
    problems = []
    for width in WINDOW_WIDTHS:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        try:
            for output in pages:
                page.goto(built.path(output).resolve().as_uri())
                page_width = page.evaluate("document.documentElement.scrollWidth")
                if page_width > width:
                    problems.append(f"{output['path']} at {width} px: the page is {page_width} px wide")
                for table in page.evaluate(_TABLES):
                    if table["left"] < 0 or table["right"] > width:
                        problems.append(f"{output['path']} at {width} px: a table reaches {table} outside the window")
                    if width == 1280 and table["scrolls"]:
                        problems.append(f"{output['path']} at {width} px: a table does not fit the window")
        finally:
            page.close()
    assert not problems, "\n".join(problems)


def test_a_table_that_scrolls_on_a_phone_can_be_scrolled_with_the_keyboard(built, chromium) -> None:
    """At 320 pixels the register's and the publishing plan's tables scroll in their
    frames; axe-core (scrollable-region-focusable, and the rest) checks each frame is a
    named region the keyboard reaches."""
    require_client("axe-core")
    pages = _web_pages(built)
    context = chromium.new_context(viewport={"width": 320, "height": 900}, bypass_csp=True)
    scrolling, problems = set(), []
    try:
        page = context.new_page()
        for output in pages:
            page.goto(built.path(output).resolve().as_uri())
            if not any(table["scrolls"] for table in page.evaluate(_TABLES)):
                continue
            scrolling.add(output["kind"])
            if violations := axe_page_violations(page):
                problems.append(f"{output['path']}:\n{format_violations(violations)}")
    finally:
        context.close()
    assert {"account-register", "publishing-plan"} <= scrolling, f"tables scroll at 320 px only in {scrolling}"
    assert not problems, "\n\n".join(problems)
