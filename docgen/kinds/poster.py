"""The «Pass på» poster: the employees' rules for social media on exactly one page.

Every clause of the poster except its title, subtitle and contact line is one rule, so a
municipality omits, replaces or adds rules the same way it changes any other text. The
rules become one numbered list; the contact line always comes last, and may use the
poster's own placeholder {whom_to_ask} (the contact, or the contact or the communications
unit when they differ; a municipality can set its own in content.poster.values).

The document asks the PDF writer to fit it on one page (its print spec's `fit_pages=1`),
shrinking the type no further than MIN_SCALE; `overflow_message` turns a poster that
still does not fit into advice on how many rules or words to cut, from what the writer
measured (docgen.errors.PageOverflow). The contact line is a section with the role
"contact", which the layout prints at the foot of the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Literal

from babel.lists import format_list

from docgen import content
from docgen import language as lang
from docgen.context import placeholders, role
from docgen.document import Block, Document, ListBlock, Paragraph, PrintSpec, Section, plain
from docgen.errors import PageOverflow, RenderError
from docgen.kinds.base import Kind, Output
from docgen.entry import Entry
from docgen.model import Municipality

SIZES: dict[str, Literal["A4", "A3"]] = {"a4": "A4", "a3": "A3"}
# Body text is 16 pt on A4 at full size (see css/poster.css); fitting never takes it
# below 12 pt, which is still readable on the wall.
MIN_SCALE = 0.75
TITLE, SUBTITLE, CONTACT = "poster.title", "poster.subtitle", "poster.contact"
RULES = "poster.rules"  # the id of the section that holds the numbered rules


class Poster(Kind):
    name = "poster"
    formats = ("pdf", "png", "html")

    def outputs(self, entry: Entry, language: str) -> list[Output]:
        stem = lang.labels(language)["files"][self.name]
        return [
            Output(f"{stem}-a4", self.formats, variant="a4"),
            # A3 is the same poster printed larger; the screen versions come from A4.
            Output(f"{stem}-a3", ("pdf",), variant="a3"),
        ]

    def document(self, entry: Entry, language: str, output: Output) -> Document:
        municipality = entry.municipality
        # The municipality's own placeholder values (in placeholders) win over ours.
        context = {
            "whom_to_ask": whom_to_ask(municipality, language),
            **placeholders(municipality, language, self.name),
        }
        chosen = self.chosen(entry, language)
        by_id = {clause.id: clause for clause in chosen}

        def line(clause_id: str) -> str | None:
            return content.text_of(by_id[clause_id], context) if clause_id in by_id else None

        rules = tuple(
            tuple(content.blocks_of(clause, context)) for clause in chosen if clause.id not in (TITLE, SUBTITLE, CONTACT)
        )
        sections = [Section(RULES, None, (ListBlock(ordered=True, items=rules),))] if rules else []
        if CONTACT in by_id:
            sections.append(Section(CONTACT, None, tuple(content.blocks_of(by_id[CONTACT], context)), role="contact"))
        return Document(
            meta=self.meta(entry, language, self.title(entry, chosen, context), subtitle=line(SUBTITLE)),
            profile=self.profile(entry),
            sections=tuple(sections),
            layout="poster",
            print_spec=PrintSpec(page_size=SIZES[output.variant or "a4"], fit_pages=1, min_scale=MIN_SCALE),
        )

    def explain(self, error: RenderError, document: Document) -> RenderError:
        if isinstance(error, PageOverflow):
            return RenderError(overflow_message(document, error))
        return error


def whom_to_ask(municipality: Municipality, language: str) -> str:
    """The contact role, or the contact and the communications unit when they differ."""
    names = list(dict.fromkeys(role(municipality.roles, name, language) for name in ("contact", "communications_unit")))
    return format_list(names, style="or", locale=language)


def rules_of(document: Document) -> tuple[tuple[Block, ...], ...]:
    """The poster's rules, each as the blocks of one list item."""
    for section in document.sections:
        for block in section.blocks:
            if section.id == RULES and isinstance(block, ListBlock):
                return block.items
    return ()


def _words(blocks: Iterable[Block]) -> int:
    count = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            count += len(re.findall(r"\w+", plain(block.content)))
        elif isinstance(block, ListBlock):
            count += sum(_words(item) for item in block.items)
    return count


def overflow_message(document: Document, overflow: PageOverflow) -> str:
    """Why the poster was not written and what to cut, for the communications officer."""
    rules = rules_of(document)
    words = sum(_words(rule) for rule in rules)
    # All of the overflow has to come out of the rules: the masthead, title and contact
    # line stay. So the rules lose the overflowing share of the whole content, which is
    # a larger share of the rules alone.
    rules_share = overflow.section_shares.get(RULES, 0.0)
    share = min(1.0, (1 - overflow.fraction_that_fits) / rules_share) if rules_share else 1.0
    cut_words = max(1, math.ceil(words * share))
    # One rule more than the share of an average rule: the rules cut may be shorter
    # than the average, and a rule never splits, so the one that does not fit leaves
    # a gap at the foot of the page.
    cut_rules = min(len(rules), math.ceil(len(rules) * share) + 1)
    meta = document.meta
    return (
        f"the {document.print_spec.page_size} poster for {meta.author} ({meta.language}) does not fit on one page, "
        f"even with the smallest readable type: cut {cut_rules} of its {len(rules)} rules, "
        f"or shorten the rules by about {cut_words} of their {words} words "
        f"(content.poster.omit / replace in the data)"
    )
