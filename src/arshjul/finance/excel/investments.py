"""The investment plan in Excel: projects, cash flows and components (importable, projects
matched by code) and the capital costs (read-only)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body

from .. import services_investments
from ..capital import shares_total_percent
from ..models import InvestmentPlan, InvestmentProject, ProjectCategory, ProjectStatus
from ..models.ranges import LIFE_YEARS, SHARE
from ..money import format_number
from ..selectors_investments import PlanView
from ._common import (
    COUNT,
    DATE,
    KRONOR,
    MICRO,
    PERCENT,
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
PROJECTS = gettext_lazy("Projects")
CASH_FLOWS = gettext_lazy("Cash flows")
COMPONENTS = gettext_lazy("Components")
CAPITAL = gettext_lazy("Capital costs")

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


def investment_sheets(workbook: Workbook, view: PlanView) -> None:
    plan = view.plan
    note = _("Investment plan %(first)s–%(last)s; amounts in kronor with öre.") % {
        "first": plan.first_year,
        "last": plan.last_year,
    }
    sheet = new_sheet(
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
        add_row(
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
    sheet = new_sheet(
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
            add_row(sheet, [p.code, flow.year, flow.amount])
    sheet = new_sheet(
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
            add_row(sheet, [p.code, c.name, c.share, c.life_years])
    sheet = new_sheet(
        workbook,
        CAPITAL,
        _("Capital costs per project and year (depreciation plus internal interest), in kronor."),
        [Column(_("Code"), 10), Column(_("Owner body"), 14)]
        + [Column(str(y), 16, KRONOR) for y in plan.years],
        read_only=True,
    )
    for cap in view.capitals:
        add_row(sheet, [cap.code, cap.owner] + [cap.years[y].capital_cost for y in plan.years])


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
        life = reader.ranged(
            component_sheet, number, 4, cells[3], rng=LIFE_YEARS, places=0, what=_("years")
        )
        if life is None and reader._empty(cells[3]):
            reader.fail(component_sheet, number, 4, str(LIFE_YEARS.message))
        life = None if life is None else int(life)
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
                    plan=plan,
                    project=current,
                    data=project,
                    by=by,
                    version=current.version if current else 0,  # the workbook has none
                )
                changed += 1
    except DomainError as exc:
        raise ImportRefused([domain_error(exc, project_sheet.title)]) from None
    return Imported(changed=changed)


def _share(reader: Reader, sheet, number, value) -> Decimal | None:
    if isinstance(value, str) and value.strip().endswith("%"):
        percent = reader.number(sheet, number, 3, value.strip()[:-1], places=4, what="%")
        share = None if percent is None else (percent / 100).quantize(MICRO)
    else:
        share = reader.number(sheet, number, 3, value, places=6, what=_("share"))
        if share is None and reader._empty(value):
            reader.fail(sheet, number, 3, _("A share is required."))
    if share is not None and share not in SHARE:
        reader.fail(sheet, number, 3, str(SHARE.message))
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
