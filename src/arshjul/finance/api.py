"""The money's JSON API: scenarios with their assumptions and financial space, frame versions
with their frames per committee and year, change items and balance check, and the investment
plan with its projects, cash flows, components and capital costs.

Every amount is an exact decimal string in kronor ("3369600000.00"); rates are decimal strings
as fractions ("0.030000" is 3 %). Never a float.

Read: the app's own rules (finance.permissions*): scenarios and the financial space for the
finance office and the chief executive's office of the cycle's organisation; frames also for a
committee's secretary, head of administration and members (their own committee's rows, no
balance check); the investment plan for the finance office (whole) and a committee's people
(their body's projects). Anyone else gets a 404.
Change (POST, PUT, DELETE): the finance office, by the web app's session with its CSRF token;
another reader gets a 403. The rules live in the services; a stale version answers 409, an
adopted frame version refuses changes (400, code adopted).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body
from arshjul.process.models import Cycle

from . import (
    capital_costs,
    selectors,
    selectors_frames,
    selectors_investments,
    services,
    services_frames,
    services_investments,
)
from .models import ChangeItem, FrameVersion, InvestmentProject, Scenario
from .models.assumptions import ASSUMPTION_FIELDS
from .permissions import can_read_space
from .permissions_frames import frame_bodies_for
from .permissions_investments import can_edit_plan
from .space import ROWS

router = Router(tags=["finance"])

DECIMAL = r"^-?\d+(\.\d+)?$"
AMOUNT = "An exact amount in kronor as a decimal string, e.g. “3369600000.00”."


def _s(value) -> str | None:
    return None if value is None else str(value)


CENT = Decimal("0.01")


def _kr(value: Decimal) -> str:
    """An exact amount as a decimal string: two decimals, more only where the exact value has
    them (a computed figure keeps every digit; nothing is rounded)."""
    if value == value.quantize(CENT):
        return str(value.quantize(CENT))
    return format(value.normalize(), "f")


def _decimal(text: str | None, field: str) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        raise DomainError(
            _("Write a number such as 1234.50 (a decimal string)."), code="invalid", field=field
        ) from None


def _domain(exc: ValidationError) -> DomainError:
    """A model validation error raised by a service's full_clean, in the one error shape."""
    if isinstance(exc, DomainError):
        return exc
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        message = " ".join(errors[0].messages)
        field = None if field == "__all__" else field
        return DomainError(message, code="invalid", field=field)
    return DomainError(" ".join(exc.messages), code="invalid")


class CommitteeOut(Schema):
    slug: str
    name: str
    short_name: str


# --- Scenarios and the financial space -------------------------------------------------------


class FigureOut(Schema):
    key: str = Field(
        ..., description="The row: S, B, SB, FN, BASE, KK, CEN, K0, RES0, SHARE, R, U."
    )
    symbol: str
    kind: str = Field(..., description="money (kronor) or rate (a fraction).")
    value: str = Field(..., description="Exact: kronor for money, a fraction for a rate.")
    explanation: str = Field(..., description="The formula with its inputs, in mnkr.")


class YearOut(Schema):
    year: int
    assumptions: dict[str, str | int | None] = Field(
        ...,
        description="The year's assumptions: amounts in kronor and rates as fractions, as "
        "decimal strings; population a whole number; source a text.",
    )
    figures: list[FigureOut] = Field(
        ..., description="The financial space of the year; empty while assumptions are missing."
    )


class MissingOut(Schema):
    year: int
    field: str


class ScenarioOut(Schema):
    id: int
    cycle: str
    name: str
    plan_years: int
    base_frames: str | None = Field(..., description=AMOUNT)
    version: int = Field(..., description="Send it back when saving; 409 if saved meanwhile.")
    years: list[YearOut]
    missing: list[MissingOut] = Field(..., description="Assumptions the space still needs.")


