"""Excel imports of the finance app: read a workbook shaped as finance.exports_excel writes it,
check EVERY cell and report each bad one as (sheet, cell, what is wrong), and save only when
all is right, in one transaction, through the same services (and so the same rules and audit
trail) as the forms.

Sheets and headers are recognised in Swedish and in English. Money is kronor with at most two
decimals (öre); a number read from Excel is taken at 15 significant digits (Excel's own
precision), so amounts up to 9 999 999 999 999,99 kr are exact.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body, Unit

from . import capital_costs, services, services_frames, services_investments, services_units
from .capital import shares_total_percent
from .exports_excel import (
    ASSUMPTION_HEADERS,
    ASSUMPTIONS,
    BASE,
    BASE_FRAMES_KEY,
    BASE_HEADERS,
    CASH_FLOWS,
    COMPONENT_HEADERS,
    COMPONENTS,
    FIRST_ROW,
    FLOW_HEADERS,
    HEADER_ROW,
    ITEM_HEADERS,
    ITEMS,
    PROJECT_HEADERS,
    PROJECTS,
    UNIT_HEADERS,
    UNITS,
)
from .forms import NOT_NEGATIVE, PERCENT_BOUNDS
from .models import (
    ChangeItem,
    FrameVersion,
    InvestmentPlan,
    InvestmentProject,
    ProjectCategory,
    ProjectStatus,
    Scenario,
    UnitBudget,
)
from .models.assumptions import ASSUMPTION_FIELDS
from .money import format_number
from .permissions_units import can_edit_unit
from .selectors_frames import frame_bodies

LANGUAGES = ("sv", "en")
CENT = Decimal("0.01")
MICRO = Decimal("0.000001")
TOO_LARGE = Decimal(10) ** 13
ZIP_MAX_UNPACKED = 60_000_000


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        if self.cell:
            return f"{self.sheet}, {self.cell}: {self.message}"
        if self.sheet:
            return f"{self.sheet}: {self.message}"
        return self.message


class ImportRefused(Exception):
    """The file was not saved; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[CellError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


@dataclass
class Imported:
    """What an import changed: a count of changed objects and a summary for the message."""

    changed: int = 0


def _names(label) -> set[str]:
    """A sheet name or header in every language, folded for comparison."""
    names = {str(label).strip().casefold()}
    for language in LANGUAGES:
        with override(language):
            names.add(str(label).strip().casefold())
    return names


def open_workbook(name: str, data: bytes):
    """The uploaded file as an openpyxl workbook, or ImportRefused with a clear message: only
    .xlsx files within the size limit that open as one."""
    limit = settings.FINANCE_IMPORT_MAX_BYTES
    if not name.lower().endswith(".xlsx"):
        raise ImportRefused([CellError("", "", _("Upload an Excel file (.xlsx)."))])
    if len(data) > limit:
        raise ImportRefused(
            [
                CellError(
                    "",
                    "",
                    _("The file is larger than %(mb)s MB.") % {"mb": limit // 1_000_000},
                )
            ]
        )
    broken = CellError(
        "", "", _("The file cannot be read as an Excel workbook (.xlsx). Save it as .xlsx again.")
    )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > ZIP_MAX_UNPACKED:
                raise ImportRefused([broken])
        return load_workbook(BytesIO(data), data_only=True)
    except ImportRefused:
        raise
    except Exception:  # a broken or foreign file: openpyxl raises many kinds
        raise ImportRefused([broken]) from None


class Reader:
    """Walks a workbook's sheets and collects every bad cell."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.errors: list[CellError] = []

    def fail(self, sheet: Worksheet | str, row: int | None, column: int | None, message: str):
        title = sheet if isinstance(sheet, str) else sheet.title
        cell = f"{get_column_letter(column)}{row}" if row and column else ""
        self.errors.append(CellError(title, cell, message))

    def sheet(self, label, headers: Sequence) -> Worksheet | None:
        wanted = _names(label)
        for sheet in self.workbook.worksheets:
            if sheet.title.strip().casefold() in wanted:
                break
        else:
            self.fail(
                str(label), None, None, _("The sheet “%(name)s” is missing.") % {"name": label}
            )
            return None
        ok = True
        for column, header in enumerate(headers, start=1):
            value = sheet.cell(row=HEADER_ROW, column=column).value
            if value is None or str(value).strip().casefold() not in _names(header):
                self.fail(
                    sheet,
                    HEADER_ROW,
                    column,
                    _("The header “%(name)s” is missing.") % {"name": header},
                )
                ok = False
        return sheet if ok else None

    def rows(self, sheet: Worksheet, width: int) -> Iterator[tuple[int, list[Any]]]:
        """(row number, its first `width` values) of every row with something in it."""
        for number, values in enumerate(
            sheet.iter_rows(min_row=FIRST_ROW, max_col=width, values_only=True), start=FIRST_ROW
        ):
            values = list(values) + [None] * (width - len(values))
            if any(v is not None and str(v).strip() != "" for v in values):
                yield number, values

    # --- cells ---------------------------------------------------------------------------

    def number(self, sheet, row, column, value, *, places: int, what: str) -> Decimal | None:
        """A number cell: None when empty; the error recorded (and None) when bad."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, (bool, dt.date, dt.datetime)):
            number = None
        elif isinstance(value, float):
            number = Decimal(format(value, ".15g"))
        elif isinstance(value, (int, Decimal)):
            number = Decimal(value)
        else:
            try:
                number = Decimal(
                    str(value)
                    .strip()
                    .replace("\u202f", "")
                    .replace("\xa0", "")
                    .replace(" ", "")
                    .replace("\u2212", "-")
                    .replace(",", ".")
                )
            except InvalidOperation:
                number = None
        if number is None or not number.is_finite():
            self.fail(
                sheet,
                row,
                column,
                _("“%(value)s” is not a number (%(what)s).") % {"value": value, "what": what},
            )
            return None
        step = Decimal(1).scaleb(-places)
        if number != number.quantize(step):
            self.fail(
                sheet,
                row,
                column,
                _("Too many decimals (%(what)s): at most %(n)s.") % {"what": what, "n": places},
            )
            return None
        if abs(number) >= TOO_LARGE:
            self.fail(sheet, row, column, _("The number is too large."))
            return None
        return number.quantize(step)

    def money(self, sheet, row, column, value, *, required=False, negative=False):
        amount = self.number(sheet, row, column, value, places=2, what=_("kronor with öre"))
        if amount is None:
            if required and self._empty(value):
                self.fail(sheet, row, column, _("An amount is required."))
            return None
        if amount < 0 and not negative:
            self.fail(sheet, row, column, _("The amount cannot be negative."))
            return None
        return amount

    def integer(self, sheet, row, column, value, *, what: str, low=None, high=None):
        number = self.number(sheet, row, column, value, places=0, what=what)
        if number is None:
            if self._empty(value):
                self.fail(
                    sheet, row, column, _("A whole number is required (%(what)s).") % {"what": what}
                )
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.fail(
                sheet,
                row,
                column,
                _("%(value)s is outside %(low)s–%(high)s (%(what)s).")
                % {"value": number, "low": low, "high": high, "what": what},
            )
            return None
        return int(number)

    def text(self, sheet, row, column, value, *, max_length: int, required=False) -> str:
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.fail(sheet, row, column, _("This cell must not be empty."))
        if len(text) > max_length:
            self.fail(sheet, row, column, _("At most %(n)s characters.") % {"n": max_length})
        return text

    def boolean(self, sheet, row, column, value) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().casefold()
        if text in ("", "0", "nej", "no", "false", "falskt"):
            return False
        if text in ("1", "ja", "yes", "true", "sant", "x"):
            return True
        self.fail(sheet, row, column, _("Write yes or no."))
        return False

    def date(self, sheet, row, column, value) -> dt.date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(sheet, row, column, _("Write a date as YYYY-MM-DD."))
            return None

    def choice(self, sheet, row, column, value, choices) -> str | None:
        text = "" if value is None else str(value).strip().casefold()
        for key, label in choices:
            if text == key or text in _names(label):
                return key
        self.fail(
            sheet,
            row,
            column,
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": value or "", "choices": ", ".join(str(label) for _k, label in choices)},
        )
        return None

    @staticmethod
    def _empty(value) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def refuse_if_errors(self) -> None:
        if self.errors:
            raise ImportRefused(self.errors)


def _domain(error: DomainError, sheet: str = "", cell: str = "") -> CellError:
    return CellError(sheet, cell, error.messages[0])


# --- (a) assumptions ------------------------------------------------------------------------


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
                version=None,
            )
    except DomainError as exc:
        raise ImportRefused([_domain(exc, sheet.title)]) from None
    return Imported(changed=1 if saved.version != before else 0)


def _assumption(reader: Reader, sheet, row, column, key, kind, value):
    if kind == "text":
        return reader.text(sheet, row, column, value, max_length=200)
    if kind == "count":
        if reader._empty(value):
            return None
        return reader.integer(sheet, row, column, value, what=_("persons"), low=0, high=10**9)
    if kind == "tax_rate":
        rate = reader.number(sheet, row, column, value, places=2, what=_("kr per 100 kr"))
        if rate is not None and not Decimal("0.01") <= rate <= Decimal("99.99"):
            reader.fail(sheet, row, column, _("The tax rate is between 0,01 and 99,99."))
            return None
        return rate
    if kind == "percent":
        if isinstance(value, str) and value.strip().endswith("%"):
            percent = reader.number(
                sheet, row, column, value.strip()[:-1], places=4, what=_("percent")
            )
            fraction = None if percent is None else (percent / 100).quantize(MICRO)
        else:
            fraction = reader.number(sheet, row, column, value, places=6, what=_("percent"))
        if fraction is not None and key in PERCENT_BOUNDS:
            low, high = PERCENT_BOUNDS[key]
            if not low <= fraction * 100 <= high:
                reader.fail(
                    sheet,
                    row,
                    column,
                    _("Write a percentage between %(low)s and %(high)s.")
                    % {"low": low, "high": high},
                )
                return None
        return fraction
    return reader.money(sheet, row, column, value, negative=key not in NOT_NEGATIVE)


# --- (b) a frame version ------------------------------------------------------------------


def import_frames(*, version: FrameVersion, workbook, by) -> Imported:
    """A draft version's base-year frames and change items: the file's replace the version's."""
    scenario = version.scenario
    if version.is_adopted:
        raise ImportRefused(
            [
                CellError(
                    "",
                    "",
                    _(
                        "The version “%(name)s” is adopted and cannot be changed. Copy it to a "
                        "new version to make changes."
                    )
                    % {"name": version.name},
                )
            ]
        )
    reader = Reader(workbook)
    base_sheet = reader.sheet(BASE, BASE_HEADERS)
    item_sheet = reader.sheet(ITEMS, ITEM_HEADERS)
    reader.refuse_if_errors()
    bodies = {b.short_name.casefold(): b for b in frame_bodies(scenario.cycle.organisation_id)}

    def body_of(sheet, number, value):
        body = bodies.get(str(value or "").strip().casefold())
        if body is None:
            reader.fail(
                sheet, number, 1, _("Unknown committee “%(name)s”.") % {"name": value or ""}
            )
        return body

    amounts: dict[Body, Decimal | None] = {}
    for number, cells in reader.rows(base_sheet, len(BASE_HEADERS)):
        body = body_of(base_sheet, number, cells[0])
        amount = reader.money(base_sheet, number, 3, cells[2], required=True)
        if body is not None and body in amounts:
            reader.fail(base_sheet, number, 1, _("The committee is listed twice."))
        elif body is not None:
            amounts[body] = amount
    items = []
    positive = (ChangeItem.Kind.PRIORITY, ChangeItem.Kind.SAVING)
    for number, cells in reader.rows(item_sheet, len(ITEM_HEADERS)):
        body = body_of(item_sheet, number, cells[0])
        year = reader.integer(item_sheet, number, 2, cells[1], what=_("year"))
        if year is not None and year not in scenario.years:
            reader.fail(
                item_sheet,
                number,
                2,
                _("%(year)s is outside the scenario's years %(first)s–%(last)s.")
                % {"year": year, "first": scenario.years[0], "last": scenario.years[-1]},
            )
        kind = reader.choice(item_sheet, number, 3, cells[2], ChangeItem.Kind.choices)
        amount = reader.money(item_sheet, number, 4, cells[3], required=True, negative=True)
        if kind in positive and amount is not None and amount <= 0:
            reader.fail(
                item_sheet,
                number,
                4,
                _("Write a priority or a saving as a positive amount; a saving is deducted."),
            )
        text = reader.text(item_sheet, number, 5, cells[4], max_length=300, required=True)
        decision = reader.text(item_sheet, number, 6, cells[5], max_length=200)
        one_off = reader.boolean(item_sheet, number, 7, cells[6])
        items.append((body, year, kind, amount, text, decision, one_off))
    reader.refuse_if_errors()
    listed = {b.pk for b in amounts}
    for row in version.base_frames.exclude(body_id__in=listed).select_related("body"):
        amounts[row.body] = None  # a committee left out of the file loses its base frame
    wanted = Counter((b.pk, y, k, a, t, d, o) for b, y, k, a, t, d, o in items)
    by_key = {(b.pk, y, k, a, t, d, o): (b, y, k, a, t, d, o) for b, y, k, a, t, d, o in items}
    changed = 0
    try:
        with transaction.atomic():
            before = version.version
            version = services_frames.set_base_frames(
                version=version, amounts=amounts, by=by, expected=None
            )
            changed += version.version != before
            for item in version.items.order_by("pk"):
                key = (
                    item.body_id,
                    item.year,
                    item.kind,
                    item.amount,
                    item.text,
                    item.decision,
                    item.one_off,
                )
                if wanted[key] > 0:
                    wanted[key] -= 1
                    continue
                services_frames.remove_item(item=item, by=by, expected=None)
                changed += 1
            for key, count in wanted.items():
                body, year, kind, amount, text, decision, one_off = by_key[key]
                for _n in range(count):
                    services_frames.add_item(
                        version=version,
                        body=body,
                        year=year,
                        kind=kind,
                        amount=amount,
                        text=text,
                        decision=decision,
                        one_off=one_off,
                        by=by,
                        expected=None,
                    )
                    changed += 1
    except DomainError as exc:
        raise ImportRefused([_domain(exc)]) from None
    return Imported(changed=changed)


# --- (c) the investment plan ----------------------------------------------------------------


def import_investments(*, plan: InvestmentPlan, workbook, by) -> Imported:
    """Projects (created or changed by code) with exactly the file's cash flows and components."""
    reader = Reader(workbook)
    project_sheet = reader.sheet(PROJECTS, PROJECT_HEADERS)
    flow_sheet = reader.sheet(CASH_FLOWS, FLOW_HEADERS)
    component_sheet = reader.sheet(COMPONENTS, COMPONENT_HEADERS)
    reader.refuse_if_errors()
    bodies = {
        b.short_name.casefold(): b
        for b in Body.objects.filter(organisation_id=plan.organisation_id)
    }
    data: dict[str, services_investments.ProjectData] = {}
    rows: dict[str, int] = {}
    for number, cells in reader.rows(project_sheet, len(PROJECT_HEADERS)):
        code = reader.text(project_sheet, number, 1, cells[0], max_length=20, required=True)
        name = reader.text(project_sheet, number, 2, cells[1], max_length=200, required=True)
        category = reader.choice(project_sheet, number, 3, cells[2], ProjectCategory.choices)
        owner = bodies.get(str(cells[3] or "").strip().casefold())
        if owner is None:
            reader.fail(
                project_sheet, number, 4, _("Unknown body “%(name)s”.") % {"name": cells[3] or ""}
            )
        status = reader.choice(project_sheet, number, 5, cells[4], ProjectStatus.choices)
        activation = reader.date(project_sheet, number, 6, cells[5])
        recurring = reader.boolean(project_sheet, number, 7, cells[6])
        if code and code in data:
            reader.fail(
                project_sheet, number, 1, _("The code “%(code)s” is repeated.") % {"code": code}
            )
            continue
        if code:
            rows[code] = number
            data[code] = services_investments.ProjectData(
                code=code,
                name=name,
                category=category or "",
                owner_body=owner,
                status=status or "",
                activation=activation,
                recurring=recurring,
            )

    def project_of(sheet, number, value):
        code = str(value or "").strip()
        if code not in data:
            reader.fail(
                sheet,
                number,
                1,
                _("Unknown project code “%(code)s”: list the project on the projects sheet.")
                % {"code": code},
            )
            return None
        return data[code]

    first_flow_row: dict[str, int] = {}
    for number, cells in reader.rows(flow_sheet, len(FLOW_HEADERS)):
        project = project_of(flow_sheet, number, cells[0])
        year = reader.integer(flow_sheet, number, 2, cells[1], what=_("year"))
        amount = reader.money(flow_sheet, number, 3, cells[2], required=True)
        if year is not None and not plan.first_year <= year <= plan.last_year:
            reader.fail(
                flow_sheet,
                number,
                2,
                _("%(year)s is outside the plan's horizon %(first)s–%(last)s.")
                % {"year": year, "first": plan.first_year, "last": plan.last_year},
            )
            year = None
        if project is None or year is None or amount is None:
            continue
        if year in project.cash_flows:
            reader.fail(flow_sheet, number, 2, _("The year is listed twice for this project."))
            continue
        project.cash_flows[year] = amount
        first_flow_row.setdefault(project.code, number)
    share_rows: dict[str, int] = {}
    for number, cells in reader.rows(component_sheet, len(COMPONENT_HEADERS)):
        project = project_of(component_sheet, number, cells[0])
        name = reader.text(component_sheet, number, 2, cells[1], max_length=100, required=True)
        share = _share(reader, component_sheet, number, cells[2])
        life = reader.integer(
            component_sheet, number, 4, cells[3], what=_("years"), low=1, high=100
        )
        if project is None or share is None or life is None or not name:
            continue
        project.components.append(services_investments.ComponentData(name, share, life))
        share_rows.setdefault(project.code, number)
    for code, project in data.items():
        if project.components and code in share_rows:
            total = shares_total_percent(c.share for c in project.components)
            if total != 100:
                reader.fail(
                    component_sheet,
                    share_rows[code],
                    3,
                    _("The components' shares of %(code)s add up to %(total)s %%, not 100 %%.")
                    % {"code": code, "total": format_number(total, 2).rstrip("0").rstrip(",.")},
                )
        spent = sorted(y for y, a in project.cash_flows.items() if a)
        if project.activation and spent and project.activation.year < spent[0]:
            reader.fail(
                project_sheet,
                rows[code],
                6,
                _("The activation date is before the first cash flow (%(year)s).")
                % {"year": spent[0]},
            )
    reader.refuse_if_errors()
    existing = {
        p.code: p
        for p in InvestmentProject.objects.filter(plan=plan)
        .select_related("owner_body")
        .prefetch_related("cash_flows", "components")
    }
    for code, project in data.items():
        current = existing.get(code)
        try:
            services_investments.validate(plan, project, pk=current.pk if current else None)
        except DomainError as exc:
            reader.fail(project_sheet, rows[code], 1, f"{code}: {exc.messages[0]}")
    reader.refuse_if_errors()
    changed = 0
    try:
        with transaction.atomic():
            for code, project in data.items():
                current = existing.get(code)
                if current is not None and _same_project(current, project):
                    continue
                services_investments.save_project(
                    plan=plan, project=current, data=project, by=by, version=None
                )
                changed += 1
    except DomainError as exc:
        raise ImportRefused([_domain(exc, project_sheet.title)]) from None
    return Imported(changed=changed)


def _share(reader: Reader, sheet, number, value) -> Decimal | None:
    if isinstance(value, str) and value.strip().endswith("%"):
        percent = reader.number(sheet, number, 3, value.strip()[:-1], places=4, what="%")
        share = None if percent is None else (percent / 100).quantize(MICRO)
    else:
        share = reader.number(sheet, number, 3, value, places=6, what=_("share"))
        if share is None and reader._empty(value):
            reader.fail(sheet, number, 3, _("A share is required."))
    if share is not None and not Decimal(0) < share <= 1:
        reader.fail(sheet, number, 3, _("A share is more than 0 % and at most 100 %."))
        return None
    return share


def _same_project(current: InvestmentProject, data: services_investments.ProjectData) -> bool:
    fields = all(
        getattr(current, f) == getattr(data, f)
        for f in ("code", "name", "category", "status", "activation", "recurring")
    )
    return (
        fields
        and current.owner_body_id == data.owner_body.pk
        and {c.year: c.amount for c in current.cash_flows.all() if c.amount}
        == {y: a for y, a in data.cash_flows.items() if a}
        and [(c.name, c.share, c.life_years) for c in current.components.all()]
        == [(c.name, c.share, c.life_years) for c in data.components]
    )


# --- (d) unit budgets -----------------------------------------------------------------------


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
        raise ImportRefused([_domain(exc, sheet.title)]) from None
    return Imported(changed=len(wanted))
