"""Ships templates/ (content library, layouts, Word templates, fonts) and schema/ inside
the docgen package, so a plain `pip install .` or a wheel runs from any directory.
Everything else about the package is declared in pyproject.toml."""

import os

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        for folder in ("templates", "schema"):
            self.copy_tree(folder, os.path.join(self.build_lib, "docgen", folder))


# Not setuptools' default build/: that is where docgen writes the documents.
setup(cmdclass={"build_py": BuildWithTemplates}, options={"build": {"build_base": "dist/setuptools"}})
