"""docgen's exceptions. They are click exceptions, so the CLI shows the message and
exits with the right status instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


class DocgenError(click.ClickException):
    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data or content file, located for the person fixing it."""

    path: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(DocgenError):
    """A municipality's data file is wrong; nothing is built from it."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ContentError(DocgenError):
    """The content library (or a clause supplied by the data) cannot be assembled."""

    exit_code = 2


class RenderError(DocgenError):
    """A writer could not produce its output."""


class PageOverflow(RenderError):
    """The document does not fit on its pages even with the smallest readable type.

    Measured at the smallest type, in laid-out height: `fraction_that_fits` is the
    share of the content that fits (e.g. 0.8: cut about a fifth), and `section_shares`
    each section's share of the content, by section id (what is not in a section, such
    as a masthead, stays whatever is cut). With both a kind can tell the user what to
    cut in its own terms, without knowing how the writer lays pages out.
    """

    def __init__(
        self, pages: int, allowed: int, fraction_that_fits: float, section_shares: dict[str, float] | None = None
    ):
        self.pages = pages
        self.allowed = allowed
        self.fraction_that_fits = fraction_that_fits
        self.section_shares = section_shares or {}
        super().__init__(
            f"the content needs {pages} pages at the smallest readable type but must fit on {allowed}; "
            f"about {round((1 - fraction_that_fits) * 100)} % of it has to go"
        )
