"""Every HTML page docgen writes passes axe-core (WCAG 2.x A and AA) in headless Chromium
with no serious or critical violation: every kind, every example municipality, every
language. A fragment is checked inside the smallest page a CMS would put it in."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from clients import axe_violations, format_violations, require_client

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
