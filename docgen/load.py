"""Read `municipalities/<slug>.yaml` into a validated Municipality.

Every problem in a file is reported at once, each located at its line and column and
worded for the person who keeps the file. Nothing is built from a file with problems.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import click
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from docgen.entry import Entry, dotted
from docgen.errors import DataError, Problem
from docgen.identifiers import is_slug
from docgen.messages import position, shape_problem, syntax_problem
from docgen.model import Account, Municipality
from docgen.multilingual import languages_read, reading
from docgen.reading import read_data_file
from docgen.rules import check_rules
from docgen.yaml_limits import check_characters, shape_checked

log = logging.getLogger("docgen")


def discover(data_dir: Path, slugs: Iterable[str] = ()) -> list[Path]:
    """The data files in `data_dir`, all of them or the named ones, sorted by slug.

    Only a file named after a valid slug is a municipality: its name becomes folder and
    file names in the build. Any other *.yaml is reported and skipped."""
    if not data_dir.is_dir():
        raise click.UsageError(f"there is no folder {data_dir}; give the data folder with --data")
    wanted = list(slugs)
    if wanted:
        for slug in wanted:
            if not is_slug(slug):
                raise click.UsageError(f"{slug!r} is not a municipality slug (lower-case letters, digits and '-')")
        paths = [data_dir / f"{slug}.yaml" for slug in wanted]
        # lexists: a link or a FIFO in the file's place is not missing; load() says what is wrong.
        missing = [p.name for p in paths if not os.path.lexists(p)]
        if missing:
            raise click.UsageError(
                f"no municipality file {', '.join(missing)} in {data_dir}; 'docgen list' shows the ones there are"
            )
        return paths
    found = []
    for path in sorted(data_dir.glob("*.yaml")):
        if is_slug(path.stem):
            found.append(path)
        else:
            log.warning(
                "%s: skipped: a municipality file is named after its slug (lower-case letters, digits and '-'), "
                "e.g. nora.yaml",
                path,
            )
    return found


class _TextConstructor(RoundTripConstructor):
    """Keeps numbers, booleans and dates as the text written, for the model to convert.

    So a date that does not exist (2026-02-30) is reported at its line instead of
    crashing the parser, and postcodes or organisation numbers keep their leading zeros.
    """

    def construct_as_text(self, node: Any) -> str:
        return str(self.construct_scalar(node))


for _tag in ("int", "float", "bool", "timestamp"):
    _TextConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _TextConstructor.construct_as_text)


def parse(path: Path, text: str) -> Any:
    """The YAML tree of `text` (read from `path`), with line numbers, every scalar but
    null kept as text; a DataError when its shape goes beyond docgen.yaml_limits."""
    yaml = YAML(typ="rt")
    yaml.Parser = shape_checked(path)
    yaml.Constructor = _TextConstructor
    return yaml.load(text)


def load(path: Path) -> Entry:
    """Parse and validate one municipality; raise DataError with every problem found."""
    text = read_data_file(path)
    try:
        check_characters(path, text)
        tree = parse(path, text)
    except MarkedYAMLError as error:
        raise DataError([syntax_problem(path, error)]) from None
    if not isinstance(tree, CommentedMap):
        raise DataError([Problem(path, 1, 1, "", "the file must be a set of 'key: value' lines")])

    data = _plain(tree)
    languages = languages_read(data)
    primary = languages[0]
    # Read once per language built, so every free-text value is checked in each of them.
    readings: dict[str | None, Municipality] = {}
    problems: list[Problem] = []
    for language in languages:
        try:
            readings[language] = Municipality.model_validate(data, context=reading(language, primary))
        except ValidationError as error:
            problems += [shape_problem(path, tree, e) for e in error.errors()]
    if problems:
        # Report the business rules too, checked on the parts that are well formed,
        # so one run lists every problem in the file. A problem of shape is found in
        # every language, and reported once.
        errors, _ = _rule_problems(tree, Entry(path.stem, path, _well_formed_parts(data, primary)))
        raise DataError(list(dict.fromkeys(problems + errors))) from None

    translations = {str(language): found for language, found in readings.items() if language != primary}
    entry = Entry(path.stem, path, readings[primary], translations=translations)
    errors, warnings = _rule_problems(tree, entry)
    if errors:
        raise DataError(errors)
    return replace(entry, warnings=tuple(sorted(warnings)))


def _rule_problems(tree: CommentedMap, entry: Entry) -> tuple[list[Problem], list[Problem]]:
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for loc, message, is_warning, *against in check_rules(entry):
        line, column = position(tree, loc)
        if against:
            message += f" (see {dotted(against[0])} on line {position(tree, against[0])[0]})"
        (warnings if is_warning else errors).append(Problem(entry.path, line, column, dotted(loc), message))
    return errors, warnings


def _well_formed_parts(data: dict[str, Any], language: str | None) -> Municipality:
    """A Municipality holding only the top-level fields (and accounts) that validate on
    their own; a bad account is None, so the others keep their index."""
    values: dict[str, Any] = {}
    for name, info in Municipality.model_fields.items():
        if name not in data:
            continue
        if name == "accounts" and isinstance(data[name], list):
            values[name] = [_valid_or_none(Account, item, language) for item in data[name]]
        else:
            annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
            values[name] = _valid_or_none(annotation, data[name], language)
            if values[name] is None:
                del values[name]
    return Municipality.model_construct(**values)


def _valid_or_none(annotation: Any, value: Any, language: str | None) -> Any:
    try:
        return TypeAdapter(annotation).validate_python(value, context=reading(language, language))
    except ValidationError:
        return None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node
