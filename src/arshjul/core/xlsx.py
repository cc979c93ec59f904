"""What every Excel writer shares: user text goes into a workbook as text, never as a live
formula (openpyxl takes any string that starts with "=" for one), and uploads are read through
defusedxml (openpyxl uses it when it is installed: no entity expansion, no external entities).

A computed cell may stay a formula only when the writer says so with `allow_formula`.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell


def allow_formula(cell: Cell) -> Cell:
    """Mark a cell the writer computed as a formula on purpose (a total), so it stays one."""
    allowed = getattr(cell.parent, "_arshjul_formulas", set())
    allowed.add(cell.coordinate)
    cell.parent._arshjul_formulas = allowed
    return cell


def as_text(workbook: Workbook) -> Workbook:
    """Every cell that openpyxl would write as a formula becomes a text cell, unless allowed."""
    for sheet in workbook.worksheets:
        allowed = getattr(sheet, "_arshjul_formulas", set())
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and cell.coordinate not in allowed:
                    cell.data_type = "s"
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    """The workbook's bytes, user text written as text."""
    out = BytesIO()
    as_text(workbook).save(out)
    return out.getvalue()
