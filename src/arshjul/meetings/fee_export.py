"""The fee basis as an Excel workbook (openpyxl): one sheet, a row per attendee and a total row.
Numbers are numbers (hours, rate, amount), dates are dates; their formats are Excel's built-in
codes, which Excel shows in the reader's locale (in Swedish: 1 900,00 kr, 2021-02-22)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from arshjul.core import xlsx

from .attendance import FeeBasis

KRONOR = '#,##0.00\\ "kr"'
HOURS = "0.00"
DATE = "yyyy-mm-dd"


def fee_basis_xlsx(basis: FeeBasis) -> bytes:
    """The workbook's bytes: header row frozen, columns sized, the total row in bold."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Fee basis")[:31]
    columns = [
        (_("Meeting"), 36, None),
        (_("Date"), 12, DATE),
        (_("Person"), 26, None),
        (_("Body"), 34, None),
        (_("Invited as"), 30, None),
        (_("Attendance"), 26, None),
        (_("Hours"), 8, HOURS),
        (_("Fee kind"), 14, None),
        (_("Rate"), 14, KRONOR),
        (_("Amount"), 14, KRONOR),
        (_("Note"), 34, None),
    ]
    sheet.append([title for title, _width, _format in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in basis.lines:
        invitee = line.invitee
        attendance = str(invitee.get_attendance_display())
        if line.row.times:
            attendance = f"{attendance} {line.row.times}"
        sheet.append(
            [
                basis.meeting.title,
                basis.day,
                str(invitee.person),
                line.group,
                str(invitee.get_source_display()),
                attendance,
                line.hours,
                line.kind_label,
                line.rate,
                line.amount,
                line.note,
            ]
        )
    total_row = sheet.max_row + 1
    sheet.cell(row=total_row, column=1, value=_("Total")).font = Font(bold=True)
    total = sheet.cell(row=total_row, column=10, value=basis.total)
    total.font = Font(bold=True)
    for index, (_title, width, number_format) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if number_format:
            for row in range(2, total_row + 1):
                sheet[f"{letter}{row}"].number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(total_row - 1, 1)}"
    workbook.properties.title = f"{_('Fee basis')}: {basis.meeting.title}"
    return xlsx.to_bytes(workbook)  # a note or a title that starts with "=" stays text
