"""docgen installed from a wheel, not from this checkout: it must carry its templates,
fonts and schema, and build from any directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen.paths import PROJECT

EXAMPLE = "rakkestad"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    process = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert process.returncode == 0, f"{' '.join(map(str, args))} failed:\n{process.stdout}\n{process.stderr}"
    return process


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", folder, PROJECT, cwd=folder)
    (found,) = folder.glob("docgen-*.whl")
    return found


def test_the_wheel_carries_templates_fonts_and_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in (PROJECT / "templates").rglob("*"):
        if packaged.is_file():
            assert f"docgen/templates/{packaged.relative_to(PROJECT / 'templates').as_posix()}" in names
    assert "docgen/templates/fonts/NotoSans-Regular.ttf" in names
    assert "docgen/schema/municipality.schema.json" in names


def test_an_installed_docgen_builds_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # The dependencies come from this interpreter's site-packages; docgen itself only
    # from the wheel, which the venv's own site-packages puts first.
    run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel, cwd=tmp_path)
    where = run(python, "-c", "import docgen.paths as p; print(p.TEMPLATES)", cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(venv), f"docgen ran from {where}, not from the installed wheel"

    work = tmp_path / "office"
    (work / "municipalities").mkdir(parents=True)
    shutil.copy(PROJECT / "municipalities" / f"{EXAMPLE}.yaml", work / "municipalities")
    if (PROJECT / "municipalities" / EXAMPLE).is_dir():
        shutil.copytree(PROJECT / "municipalities" / EXAMPLE, work / "municipalities" / EXAMPLE)
    run(venv / "bin" / "docgen", "build", "--kind", "house-rules", "--kind", "account-register", cwd=work)
    manifest = json.loads((work / "build" / "manifest.json").read_text())
    formats = {output["format"] for output in manifest["outputs"]}
    assert {"pdf", "docx", "html", "txt", "md"} <= formats
    for output in manifest["outputs"]:
        assert (work / "build" / output["path"]).stat().st_size > 0
