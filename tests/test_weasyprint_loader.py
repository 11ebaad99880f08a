"""Importing WeasyPrint without the library search: the libraries are found by their
file names, the search is back in place afterwards, and where the quick way fails the
ordinary import still gives a working WeasyPrint, without WeasyPrint's install advice."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick way is for Linux only")

MAKE_A_PDF = """
weasyprint = import_weasyprint()
pdf = weasyprint.HTML(string="<p>Hei</p>").write_pdf()
assert pdf.startswith(b"%PDF"), pdf[:20]
print("pdf", len(pdf), "searches", len(searches), "restored", ctypes.util.find_library is counting)
"""


def run(prelude: str) -> str:
    """Run a fresh interpreter (WeasyPrint not yet imported) and return what it printed."""
    code = textwrap.dedent(
        """
        import ctypes.util
        searches = []
        search = ctypes.util.find_library
        def counting(name):
            searches.append(name)
            return search(name)
        ctypes.util.find_library = counting
        from docgen.writers.weasyprint_loader import import_weasyprint
        """
    ) + textwrap.dedent(prelude) + MAKE_A_PDF
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_weasyprint_is_imported_without_searching_for_libraries():
    printed = run("")
    assert printed.startswith("pdf ") and "searches 0 restored True" in printed


def test_where_the_file_names_do_not_work_the_ordinary_import_is_used():
    # A system whose libraries have other file names: every name with ".so." fails to open.
    printed = run(
        """
        import cffi
        opens = cffi.FFI.dlopen
        def other_names(self, name, flags=0):
            if ".so." in str(name) and not searches:
                raise OSError(f"cannot open {name}")
            return opens(self, name, flags)
        cffi.FFI.dlopen = other_names
        """
    )
    assert "WeasyPrint could not import" not in printed  # its advice, printed before it gives up
    assert printed.startswith("pdf ") and "restored True" in printed
    assert "searches 0" not in printed  # the second, ordinary import searched
