"""Property-based tests (Hypothesis) over the data model and the writers:

- any YAML value in any field of a data file gives either a municipality or a DataError
  whose every problem is located at file:line:column, never another exception;
- any text in the free-text fields reaches the documents as text: the Markdown and HTML
  outputs have exactly the elements they have for a plain word.
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from conftest import MINIMAL, write_municipality
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pydantic import BaseModel

from docgen.build import assemble, load_all, plan
from docgen.errors import DataError
from docgen.load import load
from docgen.model_walk import unwrap
from docgen.model import Municipality
from docgen.writers import WRITERS
from docgen.writers.markdown import escape, line_starts

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def field_paths(model: type[BaseModel], prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place a value can go in a data file: each field, and inside each nested
    model (the first item of a list, the 'strategy' entry of a mapping)."""
    paths = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        paths.append(path)
        annotation = unwrap(info.annotation)
        origin, arguments = get_origin(annotation), get_args(annotation)
        if origin is list and arguments:
            annotation, path = unwrap(arguments[0]), (*path, 0)
        elif origin is dict and len(arguments) == 2:
            annotation, path = unwrap(arguments[1]), (*path, "strategy")
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            paths += field_paths(annotation, path)
    return paths


PATHS = field_paths(Municipality)

# What a YAML file can hold: scalars of every kind, nested in lists and mappings.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.dates().map(str),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=12,
)


def put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Set the field at `path` (which always ends in a field name), making the mappings
    and one-item lists on the way; a place the file cannot have is left alone."""
    node: Any = data
    for part, following in zip(path, path[1:]):
        if isinstance(part, int):
            if not (isinstance(node, list) and node):
                return
            node = node[part]
        else:
            node = node.setdefault(part, [{}] if isinstance(following, int) else {})
        if not isinstance(node, (dict, list)):
            return
    if isinstance(node, dict):
        node[path[-1]] = value


@SETTINGS
@given(path=st.sampled_from(PATHS), value=VALUES)
def test_any_value_in_any_field_is_valid_or_a_located_error(tmp_path: Path, path, value):
    data = copy.deepcopy(MINIMAL["nb"])
    put(data, path, value)
    folder = write_municipality(tmp_path, "prove", data)
    try:
        load(folder / "prove.yaml")
    except DataError as error:
        assert error.exit_code == 2
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert re.match(rf"^{re.escape(str(folder / 'prove.yaml'))}:\d+:\d+: ", str(problem)), str(problem)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


# Text a person could type: any printable character, weighted towards Markdown and HTML syntax.
SYNTAX = st.sampled_from(list("\\`*_{}[]<>()#+-=!|~&;:.'\"/ 0123456789") + ["&amp;", "<b>", "](", "1. ", "- ", "    "])
TEXT = st.lists(
    st.one_of(SYNTAX, st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85")),
    min_size=1,
    max_size=40,
).map("".join).filter(lambda text: text.strip() != "")


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_escaped_text_is_one_paragraph_of_that_text_in_markdown(text: str):
    html = MarkdownIt("commonmark", {"html": True}).render(line_starts(escape(text)))
    found = elements(html)
    assert [tag for tag, _ in found.elements] == ["p"], html
    # Markdown trims white space around a paragraph; every other character stays as typed.
    assert " ".join("".join(found.text).split()) == " ".join(text.split()), html


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(TEXT | st.just(""), min_size=2, max_size=5))
def test_escaped_lines_are_paragraphs_of_text_in_markdown(lines: list[str]):
    html = MarkdownIt("commonmark", {"html": True}).render(line_starts(escape("\n".join(lines))))
    found = elements(html)
    assert {tag for tag, _ in found.elements} <= {"p"}, html
    assert " ".join("".join(found.text).split()) == " ".join(" ".join(lines).split()), html


def _documents(tmp_path: Path, text: str) -> dict[str, _Elements]:
    """The account register and house rules of a municipality whose every name,
    role and account text is `text`, as elements of their HTML and Markdown."""
    data = copy.deepcopy(MINIMAL["nb"])
    data["name"] = data["short_name"] = text
    data["roles"] = {role: text for role in data["roles"]}
    account = data["accounts"][0]
    for key in ("name", "unit", "purpose", "audience", "monitoring", "update_frequency"):
        account[key] = text
    account["administrators"] = [{"name": text, "title": text}, {"name": f"{text} 2"}]
    folder = write_municipality(tmp_path / text.encode().hex()[:40], "prove", data)
    entries, invalid = load_all(folder)
    assert not invalid, invalid[0].format_message()
    rendered = {}
    for job in plan(entries, kinds=["account-register", "house-rules"], formats=["html", "md"]):
        document = assemble(job)
        for target in job.targets:
            if target.format not in ("html", "md"):
                continue  # the document's snapshot, written with every job
            output = WRITERS[target.format].render(document).decode("utf-8")
            if target.format == "md":
                output = MarkdownIt("commonmark", {"html": True}).enable("table").render(output)
            rendered[target.path.split("/", 1)[1]] = elements(output)
    return rendered


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT.filter(lambda t: len(t.strip()) <= 100))
def test_any_text_in_the_free_text_fields_never_becomes_markup(tmp_path: Path, text: str):
    plain = _documents(tmp_path, "Tekst")
    hostile = _documents(tmp_path, text.strip())
    assert hostile.keys() == plain.keys()
    for name, found in hostile.items():
        assert found.elements == plain[name].elements, f"{name}: the text {text!r} changed the markup"
