"""Document kinds: what each document says and which files it becomes.

A kind knows its clauses and variants (one form per account, A4 and A3, …) and builds a
format-neutral Document; it never knows about output formats beyond listing which ones
it is published in. Adding a kind is one module and one line in KINDS.
"""

from __future__ import annotations

from docgen.kinds.account_register import AccountRegister
from docgen.kinds.activity_plan import ActivityPlan
from docgen.kinds.base import Kind, Output
from docgen.kinds.house_rules import HouseRules
from docgen.kinds.poster import Poster
from docgen.kinds.publishing_plan import PublishingPlanKind
from docgen.kinds.strategy import Strategy
from docgen.model import Municipality

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (Strategy(), ActivityPlan(), Poster(), HouseRules(), AccountRegister(), PublishingPlanKind())
}


def built(municipality: Municipality) -> dict[str, Kind]:
    """The kinds the municipality builds: those its `kinds:` lists, else every kind."""
    return {name: kind for name, kind in KINDS.items() if municipality.builds(name)}


__all__ = ["KINDS", "Kind", "Output", "built"]