def _scenario_out(scenario: Scenario, kk=None) -> dict:
    result = selectors.space_of(scenario, kk)
    rows = {row.year: row for row in scenario.rows.all()}
    years = []
    for year in scenario.years:
        row = rows.get(year)
        assumptions: dict[str, str | int | None] = {}
        for name, kind in ASSUMPTION_FIELDS:
            value = getattr(row, name) if row else None
            assumptions[name] = value if kind in ("text", "count") else _s(value)
        figures = []
        if result.space is not None:
            for key, symbol, kind in ROWS:
                figure = result.space.figures[year][key]
                figures.append(
                    {
                        "key": key,
                        "symbol": symbol,
                        "kind": kind,
                        "value": _kr(figure.value),
                        "explanation": figure.explanation(),
                    }
                )
        years.append({"year": year, "assumptions": assumptions, "figures": figures})
    return {
        "id": scenario.pk,
        "cycle": scenario.cycle.slug,
        "name": scenario.name,
        "plan_years": scenario.plan_years,
        "base_frames": _s(scenario.base_frames),
        "version": scenario.version,
        "years": years,
        "missing": [{"year": y, "field": f} for y, f in result.missing],
    }


def _readable_cycle(request: HttpRequest, slug: str) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("organisation"), slug=slug)
    if not can_read_space(request.user, cycle):
        raise Http404
    return cycle


def _scenario_or_404(request: HttpRequest, pk: int) -> Scenario:
    try:
        scenario = selectors_frames.scenario_for_frames(pk)
    except Scenario.DoesNotExist:
        raise Http404 from None
    if not can_read_space(request.user, scenario.cycle):
        raise Http404
    return scenario


@router.get(
    "/cycles/{slug}/scenarios",
    response=list[ScenarioOut],
    summary="A cycle's scenarios with their financial space",
    description="Each scenario's assumptions per year and the financial space computed from "
    "them (FINANCE.md 3.4), every figure exact with its explanation. The finance office and "
    "the chief executive's office of the cycle's organisation.",
)
def list_scenarios(request: HttpRequest, slug: str):
    cycle = _readable_cycle(request, slug)
    scenarios = selectors.scenarios_for_cycle(cycle=cycle, user=request.user)
    kks = capital_costs.for_scenarios(scenarios)
    return [_scenario_out(s, kks[s.pk]) for s in scenarios]


@router.get("/scenarios/{pk}", response=ScenarioOut, summary="One scenario")
def get_scenario(request: HttpRequest, pk: int):
    return _scenario_out(_scenario_or_404(request, pk))


class AssumptionYearIn(Schema):
    year: int
    values: dict[str, str | int | None] = Field(
        ...,
        description="Only the assumptions to change, by name (see a year's assumptions): "
        "amounts in kronor and rates as fractions as decimal strings, null to clear.",
    )


class AssumptionsIn(Schema):
    version: int = Field(..., description="The scenario's version as last read.")
    name: str | None = Field(None, max_length=80, description="Leave out to keep.")
    base_frames: str | None = Field(
        None, pattern=DECIMAL, description="Frames without capital costs in the budget year."
    )
    years: list[AssumptionYearIn] = Field(default_factory=list)


def _assumption_values(scenario: Scenario, years: list[AssumptionYearIn]) -> dict:
    kinds = dict(ASSUMPTION_FIELDS)
    values: dict[int, dict] = {}
    for entry in years:
        if entry.year not in scenario.years:
            raise DomainError(_("Choose a year of the scenario."), code="year", field="years")
        for name, value in entry.values.items():
            kind = kinds.get(name)
            if kind is None:
                raise DomainError(
                    _("There is no assumption “%(name)s”.") % {"name": name},
                    code="unknown_field",
                    field="years",
                )
            if isinstance(value, float):
                raise DomainError(
                    _("Write a number such as 1234.50 (a decimal string)."),
                    code="invalid",
                    field=name,
                )
            if kind == "text":
                value = "" if value is None else str(value)
            elif kind == "count":
                value = None if value in (None, "") else int(_decimal(str(value), name))
            else:
                value = _decimal(None if value is None else str(value), name)
            values.setdefault(entry.year, {})[name] = value
    return values


