"""Reading and writing .xlsx files safely, for every import and export in the product.

Uploads are checked for size and for being a real xlsx (a zip with a workbook) before openpyxl
sees them; every problem becomes a SpreadsheetError whose message a user can act on.
"""

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(Exception):
    """The file as a whole cannot be used; the message says why in the user's language."""


def open_workbook(upload):
    """A read-only workbook from an uploaded file, or SpreadsheetError."""
    size = getattr(upload, "size", None)
    if size is not None and size > settings.DUBAN_MAX_UPLOAD_BYTES:
        raise SpreadsheetError(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Split it and upload the parts.")
            % {"size": round(size / 1048576, 1),
               "limit": settings.DUBAN_MAX_UPLOAD_BYTES // 1048576}
        )
    data = upload.read()
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError(
            _("This is not an Excel .xlsx file (its content is not a workbook, whatever its "
              "name says). Save it from Excel or WPS as .xlsx and upload again.")
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise SpreadsheetError(
            _("The workbook could not be read (%(reason)s). Open it in Excel or WPS, save it "
              "again as .xlsx and upload again.") % {"reason": type(exc).__name__}
        ) from exc


def read_sheet(wb, sheet_name: str | None, headers: Sequence[str]):
    """Rows of a sheet as (row number, {header: value}) after checking its header row."""
    if sheet_name is None:
        ws = wb.worksheets[0]
    elif sheet_name in wb.sheetnames:
        ws = wb[sheet_name]
    else:
        raise SpreadsheetError(
            _("The workbook has no sheet named “%(name)s”. Use the template.") % {"name": sheet_name}
        )
    rows = ws.iter_rows(values_only=True)
    try:
        first = next(rows)
    except StopIteration:
        raise SpreadsheetError(_("Sheet “%(name)s” is empty.") % {"name": ws.title}) from None
    found = [str(c).strip() if c is not None else "" for c in first]
    missing = [h for h in headers if h not in found]
    if missing:
        raise SpreadsheetError(
            _("Sheet “%(name)s” lacks the column(s) %(missing)s. The first row must hold the "
              "template's headers: %(headers)s.")
            % {"name": ws.title, "missing": "、".join(missing), "headers": "、".join(headers)}
        )
    index = {h: found.index(h) for h in headers}
    out = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(c is None or str(c).strip() == "" for c in row):
            continue
        values = {h: clean_cell(row[i]) if i < len(row) else "" for h, i in index.items()}
        out.append((number, values))
    return out


def clean_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def build_workbook(sheets: Iterable[tuple], widths: Sequence[int] | None = None) -> bytes:
    """An .xlsx with one sheet per (title, headers, rows[, widths]): bold header, frozen header
    row, wrapped text, real dates. Written in openpyxl's streaming mode, so 10,000-row ledgers
    take a second or two. Text that looks like a formula stays text."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF1F4")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in sheets:
        title, headers, rows = sheet[:3]
        sheet_widths = sheet[3] if len(sheet) > 3 else widths
        ws = wb.create_sheet(title[:31])
        ws.freeze_panes = "A2"
        for i, h in enumerate(headers, start=1):
            w = sheet_widths[i - 1] if sheet_widths else max(10, len(str(h)) * 2 + 4)
            ws.column_dimensions[get_column_letter(i)].width = w
        header = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=str(h))
            cell.font, cell.fill = bold, fill
            header.append(cell)
        ws.append(header)
        for row in rows:
            ws.append([_cell(ws, v, wrap) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(ws, value, wrap):
    """Plain values stay plain (fast); only text that would read as a formula, long text
    and dates need a cell object of their own."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value[:1] == "=":
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"  # text, never a formula
            return cell
        if "\n" in value:
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = wrap
            return cell
        return value
    if isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
