"""CSV: the document's schedule as one row per event, for any spreadsheet or planner.

Written the way Excel opens it in Norway and Sweden without an import dialog: UTF-8
with a byte order mark (or æøå come out garbled), `;` between fields (the comma is the
decimal sign there), CRLF line ends. Days are written as YYYY-MM-DD and times as HH:MM,
which every spreadsheet recognises as dates and times whatever its language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from docgen.document import CellValue, Document
from docgen.writers.base import Writer, schedule_of


def cell_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


class CsvWriter(Writer):
    format = "csv"
    suffix = ".csv"

    def render(self, document: Document) -> bytes:
        schedule = schedule_of(document, self.format)
        buffer = io.StringIO()
        rows = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        rows.writerow(schedule.columns)
        for event in schedule.events:
            rows.writerow([cell_text(value) for value in event.values])
        return buffer.getvalue().encode("utf-8-sig")
