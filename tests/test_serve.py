"""`docgen serve` in a real browser: the preview follows the data file as it is saved,
shows mistakes with their lines, serves nothing outside the build, and is accessible."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from clients import axe_page_violations, format_violations, require_client
from playwright.sync_api import expect
from serving import copy_example, preview

from docgen.errors import DataError
from docgen.load import load

SLUG = "nora"  # Swedish: answer hours in its house rules, one poster page
WAIT_MS = 120_000  # a bound for every wait on a busy two-core machine; typical waits are seconds


def _save(path: Path, text: str) -> None:
    """Save as many editors do: write a new file, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _status(url: str, path: str) -> int:
    """The status of a GET for `path` exactly as written (no client-side normalising)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _problem_line(data: Path) -> int:
    try:
        load(data / f"{SLUG}.yaml")
    except DataError as error:
        return error.problems[0].line
    raise AssertionError("the broken file validated")


def _until_ready(page) -> None:
    """Wait until every format is built, so no rebuild reloads the page under a check."""
    expect(page.locator(".status .ready")).to_be_visible(timeout=WAIT_MS)


def _assert_accessible(page) -> None:
    violations = axe_page_violations(page)
    assert not violations, f"{page.url}:\n{format_violations(violations)}"


@pytest.mark.client
def test_preview_follows_the_data_file(chromium, tmp_path: Path) -> None:
    require_client("axe-core")
    data = copy_example(SLUG, tmp_path)
    source = data / f"{SLUG}.yaml"
    original = source.read_text(encoding="utf-8")
    assert 'answer_to: "16.00"' in original
    with preview(data, tmp_path / "build", SLUG) as server:
        context = chromium.new_context(bypass_csp=True)  # only so axe can be injected
        try:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            # The index fills in by itself as the first build finishes.
            page.goto(server.url + "/")
            page.get_by_role("link", name="husregler", exact=True).click(timeout=WAIT_MS)
            web_page = page.frame_locator("iframe.web-page").locator("body")
            expect(web_page).to_contain_text("16.00", timeout=WAIT_MS)
            _until_ready(page)
            _assert_accessible(page)

            # A saved change shows without anyone reloading the page.
            page.evaluate("window.notReloaded = true")
            _save(source, original.replace('answer_to: "16.00"', 'answer_to: "15.30"'))
            expect(web_page).to_contain_text("15.30", timeout=WAIT_MS)
            assert page.evaluate("window.notReloaded === undefined"), "the page itself must have reloaded"
            _until_ready(page)

            # A mistake replaces the document with the problem, its line and the lines
            # around it; text from the file is shown as text, never run.
            broken = original.replace("answer_days: weekdays", 'answer_days: [weekdays <script>alert("data")</script>')
            _save(source, broken)
            line = _problem_line(data)
            problem = page.locator(".data-problem").first
            expect(problem).to_contain_text(f"{SLUG}.yaml:{line}:", timeout=WAIT_MS)
            expect(page.locator(".excerpt")).to_contain_text('<script>alert("data")</script>')
            assert page.locator(".excerpt script").count() == 0
            assert page.locator("iframe.web-page").count() == 0
            # The last good build can still be downloaded.
            download = page.get_by_role("link", name="web page (HTML)").get_attribute("href", timeout=WAIT_MS)
            assert download and _status(server.url, download) == 200
            _assert_accessible(page)

            # Fixed (written half first, as a slow save might), the document is back.
            _save(source, original[: len(original) // 2])
            _save(source, original.replace('answer_to: "16.00"', 'answer_to: "14.45"'))
            expect(web_page).to_contain_text("14.45", timeout=WAIT_MS)
            expect(page.locator(".data-problem")).to_have_count(0)

            # A file that goes missing is waited for, and picked up again when it is back.
            fixed = source.read_text(encoding="utf-8")
            source.unlink()
            expect(page.get_by_role("status").first).to_contain_text("is missing", timeout=WAIT_MS)
            _save(source, fixed.replace('answer_to: "14.45"', 'answer_to: "13.15"'))
            expect(web_page).to_contain_text("13.15", timeout=WAIT_MS)

            # The PDF's pages appear as images once their layout is done.
            page.goto(server.url + "/")
            page.get_by_role("link", name="tank-pa-affisch-a4", exact=True).click(timeout=WAIT_MS)
            _until_ready(page)
            image = page.get_by_role("img", name="Page 1 of 1 of the PDF")
            expect(image).to_be_visible(timeout=WAIT_MS)
            # Visible comes before loaded: decode() waits for the picture (and fails on a broken one).
            assert image.evaluate("img => img.decode().then(() => img.complete && img.naturalWidth > 0)")
            _assert_accessible(page)
            assert not dialogs, f"a script from the data ran: {dialogs}"
        finally:
            context.close()


@pytest.mark.client
def test_only_build_and_preview_files_are_served(chromium, tmp_path: Path) -> None:
    data = copy_example(SLUG, tmp_path)
    (tmp_path / "secret.txt").write_text("not for the browser", encoding="utf-8")
    with preview(data, tmp_path / "build", SLUG) as server:
        context = chromium.new_context()
        try:
            page = context.new_page()
            page.goto(server.url + "/")
            link = page.get_by_role("link", name="husregler", exact=True)
            link.click(timeout=WAIT_MS)
            built = page.get_by_role("link", name="web page (HTML)").get_attribute("href", timeout=WAIT_MS)
            response = page.request.get(server.url + built)
            assert response.status == 200
            # Web pages are shown sandboxed: no script, their own origin.
            assert "sandbox" in response.headers["content-security-policy"]
            shown = page.locator("iframe.web-page").get_attribute("src")
            assert shown and "sandbox" in page.request.get(server.url + shown).headers["content-security-policy"]
            policy = page.request.get(server.url + "/").headers["content-security-policy"]
            assert "script-src 'self'" in policy and "unsafe" not in policy
        finally:
            context.close()
        refused = [
            f"/files/../{SLUG}.yaml",
            f"/files/%2e%2e/{SLUG}.yaml",
            f"/files/%2E%2E%2F{SLUG}.yaml",
            "/files/..%2f..%2fsecret.txt",
            f"/files/{tmp_path}/secret.txt",
            "/files//etc/passwd",
            "/files/%2fetc%2fpasswd",
            "//etc/passwd",
            "/../secret.txt",
            f"/{SLUG}.yaml",
            f"/{SLUG}/logo.svg",
            "/static/../../pyproject.toml",
            "/static/%2e%2e/%2e%2e/pyproject.toml",
            "/static/",
            "/files/",
            f"/previews/{SLUG}/../../{SLUG}.yaml",
            "/pages/..%2f..%2fsecret.txt/1.png",
        ]
        statuses = {path: _status(server.url, path) for path in refused}
        assert all(status == 404 for status in statuses.values()), statuses
        assert _status(server.url, built) == 200  # the same requests do reach listed files


def test_an_unknown_municipality_is_a_usage_error(tmp_path: Path) -> None:
    data = copy_example(SLUG, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "docgen", "serve", "nosuch", "--data", str(data), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "no municipality file nosuch.yaml" in result.stderr


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    data = copy_example(SLUG, tmp_path)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "docgen", "serve", "--data", str(data), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
    assert result.returncode == 2, result.stderr
    assert f"port {port}" in result.stderr and "--port" in result.stderr
    assert not (tmp_path / "build").exists()


def test_ctrl_c_stops_it_cleanly_with_nothing_half_written(tmp_path: Path) -> None:
    data = copy_example(SLUG, tmp_path)
    out = tmp_path / "build"
    with preview(data, out, "--host", "0.0.0.0") as server:
        url = server.url.replace("0.0.0.0", "127.0.0.1")
        deadline = time.monotonic() + WAIT_MS / 1000
        # Stop it in the middle of building the PDFs: the web pages are there, the rest is not.
        while not list(out.glob(f"{SLUG}/*/*.html")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _status(url, "/") == 200
        code, stderr = server.stop()
    assert code == 0, stderr
    assert "warning: serving on 0.0.0.0" in stderr
    assert "Traceback" not in stderr
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers
