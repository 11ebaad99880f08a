"""The strategy's appendices: which kind is which appendix, and how the running text
refers to one.

APPENDIX_NUMBERS is the one table of the numbers: the appendices list
(`strategy.appendices.*`, checked against it in tests/test_appendix_references.py) and the
placeholders below both follow it. A kind the municipality does not build (`kinds:`) is
not an appendix, so its reference is Missing and a clause that needs it gives way to its
`.otherwise` (docgen.content.settle_alternatives). Where a clause's `.otherwise` already
stands for other missing data, the clause names the appendix inside a phrase placeholder
(`{house_rules_named}`) that is said with the reference or without it.
"""

from __future__ import annotations

from docgen import language as lang
from docgen.content import Missing, Value
from docgen.model import Municipality

# Kind → its number among the strategy's appendices. The numbers stay the same when a
# kind is not built: the list leaves that line out, it does not renumber.
APPENDIX_NUMBERS: dict[str, int] = {"activity-plan": 1, "poster": 2, "house-rules": 3, "account-register": 4}


def reference(number: int, language: str) -> str:
    """«vedlegg 1», «bilaga 1»."""
    return str(lang.labels(language)["appendices"]["reference"]).format(number=number)


def placeholders(municipality: Municipality, language: str) -> dict[str, Value]:
    """`{activity_plan_appendix}` … `{account_register_appendix}`: «vedlegg 1» when the
    kind is built, else Missing("kinds"); and the phrases in labels.yaml `appendices.named`,
    each with the reference when its kind is built and without it when not."""
    words = lang.labels(language)["appendices"]
    values: dict[str, Value] = {
        f"{kind.replace('-', '_')}_appendix": reference(number, language)
        if municipality.builds(kind)
        else Missing("kinds")
        for kind, number in APPENDIX_NUMBERS.items()
    }
    for name, phrase in words["named"].items():
        kind = phrase["kind"]
        if municipality.builds(kind):
            values[name] = str(phrase["with"]).format(appendix=reference(APPENDIX_NUMBERS[kind], language))
        else:
            values[name] = str(phrase["without"])
    return values
