"""The Markdown writer: clean CommonMark whose text reads back exactly as it was, so
nothing from the data can turn into a list, a heading, a link or HTML."""

from __future__ import annotations

import datetime as dt

import pytest
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from docgen.document import Document, Heading, ListBlock, Meta, Paragraph, Profile, Section, Text
from docgen.writers.markdown import MarkdownWriter

TRICKY = [
    "19. mars 2026",
    "1) first",
    "- not a list",
    "=== not a heading",
    "# not a heading",
    "*not emphasis*",
    "<b>not html</b>",
    "[not](a link)",
    "a | b",
    "`code`",
    "2.0",
    "+ not a list",
    "> not a quote",
    "## not a heading",
    "&amp; not an entity",
    "&#38; not a number",
    "![not](an image)",
]


def render(blocks, facts=()) -> str:
    meta = Meta(title="Tittel", language="nb", author="Prøve kommune", date=dt.date(2026, 1, 1), category="test", facts=facts)
    document = Document(meta, Profile("#000000", "#000000"), (Section("s", Heading(1, (Text("Del"),), "s"), tuple(blocks)),))
    return MarkdownWriter().render(document).decode()


def read_back(markdown: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(MarkdownIt("commonmark", {"html": True}).enable("table").parse(markdown))


def texts(node: SyntaxTreeNode) -> list[str]:
    """The text of every paragraph, in order."""
    found = []
    for child in node.walk():
        if child.type == "paragraph":
            found.append("".join(t.content for t in child.children[0].children if t.type == "text"))
    return found


@pytest.mark.parametrize("text", TRICKY)
def test_a_paragraph_reads_back_as_the_same_text(text: str):
    tree = read_back(render([Paragraph((Text(text),))]))
    types = {node.type for node in tree.walk()}
    assert not types & {"ordered_list", "html_inline", "html_block", "link", "em", "code_inline"}
    assert texts(tree)[-1] == text


@pytest.mark.parametrize("text", TRICKY)
def test_a_list_item_reads_back_as_the_same_text(text: str):
    tree = read_back(render([ListBlock(False, ((Paragraph((Text(text),)),),))]))
    lists = [node for node in tree.walk() if node.type.endswith("_list")]
    assert [node.type for node in lists] == ["bullet_list"]
    assert texts(tree)[-1] == text


def test_facts_keep_their_values_unescaped_where_no_escape_is_needed():
    markdown = render([], facts=(("Dato", "19. mars 2026"), ("Versjon", "2.0")))
    assert "- **Dato:** 19. mars 2026" in markdown
    assert "- **Versjon:** 2.0" in markdown


def test_running_text_is_escaped_only_where_commonmark_would_read_syntax():
    text = "Lag (1998:112) om anslagstavlor! Skriv #GodSommer, A & B, 50 % og 3+2."
    markdown = render([Paragraph((Text(text),))])
    assert text in markdown
    for needless in ("\\(", "\\)", "\\#", "\\!", "\\&", "\\+"):
        assert needless not in markdown
    assert texts(read_back(markdown))[-1] == text


def test_an_ampersand_that_would_read_as_an_entity_is_escaped():
    markdown = render([Paragraph((Text("Skriv &amp; eller &#38; her"),))])
    assert "\\&amp;" in markdown and "\\&#38;" in markdown
