"""A scenario's assumptions in Excel: the assumptions sheet (a row per assumption, a column per
year, its key in column B; importable) and the financial space (read-only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from arshjul.core.errors import DomainError

from .. import capital_costs, services
from ..forms import NOT_NEGATIVE
from ..models import ranges
from ..models.assumptions import ASSUMPTION_FIELDS, Scenario, ScenarioYear
from ..selectors import ScenarioSpace
from ._common import (
    COUNT,
    FIRST_ROW,
    HEADER_ROW,
    KRONOR,
    MICRO,
    PERCENT,
    TAX_RATE,
    Column,
    Imported,
    ImportRefused,
    Reader,
    add_row,
    domain_error,
    new_sheet,
    new_workbook,
)

# Sheet names (at most 31 characters in every language) and the importable headers.
ASSUMPTIONS = gettext_lazy("Assumptions")
SPACE = gettext_lazy("Financial space")

ASSUMPTION_HEADERS = (gettext_lazy("Assumption"), gettext_lazy("Key"), gettext_lazy("Unit"))

# The assumptions' units and number formats by kind (models.assumptions.ASSUMPTION_FIELDS).
KIND_UNITS = {
    "text": (gettext_lazy("text"), None),
    "count": (gettext_lazy("persons"), COUNT),
    "tax_rate": (gettext_lazy("kr per 100 kr"), TAX_RATE),
    "percent": ("%", PERCENT),
    "money": ("kr", KRONOR),
}
BASE_FRAMES_KEY = "base_frames"


def _money_note() -> str:
    return _("Amounts in kronor with öre (exact); rates in percent.")


def assumptions_sheets(workbook: Workbook, scenario: Scenario, result: ScenarioSpace) -> None:
    """The scenario's assumptions (a row per assumption, a column per year) and its financial
    space (read-only). The scenario's rows must be prefetched."""
    years = scenario.years
    columns = [
        Column(str(ASSUMPTION_HEADERS[0]), 44),
        Column(str(ASSUMPTION_HEADERS[1]), 16),
        Column(str(ASSUMPTION_HEADERS[2]), 14),
    ] + [Column(str(y), 16) for y in years]
    sheet = new_sheet(
        workbook,
        ASSUMPTIONS,
        _("Scenario %(name)s. %(units)s The key column identifies the row; do not change it.")
        % {"name": scenario.name, "units": _money_note()},
        columns,
    )
    rows = {row.year: row for row in scenario.rows.all()}
    base_label = _("Frames excluding capital costs in the budget year")
    add_row(
        sheet,
        [base_label, BASE_FRAMES_KEY, "kr", scenario.base_frames],
        [None, None, None, KRONOR],
    )
    for field, kind in ASSUMPTION_FIELDS:
        unit, number_format = KIND_UNITS[kind]
        values = []
        for year in years:
            row = rows.get(year)
            value = getattr(row, field) if row is not None else None
            if field == "source" and value == "":
                value = None
            values.append(value)
        add_row(
            sheet,
            [
                str(capfirst(ScenarioYear._meta.get_field(field).verbose_name)),
                field,
                str(unit),
                *values,
            ],
            [None, None, None, *([number_format] * len(years))],
        )
    space_sheet(workbook, result)


def space_sheet(workbook: Workbook, result: ScenarioSpace) -> None:
    from ..space import RATE, ROWS
    from ..views import ROW_LABELS

    scenario = result.scenario
    years = result.space.years if result.space else scenario.years
    columns = [Column(_("Row"), 40), Column(_("Symbol"), 14)] + [Column(str(y), 18) for y in years]
    sheet = new_sheet(
        workbook,
        SPACE,
        _("Financial space, scenario %(name)s, in kronor.") % {"name": scenario.name},
        columns,
        read_only=True,
    )
    if result.space is None:
        sheet.cell(
            row=FIRST_ROW,
            column=1,
            value=_("The assumptions are incomplete; the financial space cannot be computed."),
        )
        return
    for key, symbol, kind in ROWS:
        number_format = PERCENT if kind == RATE else KRONOR
        values = [f.value for f in result.space.row(key)]
        add_row(
            sheet,
            [str(ROW_LABELS[key]), symbol, *values],
            [None, None, *([number_format] * len(values))],
        )


