"""The change list: what changed, section by section, as Markdown or plain text,
ready to paste into the case document (saksframlegg, tjänsteskrivelse)."""

from __future__ import annotations

from collections.abc import Callable

from docgen import language as lang
from docgen.diff.compare import BlockChange, Comparison
from docgen.diff.merge import text
from docgen.diff.words import labels, section_name, section_status, summary
from docgen.writers.base import hanging_indent
from docgen.writers.markdown import escape, line_starts


def change_list(comparison: Comparison, since: str, markdown: bool) -> bytes:
    language = comparison.new.meta.language
    words = labels(language)

    def safe(value: str) -> str:
        return line_starts(escape(value)) if markdown else value

    def heading(value: str, level: int) -> list[str]:
        if markdown:
            return ["#" * level + " " + safe(value), ""]
        return [value, ("=" if level == 1 else "-") * len(value), ""]

    lines = heading(words["title"].format(title=comparison.new.meta.title), 1)
    lines += [safe(words["since"].format(since=since)), "", safe(f"{summary(comparison, language)}.")]
    if comparison.title_page:
        lines += ["", *heading(f"{words['title_page']} – {words['status']['changed']}", 2)]
        lines += [hanging_indent(_entry(block, language, safe), "- ") for block in comparison.title_page]
    for change in comparison.changes:
        name = f"{section_name(change, language)} – {section_status(change, language)}"
        lines += ["", *heading(name, 2)]
        lines += [hanging_indent(_entry(block, language, safe), "- ") for block in change.blocks]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _entry(change: BlockChange, language: str, safe: Callable[[str], str]) -> str:
    """One change as a list item, the old and the new wording in full, so the reader
    need not have the earlier version at hand."""
    words = labels(language)
    quoted = {
        side: safe(lang.quote(text(block), language))
        for side, block in (("old", change.old), ("new", change.new))
        if block is not None
    }
    if change.status == "changed":
        return "\n".join([
            f"{words['block']['changed']}:",
            hanging_indent(f"{words['before']}: {quoted['old']}", "- "),
            hanging_indent(f"{words['after']}: {quoted['new']}", "- "),
        ])
    return f"{words['block'][change.status]}: {quoted['new' if change.status == 'added' else 'old']}"
