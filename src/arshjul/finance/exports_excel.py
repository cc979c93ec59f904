"""Excel workbooks of the finance app (openpyxl): a scenario's assumptions and financial space,
a frame version, the investment plan, a committee's unit budgets, and everything of a scenario.

The renderers take what the selectors return and never query on their own. Every sheet has the
same shape: row 1 says what the sheet is and its units, row 2 holds the column headers (frozen
with row 1), the data starts on row 3. Money is exact kronor with öre as numbers (format
`# ##0,00` in a Swedish Excel), rates are fractions shown as percent; sheets marked read-only
are computed and ignored by the import (finance.imports_excel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .models import ProjectCategory, ProjectStatus, UnitBudget
from .models.assumptions import ASSUMPTION_FIELDS, Scenario, ScenarioYear
from .selectors import ScenarioSpace
from .selectors_frames import VersionFrames
from .selectors_investments import PlanView

KRONOR = "#,##0.00"
PERCENT = "0.00##%"
TAX_RATE = "0.00"
COUNT = "#,##0"
DATE = "yyyy-mm-dd"
READ_ONLY_FILL = PatternFill("solid", start_color="EEEEEE", end_color="EEEEEE")
HEADER_ROW = 2
FIRST_ROW = 3

# Sheet names (at most 31 characters in every language).
ASSUMPTIONS = gettext_lazy("Assumptions")
SPACE = gettext_lazy("Financial space")
BASE = gettext_lazy("Base frames")
ITEMS = gettext_lazy("Change items")
FRAMES = gettext_lazy("Frames")
BALANCE = gettext_lazy("Balance check")
PROJECTS = gettext_lazy("Projects")
CASH_FLOWS = gettext_lazy("Cash flows")
COMPONENTS = gettext_lazy("Components")
CAPITAL = gettext_lazy("Capital costs")
UNITS = gettext_lazy("Unit budgets")
VERSIONS = gettext_lazy("Frame versions")

# Column headers of the importable sheets, in order.
ASSUMPTION_HEADERS = (gettext_lazy("Assumption"), gettext_lazy("Key"), gettext_lazy("Unit"))
BASE_HEADERS = (gettext_lazy("Committee"), gettext_lazy("Name"), gettext_lazy("Amount (kr)"))
ITEM_HEADERS = (
    gettext_lazy("Committee"),
    gettext_lazy("Year"),
    gettext_lazy("Type"),
    gettext_lazy("Amount (kr)"),
    gettext_lazy("Text"),
    gettext_lazy("Decision reference"),
    gettext_lazy("One-off"),
)
PROJECT_HEADERS = (
    gettext_lazy("Code"),
    gettext_lazy("Name"),
    gettext_lazy("Category"),
    gettext_lazy("Owner body"),
    gettext_lazy("Status"),
    gettext_lazy("Activation date"),
    gettext_lazy("Yearly envelope"),
)
FLOW_HEADERS = (gettext_lazy("Code"), gettext_lazy("Year"), gettext_lazy("Amount (kr)"))
COMPONENT_HEADERS = (
    gettext_lazy("Code"),
    gettext_lazy("Name"),
    gettext_lazy("Share (%)"),
    gettext_lazy("Depreciation period (years)"),
)
UNIT_HEADERS = (
    gettext_lazy("Unit"),
    gettext_lazy("Amount (kr)"),
    gettext_lazy("Status"),
    gettext_lazy("Union consultation"),
)

# The assumptions' units and number formats by kind (models.assumptions.ASSUMPTION_FIELDS).
KIND_UNITS = {
    "text": (gettext_lazy("text"), None),
    "count": (gettext_lazy("persons"), COUNT),
    "tax_rate": (gettext_lazy("kr per 100 kr"), TAX_RATE),
    "percent": ("%", PERCENT),
    "money": ("kr", KRONOR),
}
BASE_FRAMES_KEY = "base_frames"


@dataclass
class Column:
    title: str
    width: int
    number_format: str | None = None


def _sheet(workbook: Workbook, title, note: str, columns: Sequence[Column], *, read_only=False):
    """A new sheet with its note row, its header row (both frozen) and its column widths."""
    sheet = workbook.create_sheet(str(title)[:31])
    if read_only:
        note = note + " " + _("Read-only: computed, ignored when the file is imported.")
    sheet.cell(row=1, column=1, value=note).font = Font(italic=True)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=str(column.title))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if read_only:
            cell.fill = READ_ONLY_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet._arshjul_columns = columns  # the number formats for _row
    return sheet


def _row(sheet: Worksheet, values: Iterable, formats: Sequence[str | None] | None = None) -> None:
    values = list(values)
    sheet.append(values)
    row = sheet.max_row
    columns = sheet._arshjul_columns
    for index, value in enumerate(values, start=1):
        number_format = None
        if formats is not None and index <= len(formats):
            number_format = formats[index - 1]
        elif index <= len(columns):
            number_format = columns[index - 1].number_format
        if number_format and value is not None:
            sheet.cell(row=row, column=index).number_format = number_format


def new_workbook(title: str) -> Workbook:
    workbook = Workbook()
    workbook.properties.title = title
    workbook.properties.creator = "Årshjul"
    workbook.properties.created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    workbook.remove(workbook.active)
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _money_note() -> str:
    return _("Amounts in kronor with öre (exact); rates in percent.")


# --- (a) assumptions and the financial space ----------------------------------------------


def assumptions_sheets(workbook: Workbook, scenario: Scenario, result: ScenarioSpace) -> None:
    """The scenario's assumptions (a row per assumption, a column per year) and its financial
    space (read-only). The scenario's rows must be prefetched."""
    years = scenario.years
    columns = [
        Column(str(ASSUMPTION_HEADERS[0]), 44),
        Column(str(ASSUMPTION_HEADERS[1]), 16),
        Column(str(ASSUMPTION_HEADERS[2]), 14),
    ] + [Column(str(y), 16) for y in years]
    sheet = _sheet(
        workbook,
        ASSUMPTIONS,
        _("Scenario %(name)s. %(units)s The key column identifies the row; do not change it.")
        % {"name": scenario.name, "units": _money_note()},
        columns,
    )
    rows = {row.year: row for row in scenario.rows.all()}
    base_label = _("Frames excluding capital costs in the budget year")
    _row(
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
        _row(
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
    from .space import RATE, ROWS
    from .views import ROW_LABELS

    scenario = result.scenario
    years = result.space.years if result.space else scenario.years
    columns = [Column(_("Row"), 40), Column(_("Symbol"), 14)] + [Column(str(y), 18) for y in years]
    sheet = _sheet(
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
        _row(
            sheet,
            [str(ROW_LABELS[key]), symbol, *values],
            [None, None, *([number_format] * len(values))],
        )


def assumptions_workbook(scenario: Scenario, result: ScenarioSpace) -> Workbook:
    workbook = new_workbook(_("Assumptions, scenario %(name)s") % {"name": scenario.name})
    assumptions_sheets(workbook, scenario, result)
    return workbook


# --- (b) a frame version --------------------------------------------------------------------


def frames_sheets(
    workbook: Workbook, data: VersionFrames, bases: dict[int, Decimal], *, prefix: str = ""
) -> None:
    """The version's base-year frames, change items (both importable), its computed frames per
    committee and year and, when every committee is shown, the balance check (read-only)."""
    version = data.version
    years = data.years
    note = _("Frame version %(name)s (%(status)s).") % {
        "name": version.name,
        "status": version.get_status_display(),
    }
    sheet = _sheet(
        workbook,
        f"{prefix}{BASE}",
        note
        + " "
        + _("Frames in %(year)s, capital costs included, in kronor.") % {"year": years[0]},
        [
            Column(str(BASE_HEADERS[0]), 14),
            Column(str(BASE_HEADERS[1]), 40),
            Column(str(BASE_HEADERS[2]), 20, KRONOR),
        ],
    )
    for body in data.bodies:
        _row(sheet, [body.short_name, body.name, bases.get(body.pk)])
    sheet = _sheet(
        workbook,
        f"{prefix}{ITEMS}",
        note + " " + _("A saving is entered positive and deducted; amounts in kronor."),
        [
            Column(str(ITEM_HEADERS[0]), 14),
            Column(str(ITEM_HEADERS[1]), 8),
            Column(str(ITEM_HEADERS[2]), 24),
            Column(str(ITEM_HEADERS[3]), 18, KRONOR),
            Column(str(ITEM_HEADERS[4]), 40),
            Column(str(ITEM_HEADERS[5]), 24),
            Column(str(ITEM_HEADERS[6]), 10),
        ],
    )
    for item in data.items:
        _row(
            sheet,
            [
                item.body.short_name,
                item.year,
                item.get_kind_display(),
                item.amount,
                item.text,
                item.decision or None,
                item.one_off,
            ],
        )
    sheet = _sheet(
        workbook,
        f"{prefix}{FRAMES}",
        note + " " + _("Frames per committee and year, in kronor."),
        [Column(_("Committee"), 14), Column(_("Name"), 40)]
        + [Column(str(y), 18, KRONOR) for y in years],
        read_only=True,
    )
    if data.missing_index:
        sheet.cell(
            row=FIRST_ROW,
            column=1,
            value=_("The index for %(year)s is missing in the scenario's assumptions.")
            % {"year": data.missing_index},
        )
    else:
        for body in data.bodies:
            _row(
                sheet,
                [body.short_name, body.name]
                + [
                    data.frames[body.pk, y].value if (body.pk, y) in data.frames else None
                    for y in years
                ],
            )
    if data.balance:
        sheet = _sheet(
            workbook,
            f"{prefix}{BALANCE}",
            note + " " + _("Budgeted result = S + B + FN − Σ frames − central items, in kronor."),
            [
                Column(_("Year"), 8),
                Column(_("S + B + FN"), 18, KRONOR),
                Column(_("Σ frames"), 18, KRONOR),
                Column(_("Central items"), 18, KRONOR),
                Column(_("Budgeted result"), 18, KRONOR),
                Column(_("Required result"), 18, KRONOR),
                Column(_("Below zero"), 10),
                Column(_("Below the goal"), 10),
            ],
            read_only=True,
        )
        for b in data.balance:
            _row(
                sheet,
                [
                    b.year,
                    b.revenue,
                    b.frames,
                    b.central,
                    b.result,
                    b.required,
                    b.below_zero,
                    b.below_goal,
                ],
            )


def frames_workbook(data: VersionFrames, bases: dict[int, Decimal]) -> Workbook:
    """`bases`: the base-year frame per committee id (finance.selectors_frames)."""
    workbook = new_workbook(_("Frames, %(name)s") % {"name": data.version.name})
    frames_sheets(workbook, data, bases)
    return workbook


# --- (c) the investment plan ------------------------------------------------------------------


def investment_sheets(workbook: Workbook, view: PlanView) -> None:
    plan = view.plan
    note = _("Investment plan %(first)s–%(last)s; amounts in kronor with öre.") % {
        "first": plan.first_year,
        "last": plan.last_year,
    }
    sheet = _sheet(
        workbook,
        PROJECTS,
        note + " " + _("Projects are matched by code: a new code makes a new project."),
        [
            Column(str(PROJECT_HEADERS[0]), 10),
            Column(str(PROJECT_HEADERS[1]), 40),
            Column(str(PROJECT_HEADERS[2]), 20),
            Column(str(PROJECT_HEADERS[3]), 14),
            Column(str(PROJECT_HEADERS[4]), 14),
            Column(str(PROJECT_HEADERS[5]), 14, DATE),
            Column(str(PROJECT_HEADERS[6]), 12),
        ],
    )
    categories, statuses = dict(ProjectCategory.choices), dict(ProjectStatus.choices)
    for p in view.projects:
        _row(
            sheet,
            [
                p.code,
                p.name,
                str(categories.get(p.category, p.category)),
                p.owner_body.short_name,
                str(statuses.get(p.status, p.status)),
                p.activation,
                p.recurring,
            ],
        )
    sheet = _sheet(
        workbook,
        CASH_FLOWS,
        note + " " + _("A project listed on the projects sheet gets exactly these cash flows."),
        [
            Column(str(FLOW_HEADERS[0]), 10),
            Column(str(FLOW_HEADERS[1]), 8),
            Column(str(FLOW_HEADERS[2]), 20, KRONOR),
        ],
    )
    for p in view.projects:
        for flow in p.cash_flows.all():
            _row(sheet, [p.code, flow.year, flow.amount])
    sheet = _sheet(
        workbook,
        COMPONENTS,
        note + " " + _("The shares of a project add up to 100 %."),
        [
            Column(str(COMPONENT_HEADERS[0]), 10),
            Column(str(COMPONENT_HEADERS[1]), 30),
            Column(str(COMPONENT_HEADERS[2]), 12, PERCENT),
            Column(str(COMPONENT_HEADERS[3]), 14, COUNT),
        ],
    )
    for p in view.projects:
        for c in p.components.all():
            _row(sheet, [p.code, c.name, c.share, c.life_years])
    sheet = _sheet(
        workbook,
        CAPITAL,
        _("Capital costs per project and year (depreciation plus internal interest), in kronor."),
        [Column(_("Code"), 10), Column(_("Owner body"), 14)]
        + [Column(str(y), 16, KRONOR) for y in plan.years],
        read_only=True,
    )
    for cap in view.capitals:
        _row(sheet, [cap.code, cap.owner] + [cap.years[y].capital_cost for y in plan.years])


def investments_workbook(view: PlanView) -> Workbook:
    workbook = new_workbook(
        _("Investment plan %(first)s–%(last)s")
        % {
            "first": view.plan.first_year,
            "last": view.plan.last_year,
        }
    )
    investment_sheets(workbook, view)
    return workbook


# --- (d) unit budgets -------------------------------------------------------------------------


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
    sheet = _sheet(workbook, title, note, columns)
    for index, (unit, budget) in enumerate(rows):
        consultation = getattr(budget, "consultation", None) if budget else None
        _row(
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


# --- (e) everything of a scenario -------------------------------------------------------------


def everything_workbook(
    *,
    scenario: Scenario,
    result: ScenarioSpace,
    versions: Sequence[tuple[VersionFrames, dict[int, Decimal]]],
    plan: PlanView | None,
    budgets: Sequence[UnitBudget],
) -> Workbook:
    """One workbook: the assumptions and space, every frame version (its sheets prefixed V1,
    V2 …, listed on the versions sheet), the investment plan and every unit budget."""
    workbook = new_workbook(_("Everything of scenario %(name)s") % {"name": scenario.name})
    assumptions_sheets(workbook, scenario, result)
    sheet = _sheet(
        workbook,
        VERSIONS,
        _("The frame versions of scenario %(name)s and their sheets' prefix.")
        % {"name": scenario.name},
        [Column(_("Prefix"), 8), Column(_("Version"), 40), Column(_("Status"), 14)],
        read_only=True,
    )
    for n, (data, _bases) in enumerate(versions, start=1):
        _row(sheet, [f"V{n}", data.version.name, data.version.get_status_display()])
    for n, (data, bases) in enumerate(versions, start=1):
        frames_sheets(workbook, data, bases, prefix=f"V{n} ")
    if plan is not None:
        investment_sheets(workbook, plan)
    prefixes = {data.version.pk: f"V{n}" for n, (data, _b) in enumerate(versions, start=1)}
    unit_sheet(
        workbook,
        title=UNITS,
        note=_("Every unit budget of the scenario's frame versions, in kronor."),
        rows=[(b.unit, b) for b in budgets],
        extra=[
            (_("Version"), [prefixes.get(b.frame_version_id, "") for b in budgets]),
            (_("Committee"), [b.unit.body.short_name if b.unit.body else "" for b in budgets]),
            (_("Year"), [b.year for b in budgets]),
        ],
    )
    return workbook
