"""A committee's unit budgets in Excel: a row per unit, its amount importable, its status and
union consultation read-only."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body, Unit

from .. import services_units
from ..models import FrameVersion, UnitBudget
from ..permissions_units import can_edit_unit
from ._common import (
    HEADER_ROW,
    KRONOR,
    READ_ONLY_FILL,
    Column,
    Imported,
    ImportRefused,
    Reader,
    add_row,
    domain_error,
    new_sheet,
    new_workbook,
)

# The sheet name (at most 31 characters in every language) and the importable headers.
UNITS = gettext_lazy("Unit budgets")

UNIT_HEADERS = (
    gettext_lazy("Unit"),
    gettext_lazy("Amount (kr)"),
    gettext_lazy("Status"),
    gettext_lazy("Union consultation"),
)


def unit_sheet(
    workbook: Workbook,
    *,
    title,
    note: str,
    rows: Sequence[tuple[object, UnitBudget | None]],
    extra: Sequence[tuple[str, Sequence]] = (),
) -> None:
    """A row per unit: its name, its budget in kronor and (read-only) its status and union
    consultation. `extra` columns go first (used by the scenario's workbook)."""
    columns = [Column(t, 16) for t, _values in extra] + [
        Column(str(UNIT_HEADERS[0]), 36),
        Column(str(UNIT_HEADERS[1]), 18, KRONOR),
        Column(str(UNIT_HEADERS[2]), 14),
        Column(str(UNIT_HEADERS[3]), 40),
    ]
    sheet = new_sheet(workbook, title, note, columns)
    for index, (unit, budget) in enumerate(rows):
        consultation = getattr(budget, "consultation", None) if budget else None
        add_row(
            sheet,
            [values[index] for _t, values in extra]
            + [
                unit.name,
                budget.amount if budget else None,
                budget.get_status_display() if budget else None,
                f"{consultation.held_on:%Y-%m-%d}: {consultation.parties} – {consultation.outcome}"
                if consultation
                else None,
            ],
        )
    for column in (len(extra) + 3, len(extra) + 4):
        sheet.cell(row=HEADER_ROW, column=column).fill = READ_ONLY_FILL


def units_workbook(*, version, body, year: int, rows) -> Workbook:
    workbook = new_workbook(
        _("Unit budgets of %(body)s %(year)s") % {"body": body.short_name, "year": year}
    )
    unit_sheet(
        workbook,
        title=UNITS,
        note=_(
            "Unit budgets of %(body)s %(year)s, frame version %(version)s, in kronor. Status and "
            "union consultation are read-only."
        )
        % {"body": body.name, "year": year, "version": version.name},
        rows=rows,
    )
    return workbook


def import_unit_budgets(*, version: FrameVersion, body: Body, year: int, workbook, by) -> Imported:
    """The committee's units' budgets of the year; an empty amount leaves a unit unchanged."""
    reader = Reader(workbook)
    sheet = reader.sheet(UNITS, UNIT_HEADERS[:2])
    reader.refuse_if_errors()
    units = {u.name.casefold(): u for u in Unit.objects.filter(body=body).select_related("body")}
    budgets = {b.unit_id: b for b in UnitBudget.objects.filter(frame_version=version, year=year)}
    cycle = version.scenario.cycle
    wanted: dict[Unit, Decimal] = {}
    for number, cells in reader.rows(sheet, 2):
        unit = units.get(str(cells[0] or "").strip().casefold())
        if unit is None:
            reader.fail(sheet, number, 1, _("Unknown unit “%(name)s”.") % {"name": cells[0] or ""})
        amount = reader.money(sheet, number, 2, cells[1])
        if unit is None or amount is None:
            continue
        if unit in wanted:
            reader.fail(sheet, number, 1, _("The unit is listed twice."))
            continue
        budget = budgets.get(unit.pk)
        if budget is not None and budget.amount == amount:
            continue
        if not can_edit_unit(by, cycle, unit):
            reader.fail(sheet, number, 2, _("You may not change this unit's budget."))
        elif budget is not None and budget.is_approved:
            reader.fail(sheet, number, 2, _("The budget is approved and cannot be changed."))
        else:
            wanted[unit] = amount
    reader.refuse_if_errors()
    try:
        with transaction.atomic():
            for unit, amount in wanted.items():
                budget = budgets.get(unit.pk)
                services_units.set_amount(
                    version=version,
                    unit=unit,
                    year=year,
                    amount=amount,
                    expected=budget.version if budget else 0,
                    by=by,
                )
    except DomainError as exc:
        raise ImportRefused([domain_error(exc, sheet.title)]) from None
    return Imported(changed=len(wanted))
