"""The `docgen` command. Heavy modules are imported inside the commands, so `--help`
answers at once. Errors are click exceptions: a clean message and the right exit status
(0 ok, 1 build failure, 2 bad data or usage), never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

DATA = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("municipalities"),
    show_default=True,
    help="Folder with one YAML file per municipality.",
)
OUT = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write into.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def main() -> None:
    """docgen: a municipality's social-media documents from one data file.

    Keep municipalities/<slug>.yaml up to date and build the strategy, activity plans,
    poster, house rules and account register in every language and format.

    \b
    Example:
      docgen validate
      docgen build nora --kind strategy --format pdf
    """
    configure_logging()


def configure_logging() -> None:
    """Warnings and errors of docgen and its libraries, on standard error."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")


def _kinds() -> list[str]:
    from docgen.kinds import KINDS

    return list(KINDS)


def _formats() -> list[str]:
    from docgen.writers import WRITERS

    return list(WRITERS)


@main.command()
@click.argument("slugs", nargs=-1)
@DATA
@OUT
@click.option("--kind", "kinds", multiple=True, help="Only this document kind (repeatable).")
@click.option("--lang", "languages", multiple=True, type=click.Choice(["nb", "nn", "sv"]), help="Only this language.")
@click.option("--format", "formats", multiple=True, help="Only this format: pdf, docx, html, md, txt or png.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first municipality or document that fails.")
@click.option("--jobs", type=click.IntRange(1), default=None, help="Worker processes (default: one per core).")
@click.option("--strict", is_flag=True, help="Exit with 1 when there is any warning (the data's or a document's).")
def build(
    slugs: tuple[str, ...],
    data_dir: Path,
    out_dir: Path,
    kinds: tuple[str, ...],
    languages: tuple[str, ...],
    formats: tuple[str, ...],
    fail_fast: bool,
    jobs: int | None,
    strict: bool,
) -> None:
    """Build documents for every municipality, or for the SLUGS named.

    Only files whose content changed are written again. With `docgen warm` running,
    the build starts at once.

    \b
    Examples:
      docgen build
      docgen build aas nora --lang nb --format pdf
      docgen build --kind house-rules --out public/
      docgen build --strict
    """
    from docgen.build import build as run_build
    from docgen.build_terminal import progress, summary

    _check_names("--kind", kinds, _kinds())
    _check_names("--format", formats, _formats())
    _say_skipped(kinds, formats)
    with progress() as on_progress:
        try:
            report = run_build(data_dir, out_dir, slugs, kinds, languages, formats, fail_fast, jobs, on_progress)
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM
            click.echo(f"build stopped; every file it wrote is complete and listed in {out_dir / 'manifest.json'}", err=True)
            sys.exit(1)
    for error in report.invalid:
        click.echo(error.format_message(), err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in report.failures:
        click.echo(f"error: {failure}", err=True)
    summary(report, out_dir)
    if strict and report.warnings and not report.exit_code:
        click.echo(f"error: --strict: {len(report.warnings)} warnings (listed above)", err=True)
    sys.exit(report.exit_code_when(strict))


def _check_names(option: str, given: tuple[str, ...], known: list[str]) -> None:
    for name in given:
        if name not in known:
            raise click.BadParameter(f"{name!r} is not one of: {', '.join(known)}", param_hint=option)


def _say_skipped(kinds: tuple[str, ...], formats: tuple[str, ...]) -> None:
    """Name the kinds that `--format` leaves nothing to build of, so none goes missing unremarked."""
    from docgen.kinds import KINDS

    if not formats:
        return
    for name in kinds or KINDS:
        made = KINDS[name].formats
        if not set(formats) & set(made):
            click.echo(f"skipped {name}: it is made as {', '.join(made)}, not as {', '.join(formats)}", err=True)


@main.command()
@click.argument("slugs", nargs=-1)
@DATA
def validate(slugs: tuple[str, ...], data_dir: Path) -> None:
    """Check municipality files and report every problem with its line.

    \b
    Example:
      docgen validate nora
    """
    from docgen.build import load_all

    entries, invalid = load_all(data_dir, slugs)
    for error in invalid:
        click.echo(error.format_message(), err=True)
    for entry in entries:
        for warning in entry.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(f"{entry.path}: ok")
    if invalid:
        sys.exit(2)


@main.command(name="list")
@DATA
def list_(data_dir: Path) -> None:
    """List municipalities, their languages and accounts, and what docgen can build.

    \b
    Example:
      docgen list --data municipalities/
    """
    from docgen.build import load_all
    from docgen.kinds import KINDS, built
    from docgen.writers import WRITERS

    entries, invalid = load_all(data_dir)
    for entry in entries:
        municipality = entry.municipality
        click.echo(f"{entry.slug}: {municipality.name} ({', '.join(municipality.all_languages)})")
        if municipality.kinds is not None:
            click.echo(f"  builds only: {', '.join(built(municipality))}")
        for account in municipality.accounts:
            click.echo(f"  {account.slug}  {account.url}")
    for error in invalid:
        click.echo(f"{error.problems[0].path}: invalid, see 'docgen validate'", err=True)
    click.echo(f"kinds: {', '.join(KINDS)}")
    click.echo(f"formats: {', '.join(WRITERS)}")
    if invalid:
        sys.exit(2)


@main.command()
@click.argument("slug")
@click.option("--name", required=True, help='Official name, e.g. "Nora kommun".')
@click.option("--lang", "language", required=True, type=click.Choice(["nb", "nn", "sv"]), help="Primary language.")
@DATA
def new(slug: str, name: str, language: str, data_dir: Path) -> None:
    """Write a commented starter file for a new municipality.

    \b
    Example:
      docgen new lesja --name "Lesja kommune" --lang nn
    """
    from docgen.build import write_atomically
    from docgen.identifiers import is_slug, slugify
    from docgen.starter import starter_yaml

    if not is_slug(slug):
        raise click.BadParameter(f"use lower-case letters, digits and '-', e.g. {slugify(slug)!r}", param_hint="SLUG")
    path = data_dir / f"{slug}.yaml"
    if path.exists():
        raise click.UsageError(f"{path} already exists; edit it, or pick another slug")
    write_atomically(path, starter_yaml(slug, name, language).encode("utf-8"))
    click.echo(f"wrote {path}; fill it in, then run: docgen validate {slug}")


@main.command()
@click.argument("kind")
@click.option("--lang", "language", default="nb", show_default=True, type=click.Choice(["nb", "nn", "sv"]),
              help="The language of the text shown.")
def clauses(kind: str, language: str) -> None:
    """List the clauses of a document KIND (or `shared`): each id, the choice it depends
    on, its placeholders and its first line, for `content:` in the data file.

    \b
    Examples:
      docgen clauses strategy
      docgen clauses house-rules --lang sv
    """
    from docgen.clause_list import describe
    from docgen.shared import KIND as SHARED

    _check_names("KIND", (kind,), [*_kinds(), SHARED])
    for line in describe(kind, language):
        click.echo(line)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the municipality files, for editors.

    \b
    Example:
      docgen schema > schema/municipality.schema.json
    """
    from docgen.model import Municipality

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Municipality.model_json_schema()}
    click.echo(json.dumps(schema, ensure_ascii=False, indent=2))


@main.command()
@click.argument("slug")
@click.option("--since", required=True,
              help="The earlier version: a build folder, an older data file, or a git revision of the data folder.")
@click.option("--kind", default="strategy", show_default=True, help="The document kind to compare.")
@click.option("--lang", "languages", multiple=True, type=click.Choice(["nb", "nn", "sv"]),
              help="Only this language (default: every language of the municipality).")
@DATA
@OUT
def diff(slug: str, since: str, kind: str, languages: tuple[str, ...], data_dir: Path, out_dir: Path) -> None:
    """Show what changed in SLUG's documents since an earlier version: a redline in
    HTML, a DOCX with tracked changes and a change list in Markdown and text.

    \b
    Examples:
      docgen diff aas --since build-2025/
      docgen diff aas --since HEAD~3
      docgen diff nora --kind house-rules --since old/nora.yaml
    """
    from docgen.diff.run import diff as run_diff

    _check_names("--kind", (kind,), _kinds())
    for outcome in run_diff(slug, since, data_dir, out_dir, kind, languages):
        job = outcome.job
        click.echo(f"{job.entry.slug}/{job.language}/{job.output.stem}: {outcome.summary}")
        for target in outcome.written:
            click.echo(f"  {out_dir / target.path}")


@main.command()
@click.option("--stop", is_flag=True, help="Stop it now.")
@click.option("--minutes", type=click.FloatRange(0, min_open=True), default=60, show_default=True,
              help="Stop by itself after this many minutes without a build.")
def warm(stop: bool, minutes: float) -> None:
    """Keep docgen ready in the background, so that builds start at once.

    While it runs, `docgen build` hands its work to it: the same documents, written
    the same way, without the second a fresh build spends getting ready. It serves
    you only, and only this installation of docgen.

    \b
    Examples:
      docgen warm
      docgen warm --stop
    """
    from docgen import warm as background

    if not background.available():
        raise click.ClickException("docgen warm cannot run on this system; builds run as usual")
    if stop:
        click.echo("docgen warm: stopped" if background.stop() else "docgen warm: was not running")
        return
    if background.running():
        click.echo("docgen warm: already running (docgen warm --stop stops it)")
        return
    try:
        started = background.start(minutes)
    except PermissionError as error:
        raise click.ClickException(str(error)) from None
    if not started:
        raise click.ClickException(f"docgen warm did not start; its log is {background.log_path()}")
    click.echo(f"docgen warm: ready; builds start at once until {minutes:g} minutes pass without one "
               "(docgen warm --stop stops it)")


@main.command()
@click.argument("slugs", nargs=-1)
@DATA
@OUT
@click.option("--port", type=click.IntRange(0, 65535), default=8013, show_default=True, help="Port (0: any free one).")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on; any but this machine's gets a warning."
)
def serve(slugs: tuple[str, ...], data_dir: Path, out_dir: Path, port: int, host: str) -> None:
    """Preview the documents in a browser, rebuilt as you save the data file.

    Prints the address to open; Ctrl-C stops it.

    \b
    Examples:
      docgen serve
      docgen serve nora --port 8080
    """
    from docgen.load import discover
    from docgen.serve.server import serve as run_server

    discover(data_dir, slugs)  # a missing folder or unknown slug is a usage error before anything starts
    run_server(data_dir, out_dir, tuple(slugs), host, port)
