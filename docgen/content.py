"""The content library: default text of every document kind, per language, as clauses.

A content file, `templates/content/<lang>/<kind>.md`, is Markdown cut into clauses by
lines that hold nothing but a clause id in an HTML comment:

    <!-- strategy.crisis -->
    # Krisekommunikasjon

    <!-- strategy.crisis.who-speaks -->
    {crisis_lead} bestemmer hvem som uttaler seg.

A marker may end in a condition on the data (`<!-- id when policy.new_accounts=notification -->`,
docgen.conditions): the clause is used only when the data makes that choice. `#` starts
a section, `##` a subsection. Consecutive clauses that are each a list (or a note) make
one list, so every item of a list can be its own clause, omitted or replaced on its own. Named placeholders (`{municipality}`) are filled
from the data after the Markdown is parsed, so a value from the data is always text and
never markup. A paragraph that is only a block placeholder (`{accounts_table}`) is
replaced by the blocks the kind supplies. A municipality can omit, replace or add clauses
(model.ContentChoices) without touching the files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from docgen.clause_markdown import ClauseConverter
from docgen.conditions import Condition
from docgen.document import Block, Heading, ListBlock, Note, Section
from docgen.errors import ContentError
from docgen.model import ContentChoices
from docgen.paths import TEMPLATES

_MARKER = re.compile(r"^<!--\s*([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?:\s+when\s+(\S+))?\s*-->\s*$")
# A note to the writers of the library (why a clause differs between countries, say):
# `<!-- note: … -->` on a line of its own. Never part of the text.
_NOTE = re.compile(r"^<!--\s*note:.*-->\s*$")
# `<id>.otherwise` is said instead of `<id>` when the data lacks a value `<id>` needs
# (a clause that links to the privacy statement, and one worded without the link).
OTHERWISE = ".otherwise"
# A capital first letter asks for the value with a capital ({This_document}: «Denne strategien»).
PLACEHOLDER = re.compile(r"\{([A-Za-z][a-z_]*)\}")


@dataclass(frozen=True)
class ClauseSource:
    id: str
    text: str
    path: Path
    line: int  # line of the first text line in `path`
    condition: Condition | None = None

    def within(self, clause_id: str) -> bool:
        """This clause is `clause_id` or part of it: omitting a section omits its clauses."""
        return self.id == clause_id or self.id.startswith(clause_id + ".")


class Missing:
    """A placeholder value the data does not give, with what to add to get it."""

    def __init__(self, field: str):
        self.field = field


Value = str | Sequence[Block] | Missing
Context = Mapping[str, Value]


@cache
def clauses(language: str, kind: str, root: Path = TEMPLATES) -> tuple[ClauseSource, ...]:
    """The default clauses of one kind in one language, in document order."""
    path = root / "content" / language / f"{kind}.md"
    if not path.is_file():
        raise ContentError(f"no {kind} content in {language}: {path} is missing")
    found: list[ClauseSource] = []
    current: ClauseSource | None = None
    body: list[str] = []

    def close() -> None:
        if current:
            found.append(replace(current, text="\n".join(body).strip()))

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _MARKER.match(line)
        if _NOTE.match(line):
            if current and not body:  # the clause's text starts after its notes
                current = replace(current, line=number + 1)
            continue
        if match:
            close()
            try:
                condition = Condition.parse(match.group(2)) if match.group(2) else None
            except ContentError as error:
                raise ContentError(f"{path}:{number}: {error}") from None
            current, body = ClauseSource(match.group(1), "", path, number + 1, condition), []
        elif current:
            body.append(line)
        elif line.strip():
            raise ContentError(f"{path}:{number}: text before the first clause id")
    close()
    seen: set[str] = set()
    for clause in found:
        if clause.id in seen:
            raise ContentError(f"{clause.path}:{clause.line - 1}: clause id {clause.id} is used twice")
        seen.add(clause.id)
    return tuple(found)


def clause_ids(kind: str, language: str = "nb") -> list[str]:
    return [clause.id for clause in clauses(language, kind)]


def choose(
    defaults: Sequence[ClauseSource], choices: ContentChoices, data_path: Path, data: BaseModel
) -> list[ClauseSource]:
    """The clauses the data chooses (their conditions hold), with the municipality's
    omit / replace / add applied. Omitting an id omits every clause within it.

    Clause ids in the data are checked when the data is loaded, so every id here exists.
    """
    chosen: list[ClauseSource] = []
    before: dict[str, list[ClauseSource]] = {}
    after: dict[str, list[ClauseSource]] = {}
    for added in choices.add:
        anchors = after if added.after else before
        anchors.setdefault(added.after or added.before or "", []).append(
            ClauseSource(added.id, added.text, data_path, 0)
        )
    for clause in defaults:
        chosen.extend(_around(clause.id, before, after, before))
        # A clause the data does not choose still anchors what the municipality added.
        unchosen = clause.condition is not None and not clause.condition.holds(data)
        if not unchosen and not any(clause.within(omitted) for omitted in choices.omit):
            if clause.id in choices.replace:
                clause = ClauseSource(clause.id, choices.replace[clause.id], data_path, 0)
            chosen.append(clause)
        chosen.extend(_around(clause.id, before, after, after))
    return chosen


def settle_alternatives(chosen: Sequence[ClauseSource], context: Context) -> list[ClauseSource]:
    """Each clause or its `.otherwise` alternative, never both: the alternative only when
    the clause needs a placeholder the data leaves Missing. Omitting a clause omits its
    alternative too."""
    ids = {clause.id for clause in chosen}
    lacking = {clause.id for clause in chosen if needs_missing(clause, context)}
    result = []
    for clause in chosen:
        if clause.id.endswith(OTHERWISE):
            if clause.id.removesuffix(OTHERWISE) in lacking:
                result.append(clause)
        elif clause.id not in lacking or clause.id + OTHERWISE not in ids:
            result.append(clause)
    return result


def needs_missing(clause: ClauseSource, context: Context) -> bool:
    return any(isinstance(context.get(name), Missing) for name in PLACEHOLDER.findall(clause.text))


def _around(
    anchor: str,
    before: dict[str, list[ClauseSource]],
    after: dict[str, list[ClauseSource]],
    side: dict[str, list[ClauseSource]],
) -> list[ClauseSource]:
    """The clauses added on one side of `anchor`, each with the clauses added before and
    after it in turn, in order."""
    result: list[ClauseSource] = []
    for added in side.get(anchor, []):
        result.extend(_around(added.id, before, after, before))
        result.append(added)
        result.extend(_around(added.id, before, after, after))
    return result


def text_of(clause: ClauseSource, context: Context) -> str:
    """A one-line clause (a title, a label) as plain text with placeholders filled."""
    return _fill(" ".join(clause.text.split()), context, clause)


def blocks_of(clause: ClauseSource, context: Context) -> list[Block]:
    converter = ClauseConverter(
        clause.id, _where(clause), lambda text: _fill(text, context, clause), lambda text: _standing_for(text, context)
    )
    return converter.convert(clause.text)


def _standing_for(paragraph: str, context: Context) -> Sequence[Block] | None:
    """The blocks a paragraph that is only a block placeholder (`{accounts_table}`) stands for."""
    match = PLACEHOLDER.fullmatch(paragraph.strip())
    found = context.get(match.group(1)) if match else None
    return None if found is None or isinstance(found, (str, Missing)) else found


def sections(chosen: Sequence[ClauseSource], context: Context) -> tuple[Section, ...]:
    """Cut the clauses' blocks into sections at every level-1 heading."""
    chosen = settle_alternatives(chosen, context)
    result: list[Section] = []
    section_id, heading, body = "", None, []  # type: ignore[var-annotated]
    for clause in chosen:
        for index, block in enumerate(blocks_of(clause, context)):
            if isinstance(block, Heading) and block.level == 1:
                if heading is not None or body:
                    result.append(Section(section_id, heading, tuple(body)))
                section_id, heading, body = clause.id, block, []
            else:
                if not section_id:
                    section_id = clause.id
                _add(body, block, continues=index == 0)
    if heading is not None or body:
        result.append(Section(section_id, heading, tuple(body)))
    return tuple(result)


