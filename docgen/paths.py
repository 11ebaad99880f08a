"""Where docgen finds its own files.

In a source checkout the templates lie beside the package, at the top of the
repository where people edit them; a built wheel carries them inside the package
(setup.py copies them there), so an installed docgen runs from any directory.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent
TEMPLATES = PACKAGE / "templates" if (PACKAGE / "templates").is_dir() else PROJECT / "templates"
