"""How easy a text is to read: LIX (läsbarhetsindex, C.-H. Björnsson 1968).

    LIX = words / sentences + 100 × long words / words

A long word has more than six letters. Under 30 is very easy (children's books), 30–40
easy (fiction, popular newspapers), 40–50 average (official text), over 50 hard. docgen's
poster and house rules aim under 40 and the strategy under 45; the real-world documents
they replace score 45–50.

Counting rules, chosen so that citations and times do not flatter the score:
- every line of the text is one unit (a heading, paragraph or list item) and ends a
  sentence, with or without a full stop;
- inside a line, `.`, `:`, `!` or `?` ends a sentence when followed by the end of the
  line or by a space and something other than a digit or a lower-case letter, so
  "kl. 9.00", "2 kap. 1 §" and "t.ex. att" stay one sentence;
- a word is a space-separated token holding a letter or digit; web and e-mail addresses
  are not words, since no one reads them as words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from docgen.document import Block, Document, Heading, ListBlock, Note, Paragraph, plain

_END = re.compile(r"[.:!?]+[”»)\"']*(?=\s|$)")
_ADDRESS = re.compile(r"^\W*(https?://|www\.|mailto:)|@", re.IGNORECASE)
LONG_WORD = 6  # letters; a word with more is long


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words


def counts(text: str) -> Counts:
    """Words, sentences and long words of `text`, one unit (paragraph, heading, list
    item) per line."""
    words = sentences = long_words = 0
    for line in text.splitlines():
        tokens = [t for t in line.split() if any(c.isalnum() for c in t) and not _ADDRESS.search(t)]
        if not tokens:
            continue
        words += len(tokens)
        long_words += sum(1 for t in tokens if sum(c.isalpha() for c in t) > LONG_WORD)
        ends = [m for m in _END.finditer(line) if _ends_sentence(line[m.end():])]
        sentences += len(ends)
        after_last = line[ends[-1].end():] if ends else line
        if any(c.isalnum() for c in after_last):  # a heading or list item without a stop
            sentences += 1
    return Counts(words, sentences, long_words)


def lix(text: str) -> float:
    """The LIX of `text` (one paragraph, heading or list item per line)."""
    return counts(text).lix


def _ends_sentence(rest: str) -> bool:
    following = rest.lstrip()
    if not following:
        return True
    return not (following[0].isdigit() or following[0].islower())


def prose(document: Document) -> str:
    """The running text of a document, one unit per line, for measuring.

    Tables, form fields and signature blocks are data or forms, not prose, and are left out.
    """
    return "\n".join(_units(document.blocks()))


def _units(blocks: Iterable[Block]) -> Iterator[str]:
    for block in blocks:
        yield from _block_units(block)


def _block_units(block: Block) -> Iterator[str]:
    if isinstance(block, (Heading, Paragraph)):
        yield plain(block.content)
    elif isinstance(block, ListBlock):
        for item in block.items:
            yield from _units(item)
    elif isinstance(block, Note):
        yield from _units(block.blocks)