def merged(clauses_blocks: Sequence[Sequence[Block]]) -> list[Block]:
    """The blocks of consecutive clauses, a list continued by the next clause's list."""
    result: list[Block] = []
    for blocks in clauses_blocks:
        for index, block in enumerate(blocks):
            _add(result, block, continues=index == 0)
    return result


def _add(blocks: list[Block], block: Block, continues: bool) -> None:
    """Append `block`, or let it continue the last block when it opens the next clause."""
    if continues and blocks and (joined := join(blocks[-1], block)):
        blocks[-1] = joined
    else:
        blocks.append(block)


def join(first: Block, then: Block) -> Block | None:
    """`then` continuing `first`, where one clause's list (or note) goes on in the next:
    None when they are separate blocks."""
    if isinstance(first, ListBlock) and isinstance(then, ListBlock) and first.ordered == then.ordered:
        return ListBlock(first.ordered, first.items + then.items, first.start)
    if isinstance(first, Note) and isinstance(then, Note):
        return Note(tuple(merged([first.blocks, then.blocks])))
    return None


def _where(clause: ClauseSource) -> str:
    if clause.line:
        return f"{clause.path}:{clause.line}"
    return f"{clause.path}: content clause {clause.id}"


def _fill(text: str, context: Context, clause: ClauseSource) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in context:
            raise ContentError(f"{_where(clause)}: unknown placeholder {{{name}}} in clause {clause.id}")
        found = context[name]
        if isinstance(found, Missing):
            raise ContentError(
                f"{_where(clause)}: clause {clause.id} needs {{{name}}}; add '{found.field}' "
                f"to the municipality's data, or omit the clause"
            )
        if not isinstance(found, str):
            raise ContentError(f"{_where(clause)}: {{{name}}} is a block and must stand alone in its paragraph")
        return found

    return PLACEHOLDER.sub(value, text)
