"""Files a colleague or an attacker might put in the data folder: only ordinary files
named after a valid slug and inside the data folder are read, assets are parsed before
they are used, and nothing is written outside the build folder."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL, write_municipality
from PIL import Image

from docgen.cli import main
from docgen.limits import DATA_FILE_BYTES, LOGO_BYTES
from docgen.paths import TEMPLATES


def run(*args: str):
    return CliRunner().invoke(main, [*args])


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_municipality(tmp_path / "data", "prove", MINIMAL["nb"])


@pytest.mark.parametrize("name", ["...yaml", "two words.yaml", "prove.old.yaml", "Prove.yaml"])
def test_a_file_not_named_after_a_slug_is_reported_and_skipped(
    data: Path, tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture
):
    shutil.copy(data / "prove.yaml", data / name)
    out = tmp_path / "build" / "out"
    result = run("build", "--data", str(data), "--out", str(out), "--kind", "account-register", "--format", "md")
    assert result.exit_code == 0, result.output
    assert f"{data / name}: skipped" in caplog.text
    # The valid municipality is built, and nothing at all lands outside --out.
    assert (out / "prove" / "nb").is_dir()
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["out"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["manifest.json", "prove"]


@pytest.mark.parametrize("slug", ["../elsewhere/x", "..", "/etc/passwd", "prove/../prove"])
def test_a_slug_on_the_command_line_cannot_point_outside_the_data_folder(data: Path, slug: str):
    (data.parent / "elsewhere").mkdir()
    shutil.copy(data / "prove.yaml", data.parent / "elsewhere" / "x.yaml")
    result = run("validate", slug, "--data", str(data))
    assert result.exit_code == 2
    assert "is not a municipality slug" in result.output
    assert "ok" not in result.output


def _assert_refused(data: Path, message: str) -> None:
    result = run("validate", "prove", "--data", str(data))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{data / 'prove.yaml'}:1:1: the file {message}" in result.output


def test_a_data_file_linked_to_a_device_is_refused(data: Path):
    (data / "prove.yaml").unlink()
    (data / "prove.yaml").symlink_to("/dev/zero")
    _assert_refused(data, "leads outside the folder")


def test_a_data_file_linked_outside_the_data_folder_is_refused(data: Path, tmp_path: Path):
    (data / "prove.yaml").rename(tmp_path / "secret.yaml")
    (data / "prove.yaml").symlink_to(tmp_path / "secret.yaml")
    _assert_refused(data, "leads outside the folder")


def test_a_data_file_that_is_a_fifo_is_refused_without_waiting(data: Path):
    (data / "prove.yaml").unlink()
    os.mkfifo(data / "prove.yaml")
    outcome: list = []
    reader = threading.Thread(target=lambda: outcome.append(run("validate", "prove", "--data", str(data))))
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # unblock the reader so the test run can end, then fail
        with open(data / "prove.yaml", "wb"):
            pass
        pytest.fail("reading the data file waits for a writer on the FIFO")
    assert outcome[0].exit_code == 2
    assert "is not an ordinary file" in outcome[0].output


def test_a_data_file_over_the_size_limit_is_refused(data: Path):
    with (data / "prove.yaml").open("a", encoding="utf-8") as stream:
        stream.write("# padding\n" * (DATA_FILE_BYTES // 10 + 1))
    _assert_refused(data, "is larger than docgen accepts")


def test_only_the_assets_the_data_names_are_read(data: Path, tmp_path: Path):
    """A pipe in the municipality's folder, or a link from it to one outside, would hang
    any build that read it (for a fingerprint, say)."""
    _with_logo(data, "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    os.mkfifo(tmp_path / "outside")
    (data / "prove" / "shadow").symlink_to(tmp_path / "outside")
    os.mkfifo(data / "prove" / "pipe")
    out = tmp_path / "out"
    process = subprocess.run(
        [sys.executable, "-m", "docgen", "build", "--data", str(data), "--out", str(out), "--format", "md"],
        capture_output=True, text=True, timeout=300,
    )
    assert process.returncode == 0, process.stderr
    assert (out / "manifest.json").is_file()


def _with_logo(data: Path, name: str, content: bytes) -> None:
    (data / "prove").mkdir(exist_ok=True)
    (data / "prove" / name).write_bytes(content)
    with (data / "prove.yaml").open("a", encoding="utf-8") as stream:
        stream.write(f"profile:\n  logo: {name}\n")


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#00543c").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_sound_png_logo_and_font_pass(data: Path):
    _with_logo(data, "logo.png", _png(400, 300))
    shutil.copy(TEMPLATES / "fonts" / "NotoSans-Regular.ttf", data / "prove" / "brand.ttf")
    with (data / "prove.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  fonts: [brand.ttf]\n")
    result = run("validate", "prove", "--data", str(data))
    assert result.exit_code == 0, result.output


def test_a_logo_over_the_pixel_limit_is_refused(data: Path):
    _with_logo(data, "logo.png", _png(4500, 10))
    result = run("validate", "prove", "--data", str(data))
    assert result.exit_code == 2
    assert "profile.logo: 'logo.png' has more pixels than a logo may have" in result.output


def test_a_logo_over_the_size_limit_is_refused_before_it_is_parsed(data: Path):
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<!-- padding -->" * (LOGO_BYTES // 16) + b"</svg>"
    _with_logo(data, "logo.svg", svg)
    result = run("validate", "prove", "--data", str(data))
    assert result.exit_code == 2
    assert "profile.logo: 'logo.svg' is larger than docgen accepts" in result.output


def test_a_font_whose_name_hides_its_format_is_refused(data: Path):
    (data / "prove").mkdir()
    shutil.copy(TEMPLATES / "fonts" / "NotoSans-Regular.ttf", data / "prove" / "brand.woff2")
    with (data / "prove.yaml").open("a", encoding="utf-8") as stream:
        stream.write("profile:\n  fonts: [brand.woff2]\n")
    result = run("validate", "prove", "--data", str(data))
    assert result.exit_code == 2
    assert "profile.fonts[0]: 'brand.woff2' is a TrueType/OpenType font, not what its name (.woff2) says" in result.output
