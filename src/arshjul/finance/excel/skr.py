"""SKR's tax-base forecast (skatteunderlagsprognos) read from SKR's own Excel file into a
scenario's tax-base growth per plan year (issue 6, point 1).

SKR publishes its forecast in circulars with a table of the tax base's percentage change per
year, one row per forecaster ("SKR dec", "Reg sep", "ESV okt", …) under a header row of years.
This reader does not depend on the sheet's name or position: it looks, sheet by sheet, for a
header row of at least three consecutive years and below it for the first row labelled SKR
(or, failing that, a row about the tax base, *skatteunderlag*). Its figures are percentages
(4,2 is 4,2 %), or fractions where the cell is formatted as a percentage. The growth of the
scenario's plan years found in the file is saved through the same service as the form (audit,
rules); years the file lacks are left as they are; nothing is saved when no such table or no
plan year is found.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from arshjul.core.errors import DomainError

from .. import services
from ..models import Scenario
from ._common import MICRO, CellError, Imported, ImportRefused, domain_error

MAX_ROWS = 400
MAX_COLUMNS = 60
SEARCH_BELOW = 40
LOW, HIGH = Decimal(-20), Decimal(50)  # percent, as the form's bounds for growth


def _year(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        value = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    else:
        return None
    return value if 2000 <= value <= 2100 else None


def _years(row) -> dict[int, int] | None:
    """Column index → year when the row has at least three consecutive years."""
    found = {i: y for i, cell in enumerate(row) if (y := _year(cell.value)) is not None}
    years = sorted(found.values())
    run = best = 1
    for a, b in itertools.pairwise(years):
        run = run + 1 if b == a + 1 else 1
        best = max(best, run)
    return found if best >= 3 else None


def _label(row) -> str:
    for cell in row:
        if isinstance(cell.value, str) and cell.value.strip():
            return cell.value.strip()
    return ""


def _percent(cell) -> Decimal | None:
    value = cell.value
    if value is None or isinstance(value, bool | dt.date):
        return None
    try:
        if isinstance(value, str):
            text = value.strip().replace("\u2212", "-").replace(",", ".").rstrip("%").strip()
            if not text:
                return None
            number = Decimal(text)
        else:
            number = Decimal(str(value))
    except InvalidOperation:
        return None
    if "%" in (cell.number_format or ""):
        number *= 100  # a fraction shown as a percentage
    return number


def growth_from_skr(workbook) -> tuple[dict[int, Decimal], str]:
    """The forecast's growth per year (fractions) and where it was read ("sheet, row 7")."""
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS))
        for n, row in enumerate(rows):
            columns = _years(row)
            if columns is None:
                continue
            below = rows[n + 1 : n + 1 + SEARCH_BELOW]
            chosen = next((r for r in below if _label(r).casefold().startswith("skr")), None)
            if chosen is None:
                chosen = next((r for r in below if "skatteunderlag" in _label(r).casefold()), None)
            if chosen is None:
                continue
            growth = {}
            for index, year in columns.items():
                if index < len(chosen):
                    percent = _percent(chosen[index])
                    if percent is not None and LOW <= percent <= HIGH:
                        growth[year] = (percent / 100).quantize(MICRO)
            if growth:
                where = _("sheet “%(sheet)s”, row %(row)s") % {
                    "sheet": sheet.title,
                    "row": chosen[0].row,
                }
                return growth, where
    raise ImportRefused(
        [
            CellError(
                "",
                "",
                _(
                    "No forecast found: the file needs a row of at least three consecutive "
                    "years and, below it, a row labelled SKR (or skatteunderlag) with the tax "
                    "base's percentage change per year."
                ),
            )
        ]
    )


def import_skr_forecast(*, scenario: Scenario, workbook, name: str, by) -> Imported:
    """Set the scenario's tax-base growth for the plan years the file gives."""
    growth, where = growth_from_skr(workbook)
    plan_years = scenario.years[1:]
    found = {year: growth[year] for year in plan_years if year in growth}
    if not found:
        raise ImportRefused(
            [
                CellError(
                    "",
                    "",
                    _("The forecast (%(where)s) has no figure for %(first)s–%(last)s.")
                    % {"where": where, "first": plan_years[0], "last": plan_years[-1]},
                )
            ]
        )
    source = _("SKR's tax-base forecast (%(name)s, %(where)s)") % {"name": name, "where": where}
    values = {year: {"tax_base_growth": g, "source": source[:200]} for year, g in found.items()}
    before = scenario.version
    try:
        with transaction.atomic():
            saved = services.save_assumptions(
                scenario=scenario,
                name=scenario.name,
                base_frames=scenario.base_frames,
                values=values,
                by=by,
                version=scenario.version,  # a workbook does not carry the version seen
            )
    except DomainError as exc:
        raise ImportRefused([domain_error(exc, "")]) from None
    return Imported(changed=len(found) if saved.version != before else 0)
