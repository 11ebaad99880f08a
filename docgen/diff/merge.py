"""Two versions of a block merged into one, with the words that differ marked.

A block's inline content is cut into word tokens, each remembering the formatting
around it (emphasis, strong, a link). difflib aligns the two token lists; the merged
content keeps the common words as they are and wraps the others in `Deleted` or
`Inserted`, so a reworded sentence shows as a few words struck and a few inserted.

`merge(old, None)` and `merge(None, new)` mark a whole block as removed or added.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Union

from docgen.diff.align import pairs
from docgen.document import (
    Block,
    Deleted,
    Emphasis,
    FormField,
    Heading,
    Inline,
    Inlines,
    Inserted,
    LineBreak,
    Link,
    ListBlock,
    Note,
    PageBreak,
    Paragraph,
    Schedule,
    SignatureBlock,
    Strong,
    Table,
    Text,
    plain,
)

# The formatting a word sits in, outermost first: ("em",), ("strong",), ("link", href).
Wrapper = tuple[str, ...]
# One word with the white space after it (None: a line break), in its formatting.
Token = tuple[tuple[Wrapper, ...], Union[str, None]]

_WORD = re.compile(r"\s*\S+\s*|\s+")


def tokens(nodes: Inlines, chain: tuple[Wrapper, ...] = ()) -> list[Token]:
    found: list[Token] = []
    for node in nodes:
        if isinstance(node, Text):
            found += [(chain, word) for word in _WORD.findall(node.text)]
        elif isinstance(node, LineBreak):
            found.append((chain, None))
        elif isinstance(node, Emphasis):
            found += tokens(node.children, (*chain, ("em",)))
        elif isinstance(node, Strong):
            found += tokens(node.children, (*chain, ("strong",)))
        elif isinstance(node, Link):
            found += tokens(node.children, (*chain, ("link", node.href)))
        elif isinstance(node, (Inserted, Deleted)):
            found += tokens(node.children, chain)
    return found


def inlines(found: list[Token]) -> Inlines:
    """Tokens back into inline nodes, neighbours in the same formatting joined."""
    result: list[Inline] = []
    index = 0
    while index < len(found):
        chain, word = found[index]
        if chain:
            end = index
            while end < len(found) and found[end][0][:1] == chain[:1]:
                end += 1
            children = inlines([(c[1:], w) for c, w in found[index:end]])
            wrapper = chain[0]
            if wrapper[0] == "link":
                result.append(Link(wrapper[1], children))
            else:
                result.append(Emphasis(children) if wrapper[0] == "em" else Strong(children))
            index = end
        elif word is None:
            result.append(LineBreak())
            index += 1
        else:
            if result and isinstance(result[-1], Text):
                result[-1] = Text(result[-1].text + word)
            else:
                result.append(Text(word))
            index += 1
    return tuple(result)


def merge_inlines(old: Inlines, new: Inlines) -> Inlines:
    """`new` with the words `old` had and `new` lacks marked Deleted, and the words
    only `new` has marked Inserted."""
    before, after = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    merged: list[Inline] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            merged += inlines(after[j1:j2])
            continue
        if i2 > i1:
            merged.append(Deleted(inlines(before[i1:i2])))
        if j2 > j1:
            merged.append(Inserted(inlines(after[j1:j2])))
    return tuple(merged)


def readable(block: Block) -> Block:
    """A block whose values are plain strings (a form question, a signature block) as
    a paragraph, so its words can be compared and marked like any other text."""
    if isinstance(block, FormField):
        number = (Text(f"{block.number}. "),) if block.number else ()
        answer = (Text(f": {block.value}"),) if block.value else ()
        return Paragraph((Strong(number + block.label), *answer))
    if isinstance(block, SignatureBlock):
        lines = [block.role, block.statement, *([block.name] if block.name else [])]
        return Paragraph(tuple(node for line in lines for node in (Text(line), LineBreak()))[:-1])
    return block


def merge(old: Block | None, new: Block | None) -> Block:
    """One block showing the change from `old` to `new` (either may be absent; when
    both are given they are of one type, as `merge_blocks` pairs them)."""
    base = new if new is not None else old
    if base is None:
        raise ValueError("nothing to merge")
    if old == new:
        return base
    if isinstance(base, (Heading, Paragraph)):
        content = merge_inlines(_content(old), _content(new))
        return Heading(base.level, content, base.anchor) if isinstance(base, Heading) else Paragraph(content)
    if isinstance(base, ListBlock):
        items = [tuple(merge_blocks(a or (), b or ())) for a, b in pairs(_items(old), _items(new), text)]
        return ListBlock(base.ordered, tuple(items), base.start)
    if isinstance(base, Table):
        return _table(old, new, base)
    if isinstance(base, Note):
        return Note(tuple(merge_blocks(_children(old), _children(new))))
    if isinstance(base, PageBreak):
        return base
    if isinstance(base, (FormField, SignatureBlock)):
        return merge(readable(old) if old is not None else None, readable(new) if new is not None else None)
    raise TypeError(f"docgen diff cannot compare a {type(base).__name__} block")


def merge_blocks(old: tuple[Block, ...], new: tuple[Block, ...]) -> list[Block]:
    """Two runs of blocks lined up and merged pairwise; a schedule is compared as the
    tables a reader sees."""
    return [merge(a, b) for a, b in pairs(as_tables(old), as_tables(new), text, alike)]


def as_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks, with a schedule as the tables a reader sees (one per group)."""
    return tuple(part for block in blocks for part in (block.tables() if isinstance(block, Schedule) else (block,)))


def alike(old: Block, new: Block) -> bool:
    """Blocks that can be one block edited: same type (tables: same columns)."""
    if isinstance(old, Table) and isinstance(new, Table):
        return len(old.header) == len(new.header)
    return type(old) is type(new)


def text(value: object) -> str:
    """The words of a block, a list item or a table row."""
    if isinstance(value, tuple):
        return " ".join(text(part) for part in value)
    if isinstance(value, (Heading, Paragraph)):
        return plain(value.content)
    if isinstance(value, (Text, Emphasis, Strong, Link, LineBreak, Inserted, Deleted)):
        return plain((value,))
    if isinstance(value, ListBlock):
        return text(value.items)
    if isinstance(value, Table):
        return text((value.header, *value.rows))
    if isinstance(value, Note):
        return text(value.blocks)
    if isinstance(value, (FormField, SignatureBlock)):
        return text(readable(value))
    return ""


def _content(block: Block | None) -> Inlines:
    return block.content if isinstance(block, (Heading, Paragraph)) else ()


def _items(block: Block | None) -> tuple[tuple[Block, ...], ...]:
    return block.items if isinstance(block, ListBlock) else ()


def _children(block: Block | None) -> tuple[Block, ...]:
    return block.blocks if isinstance(block, Note) else ()


def _table(old: Block | None, new: Block | None, base: Table) -> Table:
    empty: tuple[Inlines, ...] = ((),) * len(base.header)

    def row(before: tuple[Inlines, ...] | None, after: tuple[Inlines, ...] | None) -> tuple[Inlines, ...]:
        return tuple(merge_inlines(a, b) for a, b in zip(before or empty, after or empty))

    before = old if isinstance(old, Table) else None
    after = new if isinstance(new, Table) else None
    header = row(before.header if before else None, after.header if after else None)
    rows = [row(a, b) for a, b in pairs(before.rows if before else (), after.rows if after else (), text)]
    return Table(header, tuple(rows), base.caption)
