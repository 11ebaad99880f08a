"""Real clients the outputs are checked with: LibreOffice and Chromium + axe-core.

DESIGN.md asks that real programs open what docgen writes, so these helpers run
them rather than imitate them. tests/conftest.py does ``from clients import *``,
which makes the fixtures below available to every test.

A missing client skips a test on a developer's machine but fails it in CI (env
``CI`` set), so CI can never pass by silently skipping the checks that matter.
``scripts/install-test-deps`` installs all of them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pytest

__all__ = [
    "AXE_JS",
    "CHROMIUM",
    "ClientError",
    "axe",
    "axe_page_violations",
    "axe_violations",
    "chromium",
    "format_violations",
    "libreoffice",
    "require_client",
    "unmarked_client_tests",
    "shared_browser",
    "skip_outside_ci",
    "soffice_to_pdf",
]

REPO = Path(__file__).resolve().parents[1]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Debian's Chromium: Playwright's own browser download cannot reach its host here.
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium phones home at start and, on a machine
# with no network, fills the log with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",  # running as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every WCAG 2.x level A and AA rule axe has; not "best-practice", which is advice.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Moderate and minor findings are worth reading but are not a release blocker.
BLOCKING_IMPACTS = {"serious", "critical"}

INSTALL_HINT = "run scripts/install-test-deps"


class ClientError(RuntimeError):
    """A real client ran but did not do its job; the message carries its output."""


# --- availability ---------------------------------------------------------------


def _which(name: str) -> Path | None:
    found = shutil.which(name)
    return Path(found) if found else None


def _soffice() -> Path | None:
    return _which("soffice") or _which("libreoffice")


def _chromium() -> Path | None:
    try:
        import playwright.sync_api  # noqa: F401  (the driver ships in the wheel)
    except ImportError:
        return None
    return CHROMIUM if CHROMIUM.is_file() else None


def _axe() -> Path | None:
    return AXE_JS if AXE_JS.is_file() else None


# name -> (how to find it, what to call it in a message)
_CLIENTS: dict[str, tuple[Callable[[], Path | None], str]] = {
    "libreoffice": (_soffice, "LibreOffice"),
    "chromium": (_chromium, "Chromium with Python playwright"),
    "axe-core": (_axe, "axe-core (node_modules/axe-core)"),
    "pdftoppm": (lambda: _which("pdftoppm"), "poppler-utils (pdftoppm)"),
    "pdftotext": (lambda: _which("pdftotext"), "poppler-utils (pdftotext)"),
}


# The clients that start a program; a test that does must carry the `client` marker,
# so `-m "not client"` really runs without them.
PROGRAMS = {"libreoffice", "chromium", "axe-core"}
CLIENT_FIXTURES = ("libreoffice", "chromium", "axe")
# The test now running (set by conftest), so require_client can check its marker.
running: list[pytest.Item] = []


def unmarked_client_tests(items: Sequence[pytest.Item]) -> list[str]:
    """Tests that use a client fixture but lack the `client` marker."""
    return [
        item.nodeid
        for item in items
        if item.get_closest_marker("client") is None
        and any(name in getattr(item, "fixturenames", ()) for name in CLIENT_FIXTURES)
    ]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_client(name: str) -> Path:
    """Return the client's path, or skip the test (fail it in CI) when it is missing.

    ``name`` is one of: libreoffice, chromium, axe-core, pdftoppm, pdftotext.
    """
    if name not in _CLIENTS:
        raise ValueError(f"unknown client {name!r}; known: {', '.join(_CLIENTS)}")
    find, label = _CLIENTS[name]
    if name in PROGRAMS and running and running[-1].get_closest_marker("client") is None:
        pytest.fail(f"{running[-1].nodeid} starts {label} but has no `client` marker", pytrace=False)
    path = find()
    if path is not None:
        return path
    skip_outside_ci(f"{label} not installed; {INSTALL_HINT}")


def skip_outside_ci(message: str) -> NoReturn:
    """Skip the test on a developer's machine; fail it in CI, which must run every check."""
    if in_ci():
        pytest.fail(f"{message} (CI must not skip this check)", pytrace=False)
    pytest.skip(message)


# --- LibreOffice ----------------------------------------------------------------


