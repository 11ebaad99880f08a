"""Bounds on the shape of a YAML data file, checked on the parser's events as the
composer takes them, before anything is built from them.

The parser is iterative, so checking its events is safe on any input; the composer
recurses, and the constructor after it copies, so they only ever see a file that keeps
to the bounds: nesting at most YAML_DEPTH deep, at most YAML_ALIASES aliases, and at
most YAML_NODES values once every alias is expanded (ten levels of aliases in 1 KB
would otherwise expand to billions). The composer takes a collection's start before it
recurses into it, and the constructor starts only when the whole file is composed. The
file is read once: the check rides on the parse that builds it.
A control character the YAML reader would choke on is reported at its line first.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml.parser import RoundTripParser
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent, ScalarEvent

from docgen.errors import DataError, Problem
from docgen.limits import YAML_ALIASES, YAML_DEPTH, YAML_NODES
from docgen.model import NOT_PRINTABLE

def check_characters(path: Path, text: str) -> None:
    """Refuse control characters, each at its line and column (the first on each line)."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): it breaks at \x1c too
        if found := NOT_PRINTABLE.search(line):
            message = f"a control character (U+{ord(found[0]):04X}) that has no place in a data file; delete it"
            problems.append(Problem(path, number, found.start() + 1, "", message))
    if problems:
        raise DataError(problems)


def shape_checked(path: Path) -> type[RoundTripParser]:
    """The round-trip parser, refusing an event that takes the file in `path` beyond the
    bounds (a DataError at its line) as it hands the event on."""

    class ShapeChecked(RoundTripParser):
        def __init__(self, loader: object) -> None:
            super().__init__(loader)
            self._shape = _Shape(path)

        def get_event(self) -> object:
            event = super().get_event()
            self._shape.see(event)
            return event

    return ShapeChecked


class _Shape:
    """The shape of what the parser has handed on so far."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sizes: dict[str, int] = {}  # anchor → number of values it stands for, expanded
        self.open: list[tuple[str | None, int]] = []  # the collections we are inside, with their sizes so far
        self.aliases = self.total = 0

    def see(self, event: object) -> None:
        if isinstance(event, AliasEvent):
            self.aliases += 1
            if self.aliases > YAML_ALIASES:
                raise self._beyond(event, f"more than {YAML_ALIASES} aliases ('*name'); write the values out instead")
            self._add(event, self.sizes.get(event.anchor, 1))
        elif isinstance(event, CollectionStartEvent):
            if len(self.open) >= YAML_DEPTH:
                raise self._beyond(event, f"nested more than {YAML_DEPTH} levels deep; no docgen field needs that")
            self.open.append((event.anchor, 1))
        elif isinstance(event, CollectionEndEvent):
            anchor, size = self.open.pop()
            if anchor:
                self.sizes[anchor] = size
            if self.open:
                parent_anchor, parent_size = self.open[-1]
                self.open[-1] = (parent_anchor, parent_size + size)
        elif isinstance(event, ScalarEvent):
            if event.anchor:
                self.sizes[event.anchor] = 1
            self._add(event, 1)

    def _add(self, event: NodeEvent, size: int) -> None:
        self.total += size
        if self.total > YAML_NODES:
            raise self._beyond(event, f"expands to more than {YAML_NODES:,} values through its aliases".replace(",", " "))
        if self.open:
            anchor, parent_size = self.open[-1]
            self.open[-1] = (anchor, parent_size + size)

    def _beyond(self, event: NodeEvent, message: str) -> DataError:
        mark = event.start_mark
        return DataError([Problem(self.path, mark.line + 1, mark.column + 1, "", message)])