@router.put(
    "/scenarios/{pk}/assumptions",
    response=ScenarioOut,
    auth=django_auth,
    summary="Change a scenario's assumptions",
    description="The finance office. Send the scenario's version as last read: if someone "
    "saved meanwhile nothing is saved and the answer is 409 (code stale). All or nothing.",
)
def save_assumptions(request: HttpRequest, pk: int, payload: AssumptionsIn):
    scenario = _scenario_or_404(request, pk)
    values = _assumption_values(scenario, payload.years)
    try:
        services.save_assumptions(
            scenario=scenario,
            name=payload.name if payload.name is not None else scenario.name,
            base_frames=(
                _decimal(payload.base_frames, "base_frames")
                if "base_frames" in payload.model_fields_set
                else scenario.base_frames
            ),
            values=values,
            by=request.user,
            version=payload.version,
        )
    except ValidationError as exc:
        raise _domain(exc) from None
    return _scenario_out(_scenario_or_404(request, pk))


# --- Frame versions --------------------------------------------------------------------------


class VersionRefOut(Schema):
    id: int
    name: str
    status: str = Field(..., description="draft or adopted; an adopted version is frozen.")
    adopted_on: dt.date | None
    copied_from: int | None
    version: int = Field(..., description="Send it back with a change; 409 if changed meanwhile.")


class FrameOut(Schema):
    committee: str = Field(..., description="The committee's slug.")
    year: int
    value: str = Field(..., description="The frame in kronor, capital costs included.")
    without_capital_costs: str
    carried: str = Field(..., description="Last year's frame without capital costs and one-offs.")
    index_rate: str
    index_amount: str
    capital_costs: str
    capital_costs_change: str
    items: dict[str, str] = Field(..., description="The change items' sum per type.")


class ItemOut(Schema):
    id: int
    committee: str
    year: int
    kind: str = Field(..., description="index, priority, saving or adjustment.")
    amount: str = Field(..., description="As entered, in kronor; a saving is deducted.")
    text: str
    decision: str
    one_off: bool


class BalanceOut(Schema):
    year: int
    revenue: str = Field(..., description="S + B + FN.")
    frames: str
    central: str
    result: str
    required: str
    below_zero: bool
    below_goal: bool


class VersionOut(VersionRefOut):
    scenario: int
    years: list[int]
    committees: list[CommitteeOut]
    frames: list[FrameOut]
    items: list[ItemOut]
    balance: list[BalanceOut] | None = Field(
        ..., description="The balance check per year; null for a committee's readers."
    )
    missing_index: int | None = Field(..., description="A year without an index: no frames.")
    missing_space: bool


def _ref(version: FrameVersion) -> dict:
    return {
        "id": version.pk,
        "name": version.name,
        "status": version.status,
        "adopted_on": version.adopted_on,
        "copied_from": version.copied_from_id,
        "version": version.version,
    }


def _frames_scenario(request: HttpRequest, pk: int) -> tuple[Scenario, set[int] | None]:
    try:
        scenario = selectors_frames.scenario_for_frames(pk)
    except Scenario.DoesNotExist:
        raise Http404 from None
    only = frame_bodies_for(request.user, scenario.cycle)
    if only is not None and not only:
        raise Http404
    return scenario, only


