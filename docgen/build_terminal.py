"""What a build tells the terminal: a progress bar while it runs, then a table of what
was written, the length of every text meant for pasting, and the counts."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from docgen.build import Report


class progress:
    """A progress bar on a terminal; silence elsewhere (CI logs, pipes)."""

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not sys.stderr.isatty():
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True, console=None)
        self.bar.start()
        self.task = self.bar.add_task("Building", total=None)
        return lambda done, total: self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "bar"):
            self.bar.stop()


def summary(report: Report, out_dir: Path) -> None:
    from collections import Counter

    from rich.console import Console
    from rich.table import Table

    counts = Counter((t.municipality, t.language, t.kind) for t in report.written)
    same = Counter((t.municipality, t.language, t.kind) for t in report.unchanged)
    table = Table(title=f"Written to {out_dir}/", title_justify="left")
    for column in ("municipality", "language", "kind", "written", "unchanged"):
        table.add_column(column)
    for key in sorted(set(counts) | set(same)):
        table.add_row(*key, str(counts[key]), str(same[key]))
    Console(width=100).print(table)
    _text_lengths(report, out_dir)
    for path in report.removed:
        click.echo(f"removed {path}: the data no longer asks for it")
    click.echo(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed, "
        f"{len(report.failures)} failed, {len(report.invalid)} municipalities with bad data, {len(report.warnings)} warnings"
    )


def _text_lengths(report: Report, out_dir: Path) -> None:
    """Texts meant for pasting into a platform: how long they are, as the platform counts."""
    from docgen.platforms import characters

    for target in sorted(report.written + report.unchanged, key=lambda t: t.path):
        if target.format == "txt":
            text = (out_dir / target.path).read_text(encoding="utf-8")
            # The file ends in a newline, which is not pasted: the count is the limit check's.
            click.echo(f"{target.path}: {characters(text.removesuffix(chr(10))):,} characters".replace(",", " "))
