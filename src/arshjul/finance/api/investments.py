"""The investment plan: projects with cash flows, components and capital costs."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from arshjul.core.api_schema import ErrorOut
from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body

from .. import selectors_investments, services_investments
from ..models import InvestmentProject
from ..permissions_investments import can_edit_plan
from ._common import (
    AMOUNT,
    DECIMAL,
    TAGS,
    _decimal,
    _domain,
    _kr,
    operation_id,
)

router = Router(tags=TAGS)


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
    response={200: PlanOut, 404: ErrorOut},
    summary="The investment plan with its capital costs",
    description="The plan of the caller's organisation: projects with cash flows, components "
    "and capital costs (depreciation + internal interest) per year.",
    operation_id=operation_id("get_plan"),
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


@router.get(
    "/investment-projects/{pk}",
    response=ProjectOut,
    summary="One investment project",
    operation_id=operation_id("get_project"),
)
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
    version: int | None = Field(None, description="Not used when a project is created.")
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


class ProjectChangeIn(ProjectIn):
    version: int = Field(..., description="The project's version as last read.")


@router.post(
    "/investment-plan/projects",
    response={201: ProjectOut},
    auth=django_auth,
    summary="Create an investment project",
    operation_id=operation_id("create_project"),
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
    operation_id=operation_id("update_project"),
)
def update_project(request: HttpRequest, pk: int, payload: ProjectChangeIn):
    project = selectors_investments.project_detail(user=request.user, pk=pk)
    if project is None:
        raise Http404
    _save_project(request, project.plan, project, payload)
    return _project_or_404(request, pk)