def _version_out(scenario: Scenario, version: FrameVersion, only: set[int] | None) -> dict:
    data = selectors_frames.frames_of(version, scenario, only=only)
    return _ref(version) | {
        "scenario": scenario.pk,
        "years": data.years,
        "committees": data.bodies,
        "frames": [
            {
                "committee": body.slug,
                "year": year,
                "value": _kr(f.value),
                "without_capital_costs": _kr(f.base),
                "carried": _kr(f.carried),
                "index_rate": str(f.index_rate),
                "index_amount": _kr(f.index_amount),
                "capital_costs": _kr(f.kk),
                "capital_costs_change": _kr(f.kk_change),
                "items": {k: _kr(v) for k, v in f.sums.items()},
            }
            for body in data.bodies
            for year in data.years
            if (f := data.frames.get((body.pk, year))) is not None
        ],
        "items": [
            {
                "id": i.pk,
                "committee": i.body.slug,
                "year": i.year,
                "kind": i.kind,
                "amount": _kr(i.amount),
                "text": i.text,
                "decision": i.decision,
                "one_off": i.one_off,
            }
            for i in data.items
        ],
        "balance": None
        if only is not None
        else [
            {
                "year": b.year,
                "revenue": _kr(b.revenue),
                "frames": _kr(b.frames),
                "central": _kr(b.central),
                "result": _kr(b.result),
                "required": _kr(b.required),
                "below_zero": b.below_zero,
                "below_goal": b.below_goal,
            }
            for b in data.balance
        ],
        "missing_index": data.missing_index,
        "missing_space": data.missing_space,
    }


def _version_or_404(scenario: Scenario, vid: int) -> FrameVersion:
    return get_object_or_404(
        scenario.frame_versions.select_related("scenario__cycle", "copied_from"), pk=vid
    )


@router.get(
    "/scenarios/{pk}/frame-versions",
    response=list[VersionRefOut],
    summary="A scenario's frame versions",
)
def list_versions(request: HttpRequest, pk: int):
    scenario, _only = _frames_scenario(request, pk)
    return [_ref(v) for v in selectors_frames.versions_of(scenario)]


@router.get(
    "/scenarios/{pk}/frame-versions/{vid}",
    response=VersionOut,
    summary="One frame version: frames per committee and year, change items, balance check",
    description="A committee's readers get their own committee's rows and no balance check.",
)
def get_version(request: HttpRequest, pk: int, vid: int):
    scenario, only = _frames_scenario(request, pk)
    return _version_out(scenario, _version_or_404(scenario, vid), only)


class VersionIn(Schema):
    name: str = Field(..., max_length=120)
    copy_from: int | None = Field(None, description="A version of the same scenario to copy.")


@router.post(
    "/scenarios/{pk}/frame-versions",
    response={201: VersionOut},
    auth=django_auth,
    summary="Create a frame version, empty or a copy",
)
def create_version(request: HttpRequest, pk: int, payload: VersionIn):
    scenario, only = _frames_scenario(request, pk)
    copy_from = None
    if payload.copy_from is not None:
        copy_from = FrameVersion.objects.filter(pk=payload.copy_from, scenario=scenario).first()
        if copy_from is None:
            raise DomainError(
                _("Copy a version of the same scenario."), code="copy_from", field="copy_from"
            )
    version = services_frames.create_version(
        scenario=scenario, name=payload.name, by=request.user, copy_from=copy_from
    )
    return Status(201, _version_out(scenario, _version_or_404(scenario, version.pk), only))


class ItemIn(Schema):
    version: int = Field(..., description="The frame version's version as last read.")
    committee: str = Field(..., description="The committee's slug.")
    year: int
    kind: str = Field(..., description="index, priority, saving or adjustment.")
    amount: str = Field(..., pattern=DECIMAL, description=AMOUNT)
    text: str = Field(..., max_length=300)
    decision: str = Field("", max_length=200)
    one_off: bool = False


def _body(scenario: Scenario, slug: str) -> Body:
    body = Body.objects.filter(slug=slug, organisation_id=scenario.cycle.organisation_id).first()
    if body is None:
        raise DomainError(
            _("Choose one of the region's committees."), code="body", field="committee"
        )
    return body


@router.post(
    "/scenarios/{pk}/frame-versions/{vid}/items",
    response={201: VersionOut},
    auth=django_auth,
    summary="Add a change item",
    description="Refused for an adopted version (400, code adopted) and when the version "
    "changed meanwhile (409, code stale).",
)
def add_item(request: HttpRequest, pk: int, vid: int, payload: ItemIn):
    scenario, only = _frames_scenario(request, pk)
    version = _version_or_404(scenario, vid)
    services_frames.add_item(
        version=version,
        body=_body(scenario, payload.committee),
        year=payload.year,
        kind=payload.kind,
        amount=_decimal(payload.amount, "amount"),
        text=payload.text,
        decision=payload.decision,
        one_off=payload.one_off,
        by=request.user,
        expected=payload.version,
    )
    return Status(201, _version_out(scenario, _version_or_404(scenario, vid), only))


