"""The real-client helpers themselves: they must pass good files and catch bad ones.

A checker that never fails proves nothing, so each check is also shown failing.
The fixtures (libreoffice, axe) come from clients.py through tests/conftest.py.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from types import SimpleNamespace

import clients
import pytest
from clients import ClientError, axe_violations, format_violations, require_client, soffice_to_pdf, unmarked_client_tests
from docx import Document
from pypdf import PdfReader

client = pytest.mark.client  # needs LibreOffice or Chromium; see pyproject markers


def _write_docx(path: Path, heading: str, text: str) -> Path:
    document = Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(text)
    document.save(path)
    return path


# --- LibreOffice ----------------------------------------------------------------


@client
def test_soffice_converts_a_batch_of_docx(libreoffice, tmp_path):
    # Norwegian and Swedish letters: the output must keep them, not mangle them.
    texts = {
        "strategi": "Blåbærsyltetøy på Ærø",
        "policy": "Räksmörgås i Åre",
        "vedlegg": "Kommunen svarer innen kl. 09.00",
    }
    docx = [
        _write_docx(tmp_path / f"{name}.docx", name.title(), text) for name, text in texts.items()
    ]

    pdfs = soffice_to_pdf(docx, tmp_path / "pdf")

    assert set(pdfs) == set(docx)
    for source, pdf in pdfs.items():
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1
        assert texts[source.stem] in reader.pages[0].extract_text()


@client
def test_soffice_names_the_file_it_could_not_convert(libreoffice, tmp_path):
    good = _write_docx(tmp_path / "good.docx", "Good", "Fine")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip archive")

    # LibreOffice exits 0 here; only the missing output shows the failure.
    with pytest.raises(ClientError, match=r"not converted: broken\.docx") as error:
        soffice_to_pdf([good, broken], tmp_path / "pdf")
    assert "source file could not be loaded" in str(error.value)


def test_soffice_refuses_inputs_whose_pdfs_would_collide(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    same_stem = [tmp_path / "a" / "plan.docx", tmp_path / "b" / "plan.docx"]
    with pytest.raises(ValueError, match="stem"):
        soffice_to_pdf(same_stem, tmp_path / "pdf")


# --- Chromium + axe-core --------------------------------------------------------

ACCESSIBLE_PAGE = """<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>Husregler for Facebook-siden</title></head>
<body>
<main>
  <h1>Husregler</h1>
  <p>Vi sletter innlegg som er trakasserende eller ulovlige.</p>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Kommunevåpenet">
  <a href="#kontakt">Kontakt oss</a>
</main>
</body>
</html>
"""

# No lang, no title, an image with no alt text, a link with no text.
BROKEN_PAGE = """<!doctype html>
<html>
<head><meta charset="utf-8"></head>
<body>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <a href="#"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>
</body>
</html>
"""


@client
def test_axe_passes_an_accessible_page(axe, tmp_path):
    page = tmp_path / "ok.html"
    page.write_text(ACCESSIBLE_PAGE, encoding="utf-8")
    violations = axe(page)
    assert not violations, format_violations(violations)


@client
def test_axe_reports_a_broken_page(tmp_path):
    require_client("chromium")
    require_client("axe-core")
    page = tmp_path / "broken.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")

    violations = axe_violations(page)  # the plain function, not the fixture

    found = {v["id"] for v in violations}
    assert {"html-has-lang", "image-alt", "document-title"} <= found, format_violations(violations)
    assert all(v["impact"] in {"serious", "critical"} for v in violations)
    assert "image-alt (critical)" in format_violations(violations)


@client
def test_axe_page_cannot_reach_the_network(axe, tmp_path):
    # A server on loopback stands in for "the internet": it must see no request.
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        page = tmp_path / "remote.html"
        page.write_text(
            ACCESSIBLE_PAGE.replace(
                "</head>", f'<link rel="stylesheet" href="{url}/style.css"></head>'
            ).replace("</main>", f'<img src="{url}/logo.png" alt="Logo"></main>'),
            encoding="utf-8",
        )
        axe(page)
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []


# --- require_client ---------------------------------------------------------------


@pytest.fixture
def missing_client(monkeypatch):
    monkeypatch.setitem(clients._CLIENTS, "nothing", (lambda: None, "Nothing"))
    return "nothing"


def test_require_client_skips_outside_ci(missing_client, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(
        pytest.skip.Exception, match="^Nothing not installed; run scripts/install-test-deps$"
    ):
        require_client(missing_client)


@pytest.mark.parametrize("ci", ["true", "1"])
def test_require_client_fails_in_ci(missing_client, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="Nothing not installed"):
        require_client(missing_client)


def test_require_client_returns_the_path_when_present(monkeypatch):
    monkeypatch.setitem(clients._CLIENTS, "something", (lambda: Path("/bin/sh"), "Something"))
    assert require_client("something") == Path("/bin/sh")


def test_require_client_rejects_an_unknown_name():
    with pytest.raises(ValueError, match="unknown client"):
        require_client("word")


def test_a_test_that_uses_a_client_without_the_marker_is_named() -> None:
    def item(nodeid: str, fixtures: tuple[str, ...], marked: bool) -> SimpleNamespace:
        marker = pytest.mark.client.mark if marked else None
        return SimpleNamespace(nodeid=nodeid, fixturenames=fixtures, get_closest_marker=lambda name: marker)

    items = [
        item("t::converts", ("tmp_path", "libreoffice"), marked=False),
        item("t::axe_marked", ("axe",), marked=True),
        item("t::plain", ("tmp_path",), marked=False),
    ]
    assert unmarked_client_tests(items) == ["t::converts"]
