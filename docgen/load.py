"""Read `municipalities/<slug>.yaml` into a validated Municipality.

Every problem in a file is reported at once, each located at its line and column and
worded for the person who keeps the file. Nothing is built from a file with problems.
"""

from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import click
from pydantic import BaseModel, TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from docgen.errors import DataError, Problem
from docgen.identifiers import is_slug
from docgen.model import HOW_TO_WRITE, Account, Municipality
from docgen.multilingual import languages_read, reading
from docgen.reading import read_data_file
from docgen.rules import check_rules
from docgen.yaml_limits import check_characters, check_shape

log = logging.getLogger("docgen")

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Entry:
    """A municipality as loaded: its slug, its file and its validated data, with its free
    text in the primary language; `in_language` gives it in another language it builds."""

    slug: str
    path: Path
    municipality: Municipality
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    translations: Mapping[str, Municipality] = field(default_factory=dict, compare=False)
    language: str | None = None  # the language of the free text; None: the primary one

    @property
    def text_language(self) -> str:
        return self.language or self.municipality.language

    def in_language(self, language: str) -> Entry:
        """The entry with every free-text value in `language`: what its documents in
        that language are built from."""
        if language == self.text_language:
            return self
        if language not in self.translations:
            raise ValueError(f"{self.slug} is not built in {language}")
        return replace(self, municipality=self.translations[language], language=language)

    @property
    def folder(self) -> Path:
        """Where the municipality's assets (logo, fonts) live."""
        return self.path.parent / self.slug


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


def parse(text: str) -> Any:
    """The YAML tree of `text`, with line numbers, every scalar but null kept as text."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextConstructor
    return yaml.load(text)


def load(path: Path) -> Entry:
    """Parse and validate one municipality; raise DataError with every problem found."""
    text = read_data_file(path)
    try:
        check_characters(path, text)
        check_shape(path, text)
        tree = parse(text)
    except MarkedYAMLError as error:
        raise DataError([_syntax_problem(path, error)]) from None
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
            problems += [_problem(path, tree, e) for e in error.errors()]
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


# The parser's words for common mistakes, and what to do about them.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a ':' where none is expected; check this line's indentation, or put the value in quotes"),
    ("found duplicate key", "this key appears twice in the same place; keep one of them"),
    ("found character '\\t'", "a tab character; indent with spaces only"),
    ("end of stream", "a quote that is never closed; end the text with the same quote mark"),
    ("expected <block end>", "the lines here are not indented like the ones above; line them up"),
    ("could not find expected ':'", "a line without ':' where a 'key: value' line is expected"),
)


def _syntax_problem(path: Path, error: MarkedYAMLError) -> Problem:
    problem = (error.problem or "the file cannot be read as YAML").strip()
    hint = next((words for pattern, words in _SYNTAX_HINTS if pattern in problem), problem)
    # An unclosed quote is only noticed at the end of the file: point at where it opened.
    mark = error.context_mark if "end of stream" in problem and error.context_mark else error.problem_mark
    mark = mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, "", f"YAML syntax error: {hint}")


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def dotted(loc: Loc) -> str:
    """('accounts', 1, 'url') → 'accounts[1].url'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def position(tree: Any, loc: Loc) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of `loc` present in the YAML tree."""
    line, column = 1, 1
    node = tree
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line, column = node.lc.key(part)
            line, column = line + 1, column + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.lc.item(part)
            line, column = line + 1, column + 1
            node = node[part]
        else:
            break
    return line, column


def _problem(path: Path, tree: CommentedMap, error: Any) -> Problem:
    loc: Loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    line, column = position(tree, loc)
    return Problem(path, line, column, dotted(loc), _message(error, loc))


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds tags such as '[key]' (a mapping's key) or 'function-after[…]' to locations.
    return isinstance(part, str) and "[" in part


_PLAIN_WORDS = {
    "missing": "is required but missing",
    "string_type": "must be text, not {value}",
    "int_type": "must be a whole number; you wrote {value}",
    "int_parsing": "must be a whole number; you wrote {value}",
    "int_from_float": "must be a whole number; you wrote {value}",
    "float_parsing": "must be a number; you wrote {value}",
    "float_type": "must be a number; you wrote {value}",
    "bool_type": "must be true or false; you wrote {value}",
    "list_type": "must be a list (lines starting with '- '), not {value}",
    "dict_type": "must be a set of 'key: value' lines, not {value}",
    "model_type": "must be a set of 'key: value' lines, not {value}",
    "model_attributes_type": "must be a set of 'key: value' lines, not {value}",
    "date_from_datetime_parsing": "{value} is not a date that exists; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_from_datetime_inexact": "{value} is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_parsing": "{value} is not a date that exists; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "date_type": "must be a date written as YYYY-MM-DD, e.g. 2026-01-31; you wrote {value}",
    "url_parsing": "{value} is not a valid web address; write it in full, e.g. https://www.example.no/",
    "url_scheme": "{value} must be a web address starting with https:// or http://",
    "url_type": "must be a web address starting with https://; you wrote {value}",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
}


def _shown(value: Any) -> str:
    """The offending value as the person wrote it, or what kind of thing it is."""
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return repr(str(value))


def _message(error: Any, loc: Loc) -> str:
    kind = error["type"]
    value = _shown(error.get("input"))
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "string_too_long":
        return f"is {len(str(error['input']))} characters long; at most {error['ctx']['max_length']} are allowed"
    if kind in _PLAIN_WORDS:
        return _PLAIN_WORDS[kind].format(value=value)
    if kind in ("enum", "literal_error"):
        return f"must be one of: {error['ctx']['expected']}; you wrote {value}"
    if kind == "string_pattern_mismatch":
        how = HOW_TO_WRITE.get(error["ctx"]["pattern"]) or _description(loc) or "see the schema"
        return f"{value} is not written the right way; {how}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{error['msg'].replace('Input should be', 'must be')}; you wrote {value}"
    return str(error["msg"]).removeprefix("Value error, ").replace("Input should be", "must be")


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that the mapping at `loc` is validated against."""
    annotation: Any = Municipality
    for part in loc:
        annotation = _step(annotation, part)
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, …] → X; X | None → X."""
    while get_origin(annotation) in (Annotated, Union, UnionType):
        arguments = [a for a in get_args(annotation) if a is not type(None)]
        annotation = arguments[0] if arguments else None
    return annotation


def _step(annotation: Any, part: str | int) -> Any:
    """The type one level down: a model's field, a list's item or a mapping's value."""
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(str(part))
        return info.annotation if info else None
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin is list and isinstance(part, int) and arguments:
        return arguments[0]
    if origin is dict and len(arguments) == 2:
        return arguments[1]
    return None


def _unknown_key(loc: Loc) -> str:
    key = str(loc[-1])
    model = _model_at(loc[:-1])
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else (f"; known keys here: {', '.join(known)}" if known else "")
    return f"unknown key '{key}'{hint}"


def _description(loc: Loc) -> str | None:
    model = _model_at(loc[:-1])
    if model and loc and loc[-1] in model.model_fields:
        return model.model_fields[str(loc[-1])].description
    return None
