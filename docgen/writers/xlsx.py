"""XLSX: the document's schedule as a worksheet, one row per event, with real types.

Days are date cells and times are time cells (so they sort and filter), shown the way
the document's language writes them; the header row is bold, frozen and filterable.
Reproducible: the workbook's dates are the document's date, and the package is
re-zipped with fixed entry dates (openpyxl's own `save` stamps the current time).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docgen.document import Document
from docgen.writers.base import Writer, schedule_of
from docgen.writers.docx_package import normalise

# How a spreadsheet shows a day and a time in each language.
DATE_FORMATS = {"nb": "dd.mm.yyyy", "nn": "dd.mm.yyyy", "sv": "yyyy-mm-dd"}
TIME_FORMAT = "hh:mm"
WIDEST_COLUMN = 60  # characters
# Characters Excel does not allow in a sheet name, which has at most 31 characters.
_NOT_IN_SHEET_NAME = re.compile(r"[\\/*?:\[\]]")


class XlsxWriter(Writer):
    format = "xlsx"
    suffix = ".xlsx"

    def render(self, document: Document) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
        from openpyxl.writer.excel import ExcelWriter

        schedule = schedule_of(document, self.format)
        meta = document.meta
        book = Workbook()
        sheet = book.active
        sheet.title = _NOT_IN_SHEET_NAME.sub(" ", meta.title)[:31]
        sheet.append(list(schedule.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        date_format = DATE_FORMATS.get(meta.language, "yyyy-mm-dd")
        for event in schedule.events:
            sheet.append(list(event.values))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.datetime):
                    cell.number_format = f"{date_format} {TIME_FORMAT}"
                elif isinstance(cell.value, dt.date):
                    cell.number_format = date_format
                elif isinstance(cell.value, dt.time):
                    cell.number_format = TIME_FORMAT
        for index, column in enumerate(sheet.iter_cols(), start=1):
            longest = max(len(_shown(cell.value)) for cell in column)
            sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, WIDEST_COLUMN)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions

        moment = dt.datetime(meta.date.year, meta.date.month, meta.date.day)
        properties = book.properties
        properties.title = meta.title
        properties.creator = properties.lastModifiedBy = meta.author
        properties.language = meta.language
        properties.created = properties.modified = moment
        buffer = io.BytesIO()
        # ExcelWriter rather than Workbook.save, which would set `modified` to now.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(book, archive).save()
        return normalise(buffer.getvalue(), (meta.date.year, meta.date.month, meta.date.day))


def _shown(value: object) -> str:
    if isinstance(value, (dt.date, dt.time)):
        return "00.00.0000"  # as wide as a day in any of the formats above
    return "" if value is None else str(value)
