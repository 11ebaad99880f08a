"""Import WeasyPrint without its slow search for Pango, HarfBuzz and fontconfig.

WeasyPrint opens each native library by trying several names in turn (`libpango-1.0-0`,
`pango-1.0-0`, `pango-1.0`, `libpango-1.0.so.0`, …). cffi hands every name it cannot open
directly to `ctypes.util.find_library`, which on Linux runs `ldconfig`, then `gcc` and
`ld` for each name that does not exist: 22 look-ups, 0.4–0.6 s of every process that
makes a PDF (half of importing WeasyPrint; see benchmarks/worker_startup.py). That is
most of what an edit that re-renders one document waits for.

While WeasyPrint is imported, `find_library` answers "not found" at once. WeasyPrint's
list also holds each library's exact file name (`libpango-1.0.so.0`), which cffi passes
straight to the dynamic linker, and that finds the same file `find_library` would have
named, by the system's own rules (LD_LIBRARY_PATH included). Where a system names its
libraries otherwise, that import fails, and WeasyPrint is imported again the ordinary way.
"""

from __future__ import annotations

import ctypes.util
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from types import ModuleType


def import_weasyprint() -> ModuleType:
    """The weasyprint module, imported once per process, quickly where that works."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    if sys.platform.startswith("linux"):
        try:
            # WeasyPrint prints advice about installing the libraries before it gives up.
            with _no_library_search(), redirect_stdout(io.StringIO()):
                import weasyprint
            loaded: ModuleType = weasyprint  # WeasyPrint has no type hints
            return loaded
        except OSError:
            pass  # Python has dropped the modules that failed; the rest are reused
    import weasyprint

    module: ModuleType = weasyprint
    return module


@contextmanager
def _no_library_search() -> Iterator[None]:
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search

