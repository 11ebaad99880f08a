"""What a comparison says in the document's language: the summary line
(«3 avsnitt endret, 1 nytt, 1 fjernet») and the words around the changes, all from
the `diff` part of templates/content/<lang>/labels.yaml."""

from __future__ import annotations

from typing import Any

from babel import Locale

from docgen import language as lang
from docgen.diff.compare import Comparison, SectionChange
from docgen.document import Deleted, Inline, Inlines, Inserted, plain

ORDER = ("changed", "added", "removed", "moved")  # the summary's order


def labels(language: str) -> dict[str, Any]:
    words: dict[str, Any] = lang.labels(language)["diff"]
    return words


def summary(comparison: Comparison, language: str) -> str:
    """«3 avsnitt endret, 1 nytt, 1 fjernet», or «Ingen endringer»: the first count
    names the sections, the ones after it lean on that noun, each in its own number;
    a changed title page comes last («…, forsiden endret»)."""
    words = labels(language)
    plural = Locale.parse(language).plural_form
    parts: list[str] = []
    for status in ORDER:
        count = comparison.count(status)  # type: ignore[arg-type]
        if count:
            forms = words["counts" if not parts else "counts_short"][status]
            parts.append(forms[plural(count)].format(n=count))
    if comparison.title_page:
        parts.append(words["title_page_changed"])
    text = ", ".join(parts) if parts else words["none"].rstrip(".")
    return text[:1].upper() + text[1:]


def section_name(change: SectionChange, language: str) -> str:
    """The section's heading as the new version has it (the old one, if it is gone)."""
    heading = change.merged.heading
    if heading is None:
        untitled: str = labels(language)["untitled"]
        return untitled
    return plain(version(heading.content, Inserted if change.status == "removed" else Deleted))


def version(nodes: Inlines, dropped: type) -> Inlines:
    """One side of merged content: without what was `dropped` (Deleted: the new text;
    Inserted: the old text), the other side's marks unwrapped."""
    kept: list[Inline] = []
    for node in nodes:
        if isinstance(node, dropped):
            continue
        if isinstance(node, (Inserted, Deleted)):
            kept += version(node.children, dropped)
        else:
            kept.append(node)
    return tuple(kept)


def section_status(change: SectionChange, language: str) -> str:
    """endret, nytt, fjernet, flyttet; «endret, flyttet» when both."""
    words = labels(language)["status"]
    found = [words[change.status]] if change.status else []
    return ", ".join(found + ([words["moved"]] if change.moved else []))
