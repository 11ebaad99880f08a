"""Two runs of things (blocks, list items, table rows) lined up: which is kept, which
changed into which, which is new and which is gone.

difflib matches the runs by their text; inside a stretch where they differ, things
are paired in order while they still look alike (same type, half their words in
common), so an edited paragraph is one change, not a removal and an addition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

T = TypeVar("T")
ALIKE = 0.5  # SequenceMatcher ratio of two texts for them to count as one thing edited


def pairs(
    old: Sequence[T],
    new: Sequence[T],
    text: Callable[[T], str],
    alike: Callable[[T, T], bool] = lambda a, b: True,
) -> list[tuple[T | None, T | None]]:
    """(old, new) pairs in reading order: (x, y) kept or changed, (x, None) removed,
    (None, y) added."""
    keys_old = [text(item) for item in old]
    keys_new = [text(item) for item in new]
    result: list[tuple[T | None, T | None]] = []
    matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            result += [(old[i], new[j]) for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        j = j1
        for i in range(i1, i2):
            match = next((k for k in range(j, j2) if alike(old[i], new[k]) and similar(keys_old[i], keys_new[k])), None)
            if match is None:
                result.append((old[i], None))
                continue
            result += [(None, new[k]) for k in range(j, match)]
            result.append((old[i], new[match]))
            j = match + 1
        result += [(None, new[k]) for k in range(j, j2)]
    return result


def similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= ALIKE
