"""Warnings raised while a document is rendered, caught to be reported with it.

Rendering may run in a worker process, whose log nobody reads and whose Python warnings
would print without saying which document they concern. So while a document is
rendered, what docgen logs at WARNING or above (near-limit lengths, and WeasyPrint's
warnings, which the PDF writer passes on to the "docgen" logger) and the Python
warnings the filters in force would show are collected instead; the build returns them
with the job's result, and reports them with the document they belong to.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

DOCGEN = logging.getLogger("docgen")


class _Collector(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


@contextmanager
def caught_warnings() -> Iterator[list[str]]:
    """Within the block, docgen's warnings go into the list yielded, not to the log;
    the list is complete when the block ends, however it ends."""
    caught: list[str] = []
    collector = _Collector(caught)
    DOCGEN.addHandler(collector)
    propagate, DOCGEN.propagate = DOCGEN.propagate, False  # reported once, by the build
    try:
        with warnings.catch_warnings(record=True) as raised:
            try:
                yield caught
            finally:  # also when the block fails: what it warned about before still counts
                caught += [f"{warning.category.__name__}: {warning.message}" for warning in raised]
    finally:
        DOCGEN.removeHandler(collector)
        DOCGEN.propagate = propagate