def soffice_to_pdf(
    docx_paths: Sequence[Path], outdir: Path, *, timeout: float | None = None
) -> dict[Path, Path]:
    """Convert DOCX files to PDF in one LibreOffice run; return {docx as given: pdf}.

    One run for all files because LibreOffice takes seconds to start. Each call
    gets its own throwaway profile: two instances sharing one (pytest-xdist
    workers) would hand their work to each other or refuse to start.
    Raises ClientError, with LibreOffice's output, if any file did not convert.
    """
    if not docx_paths:
        return {}
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    # LibreOffice names the output after the input's stem, in one folder.
    pdfs = {Path(docx): outdir / f"{Path(docx).stem}.pdf" for docx in docx_paths}
    if len(set(pdfs.values())) != len(pdfs):
        raise ValueError("two inputs share a file name stem; their PDFs would overwrite each other")
    soffice = _soffice()
    if soffice is None:
        raise ClientError(f"LibreOffice not installed; {INSTALL_HINT}")
    for pdf in pdfs.values():
        pdf.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    if timeout is None:
        timeout = 60 + 5 * len(docx_paths)

    with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as profile:
        command = [
            str(soffice),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *(str(docx.resolve()) for docx in pdfs),
        ]
        output, returncode = _run_killing_group(command, timeout)

    failed = [docx for docx, pdf in pdfs.items() if not pdf.is_file() or pdf.stat().st_size == 0]
    if returncode != 0 or failed:
        names = ", ".join(p.name for p in failed) or "(all files written)"
        raise ClientError(
            f"LibreOffice exited with {returncode}; not converted: {names}\n"
            f"command: {' '.join(command)}\n--- LibreOffice output ---\n{output}"
        )
    return pdfs


def _run_killing_group(command: list[str], timeout: float) -> tuple[str, int]:
    """Run command; on timeout kill its whole process group and raise ClientError.

    ``soffice`` is a shell script that starts soffice.bin as a child; killing only
    the script would leave LibreOffice running and holding the profile.
    """
    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        raise ClientError(
            f"LibreOffice did not finish within {timeout:.0f} s\n"
            f"command: {' '.join(command)}\n--- LibreOffice output ---\n{output}"
        ) from None
    return output, proc.returncode


# --- Chromium + axe-core --------------------------------------------------------


_playwright: Any = None
_browser: Any = None


def shared_browser() -> Any:
    """One headless Debian Chromium per test process, started on first use.

    Shared because Playwright's sync API allows only one instance per thread, and
    because a launch costs about a second. Closed when the process exits.
    """
    global _playwright, _browser
    if _playwright is None:
        from playwright.sync_api import sync_playwright

        _playwright = sync_playwright().start()
        atexit.register(_playwright.stop)
    if _browser is None or not _browser.is_connected():
        # Playwright gives each launch a fresh temporary --user-data-dir.
        _browser = _playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        atexit.register(_browser.close)  # atexit runs last-in first: before stop()
    return _browser


def axe_violations(html_path: Path) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.x A and AA) on a local HTML file in headless Chromium.

    Returns the violations whose impact is serious or critical, as axe reports
    them (id, impact, help, helpUrl, nodes, ...). Only file:// loads are allowed,
    so a page that needs the network shows up broken rather than fetching.
    """
    # bypass_csp: a page's own Content-Security-Policy must not stop axe's script.
    context = shared_browser().new_context(bypass_csp=True, service_workers="block")
    try:
        context.route("**/*", _only_local_files)
        page = context.new_page()
        page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
        return axe_page_violations(page)
    finally:
        context.close()


def axe_page_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on a page already open in a Playwright context made with
    ``bypass_csp=True`` (for pages served over HTTP, such as docgen serve's)."""
    if not AXE_JS.is_file():
        raise ClientError(f"axe-core not installed at {AXE_JS}; {INSTALL_HINT}")
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def _only_local_files(route: Any) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per violation, for assertion messages."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        lines.extend(f"    {node['html'][:160]}" for node in v["nodes"][:5])
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


# --- fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def libreoffice() -> Path:
    """Path to soffice; skips (fails in CI) when LibreOffice is missing."""
    return require_client("libreoffice")


@pytest.fixture(scope="session")
def chromium() -> Any:
    """The shared headless Chromium (a playwright Browser), for tests of their own."""
    require_client("chromium")
    return shared_browser()


@pytest.fixture(scope="session")
def axe() -> Callable[[Path], list[dict[str, Any]]]:
    """``axe(html_path)`` -> serious/critical violations; skips (fails in CI) if unusable.

    Typical use: ``assert not (v := axe(page)), format_violations(v)``.
    """
    require_client("chromium")
    require_client("axe-core")
    return axe_violations