@router.delete(
    "/scenarios/{pk}/frame-versions/{vid}/items/{item}",
    response=VersionOut,
    auth=django_auth,
    summary="Remove a change item",
)
def remove_item(request: HttpRequest, pk: int, vid: int, item: int, version: int):
    scenario, only = _frames_scenario(request, pk)
    frame_version = _version_or_404(scenario, vid)
    change = get_object_or_404(ChangeItem, pk=item, frame_version=frame_version)
    services_frames.remove_item(item=change, by=request.user, expected=version)
    return _version_out(scenario, _version_or_404(scenario, vid), only)


class AdoptIn(Schema):
    version: int
    adopted_on: dt.date | None = Field(None, description="Today when left out.")


@router.post(
    "/scenarios/{pk}/frame-versions/{vid}/adopt",
    response=VersionOut,
    auth=django_auth,
    summary="Adopt a frame version",
    description="From then on the version is frozen: copy it to make changes.",
)
def adopt_version(request: HttpRequest, pk: int, vid: int, payload: AdoptIn):
    scenario, only = _frames_scenario(request, pk)
    version = _version_or_404(scenario, vid)
    services_frames.adopt_version(
        version=version, by=request.user, on=payload.adopted_on, expected=payload.version
    )
    return _version_out(scenario, _version_or_404(scenario, vid), only)


# --- The investment plan ---------------------------------------------------------------------


class AmountOut(Schema):
    year: int
    amount: str = Field(..., description=AMOUNT)


class ComponentOut(Schema):
    name: str
    share: str = Field(..., description="A fraction of the project's cost: “0.3” is 30 %.")
    life_years: int


class CapitalCostOut(Schema):
    year: int
    depreciation: str
    interest: str
    capital_cost: str
    opening_book_value: str


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    category: str
    owner: str = Field(..., description="The owning committee's slug.")
    status: str
    activation: dt.date | None
    recurring: bool
    version: int = Field(..., description="Send it back when saving; 409 if saved meanwhile.")
    cash_flows: list[AmountOut]
    components: list[ComponentOut]
    capital_costs: list[CapitalCostOut]


class PlanOut(Schema):
    years: list[int]
    version: int
    whole_plan: bool = Field(..., description="False: only the caller's committees' projects.")
    projects: list[ProjectOut]
    cash_flow_totals: list[AmountOut]
    ceilings: list[AmountOut] = Field(..., description="The finance office only.")


def _costs(years: dict[int, object]) -> list[dict]:
    return [
        {
            "year": year,
            "depreciation": _kr(c.depreciation),
            "interest": _kr(c.interest),
            "capital_cost": _kr(c.capital_cost),
            "opening_book_value": _kr(c.opening_book_value),
        }
        for year, c in sorted(years.items())
    ]


def _project_out(project: InvestmentProject, costs: list[dict]) -> dict:
    return {
        "id": project.pk,
        "code": project.code,
        "name": project.name,
        "category": project.category,
        "owner": project.owner_body.slug,
        "status": project.status,
        "activation": project.activation,
        "recurring": project.recurring,
        "version": project.version,
        "cash_flows": [{"year": c.year, "amount": _kr(c.amount)} for c in project.cash_flows.all()],
        "components": [
            {"name": c.name, "share": str(c.share), "life_years": c.life_years}
            for c in project.components.all()
        ],
        "capital_costs": costs,
    }


def _plan_view(request: HttpRequest):
    plan = selectors_investments.plan_for_user(request.user)
    view = selectors_investments.plan_view(user=request.user, plan=plan) if plan else None
    if view is None:
        raise Http404
    return view


