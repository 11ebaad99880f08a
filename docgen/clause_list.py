"""`docgen clauses KIND`: the clause library of one kind as a reader's index, each
clause's id, the choice it depends on, its placeholders and its first line, so a
municipality can find the id to omit, replace or add after without opening the files."""

from __future__ import annotations

from collections.abc import Iterator

from docgen import content
from docgen.content import OTHERWISE, PLACEHOLDER

FIRST_LINE_CHARS = 100


def describe(kind: str, language: str) -> Iterator[str]:
    for clause in content.clauses(language, kind):
        heading = clause.id
        if clause.condition:
            heading += f"  (when {clause.condition})"
        elif clause.id.endswith(OTHERWISE):
            heading += f"  (instead of {clause.id.removesuffix(OTHERWISE)} when the data lacks a value it needs)"
        yield heading
        names = list(dict.fromkeys(PLACEHOLDER.findall(clause.text)))
        if names:
            yield "    placeholders: " + ", ".join(f"{{{name}}}" for name in names)
        yield "    " + _first_line(clause.text)


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not line:
        return "(says nothing)"
    return line if len(line) <= FIRST_LINE_CHARS else line[: FIRST_LINE_CHARS - 1].rstrip() + "…"
