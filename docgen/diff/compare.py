"""Two versions of a document compared: structure first, then words.

Sections are matched by the clause id that opened them, so a section that moved is
the same section, and one whose clause is new or gone is added or removed. Inside a
matched section the blocks are lined up and merged (docgen.diff.merge), which marks
the words that changed. The result is a `Comparison`: what changed, section by
section, and the redline: the new document with every change marked in it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from docgen.diff.align import pairs
from docgen.diff.merge import alike, as_tables, merge, text
from docgen.document import Block, Document, Paragraph, Section, Text

Status = Literal["changed", "added", "removed"]


@dataclass(frozen=True)
class BlockChange:
    status: Status
    old: Block | None
    new: Block | None


@dataclass(frozen=True)
class SectionChange:
    merged: Section  # the section with its changes marked
    status: Status | None  # None: the text is the same (it may still have moved)
    moved: bool
    blocks: tuple[BlockChange, ...]  # the heading first, when it changed


@dataclass(frozen=True)
class Comparison:
    old: Document
    new: Document
    sections: tuple[SectionChange, ...]
    # The title page's facts (status, date, version, …) that changed, each as a
    # paragraph «label: value»; they are not a section, so they are listed apart.
    title_page: tuple[BlockChange, ...] = ()

    @property
    def changes(self) -> tuple[SectionChange, ...]:
        return tuple(s for s in self.sections if s.status or s.moved)

    @property
    def unchanged(self) -> bool:
        return not self.changes and not self.title_page

    def count(self, status: Status | Literal["moved"]) -> int:
        if status == "moved":
            return sum(s.moved for s in self.sections)
        return sum(s.status == status for s in self.sections)

    @property
    def redline(self) -> Document:
        """The new document with every change marked (removed sections where they were)."""
        return dataclasses.replace(self.new, sections=tuple(s.merged for s in self.sections))


def compare(old: Document, new: Document) -> Comparison:
    before = {section.id: section for section in old.sections}
    after = {section.id: section for section in new.sections}
    moved = _moved([s.id for s in old.sections if s.id in after], [s.id for s in new.sections if s.id in before])
    changes = [_section(before.get(section.id), section, section.id in moved) for section in new.sections]
    # A removed section goes back after the section that came before it in the old version.
    for index, section in enumerate(old.sections):
        if section.id in after:
            continue
        previous = {s.id for s in old.sections[:index]}
        position = max((i + 1 for i, c in enumerate(changes) if c.merged.id in previous), default=0)
        changes.insert(position, _section(section, None, False))
    return Comparison(old, new, tuple(changes), _facts(old, new))


def _facts(old: Document, new: Document) -> tuple[BlockChange, ...]:
    before, after = dict(old.meta.facts), dict(new.meta.facts)
    found = []
    for label in [*after, *(label for label in before if label not in after)]:
        a, b = (Paragraph((Text(f"{label}: {facts[label]}"),)) if label in facts else None for facts in (before, after))
        if a != b:
            found.append(BlockChange("added" if a is None else "removed" if b is None else "changed", a, b))
    return tuple(found)


def _moved(old_order: list[str], new_order: list[str]) -> set[str]:
    """Sections outside the longest run that kept its order: those the reader sees move."""
    matcher = SequenceMatcher(None, old_order, new_order, autojunk=False)
    kept = {old_order[block.a + k] for block in matcher.get_matching_blocks() for k in range(block.size)}
    return set(old_order) - kept


def _section(old: Section | None, new: Section | None, moved: bool) -> SectionChange:
    base = new or old
    assert base is not None
    headings = (old.heading if old else None, new.heading if new else None)
    blocks = pairs(as_tables(old.blocks) if old else (), as_tables(new.blocks) if new else (), text, alike)
    heading = merge(*headings) if any(headings) else None
    merged = Section(base.id, heading, tuple(merge(a, b) for a, b in blocks))  # type: ignore[arg-type]
    changed = tuple(
        BlockChange("added" if a is None else "removed" if b is None else "changed", a, b)
        for a, b in [headings, *blocks]
        if a != b
    )
    status: Status | None = "added" if old is None else "removed" if new is None else "changed" if changed else None
    return SectionChange(merged, status, moved, changed)