def _project_or_404(request: HttpRequest, pk: int) -> dict:
    view = _plan_view(request)
    for project, cap in zip(view.projects, view.capitals, strict=True):
        if project.pk == pk:
            return _project_out(project, _costs(cap.years))
    raise Http404


@router.get(
    "/investment-plan",
    response=PlanOut,
    summary="The investment plan with its capital costs",
    description="The plan of the caller's organisation: projects with cash flows, components "
    "and capital costs (depreciation + internal interest) per year.",
)
def get_plan(request: HttpRequest):
    view = _plan_view(request)
    return {
        "years": view.plan.years,
        "version": view.plan.version,
        "whole_plan": view.whole_plan,
        "projects": [
            _project_out(p, _costs(c.years))
            for p, c in zip(view.projects, view.capitals, strict=True)
        ],
        "cash_flow_totals": [{"year": y, "amount": _kr(a)} for y, a in sorted(view.totals.items())],
        "ceilings": [{"year": y, "amount": _kr(a)} for y, a in sorted(view.ceilings.items())],
    }


@router.get("/investment-projects/{pk}", response=ProjectOut, summary="One investment project")
def get_project(request: HttpRequest, pk: int):
    return _project_or_404(request, pk)


class AmountIn(Schema):
    year: int
    amount: str = Field(..., pattern=DECIMAL, description=AMOUNT)


class ComponentIn(Schema):
    name: str = Field(..., max_length=100)
    share: str = Field(..., pattern=DECIMAL, description="A fraction: “0.3” is 30 %.")
    life_years: int


class ProjectIn(Schema):
    version: int | None = Field(None, description="For a change: the project's version.")
    code: str
    name: str
    category: str
    owner: str = Field(..., description="The owning committee's slug.")
    status: str
    activation: dt.date | None = None
    recurring: bool = False
    cash_flows: list[AmountIn] = Field(default_factory=list)
    components: list[ComponentIn] = Field(default_factory=list)


def _project_data(plan, payload: ProjectIn) -> services_investments.ProjectData:
    owner = Body.objects.filter(slug=payload.owner, organisation_id=plan.organisation_id).first()
    if owner is None:
        raise DomainError(
            _("Choose one of the region's committees."), code="body", field="owner_body"
        )
    return services_investments.ProjectData(
        code=payload.code,
        name=payload.name,
        category=payload.category,
        owner_body=owner,
        status=payload.status,
        activation=payload.activation,
        recurring=payload.recurring,
        cash_flows={c.year: _decimal(c.amount, "cash_flows") for c in payload.cash_flows},
        components=[
            services_investments.ComponentData(
                name=c.name, share=_decimal(c.share, "components"), life_years=c.life_years
            )
            for c in payload.components
        ],
    )


def _save_project(request: HttpRequest, plan, project, payload: ProjectIn) -> InvestmentProject:
    if not can_edit_plan(request.user, plan):
        raise DomainError(
            _("Only the finance office changes the investment plan."), code="forbidden"
        )
    try:
        return services_investments.save_project(
            plan=plan,
            project=project,
            data=_project_data(plan, payload),
            by=request.user,
            version=payload.version,
        )
    except ValidationError as exc:
        raise _domain(exc) from None


@router.post(
    "/investment-plan/projects",
    response={201: ProjectOut},
    auth=django_auth,
    summary="Create an investment project",
)
def create_project(request: HttpRequest, payload: ProjectIn):
    view = _plan_view(request)
    saved = _save_project(request, view.plan, None, payload)
    return Status(201, _project_or_404(request, saved.pk))


@router.put(
    "/investment-projects/{pk}",
    response=ProjectOut,
    auth=django_auth,
    summary="Change an investment project",
    description="Send the project's version as last read: 409 (code stale) if saved meanwhile.",
)
def update_project(request: HttpRequest, pk: int, payload: ProjectIn):
    project = selectors_investments.project_detail(user=request.user, pk=pk)
    if project is None:
        raise Http404
    _save_project(request, project.plan, project, payload)
    return _project_or_404(request, pk)