def assumptions_workbook(scenario: Scenario, result: ScenarioSpace) -> Workbook:
    workbook = new_workbook(_("Assumptions, scenario %(name)s") % {"name": scenario.name})
    assumptions_sheets(workbook, scenario, result)
    return workbook


def import_assumptions(*, scenario: Scenario, workbook, by) -> Imported:
    """The scenario's base-year frames and assumptions per year from the assumptions sheet."""
    reader = Reader(workbook)
    sheet = reader.sheet(ASSUMPTIONS, ASSUMPTION_HEADERS)
    reader.refuse_if_errors()
    years = scenario.years
    first = len(ASSUMPTION_HEADERS) + 1
    for offset, year in enumerate(years):
        value = sheet.cell(row=HEADER_ROW, column=first + offset).value
        if str(value).strip() != str(year):
            reader.fail(
                sheet,
                HEADER_ROW,
                first + offset,
                _("The year columns must be %(first)s–%(last)s in order.")
                % {"first": years[0], "last": years[-1]},
            )
    reader.refuse_if_errors()
    kinds = dict(ASSUMPTION_FIELDS)
    values: dict[int, dict[str, Any]] = {year: {} for year in years}
    base_frames = scenario.base_frames
    seen: set[str] = set()
    width = first + len(years) - 1
    for number, cells in reader.rows(sheet, width):
        key = str(cells[1] or "").strip()
        if key != BASE_FRAMES_KEY and key not in kinds:
            reader.fail(sheet, number, 2, _("Unknown key “%(key)s”.") % {"key": key})
            continue
        if key in seen:
            reader.fail(sheet, number, 2, _("The key “%(key)s” is repeated.") % {"key": key})
            continue
        seen.add(key)
        if key == BASE_FRAMES_KEY:
            base_frames = reader.money(sheet, number, first, cells[first - 1])
            for offset in range(1, len(years)):
                if not reader._empty(cells[first - 1 + offset]):
                    reader.fail(
                        sheet,
                        number,
                        first + offset,
                        _("Only the budget year has frames excluding capital costs."),
                    )
            continue
        kind = kinds[key]
        for offset, year in enumerate(years):
            column, value = first + offset, cells[first - 1 + offset]
            values[year][key] = _assumption(reader, sheet, number, column, key, kind, value)
    reader.refuse_if_errors()
    if capital_costs.for_scenario(scenario).computed:
        # Σ KK comes from the existing assets and the investment plan, as in the form.
        typed = {row.year: row.capital_costs for row in scenario.rows.all()}
        for year in years:
            values[year]["capital_costs"] = typed.get(year)
    before = scenario.version
    try:
        with transaction.atomic():
            saved = services.save_assumptions(
                scenario=scenario,
                name=scenario.name,
                base_frames=base_frames,
                values=values,
                by=by,
                version=scenario.version,  # a workbook does not carry the version seen
            )
    except DomainError as exc:
        raise ImportRefused([domain_error(exc, sheet.title)]) from None
    return Imported(changed=1 if saved.version != before else 0)


def _assumption(reader: Reader, sheet, row, column, key, kind, value):
    if kind == "text":
        return reader.text(sheet, row, column, value, max_length=200)
    if kind == "count":
        if reader._empty(value):
            return None
        number = reader.ranged(
            sheet, row, column, value, rng=ranges.POPULATION, places=0, what=_("persons")
        )
        return None if number is None else int(number)
    if kind == "tax_rate":
        return reader.ranged(
            sheet, row, column, value, rng=ranges.TAX_RATE, places=2, what=_("kr per 100 kr")
        )
    rng = ScenarioYear._meta.get_field(key).range
    if kind == "percent":
        if isinstance(value, str) and value.strip().endswith("%"):
            percent = reader.number(
                sheet, row, column, value.strip()[:-1], places=4, what=_("percent")
            )
            fraction = None if percent is None else (percent / 100).quantize(MICRO)
        else:
            fraction = reader.number(sheet, row, column, value, places=6, what=_("percent"))
        if fraction is not None and fraction not in rng:
            reader.fail(sheet, row, column, str(rng.message))
            return None
        return fraction
    return reader.money(sheet, row, column, value, negative=key not in NOT_NEGATIVE)
