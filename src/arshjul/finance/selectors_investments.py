"""Reads for the investment plan's pages: the plan with its projects, cash flows and
components in a fixed number of queries, and their capital costs (finance.capital)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from arshjul.accounts.roles import organisation_id_of

from . import capital
from .models import (
    BINDING_STATUSES,
    CashFlow,
    Component,
    InternalRate,
    InvestmentPlan,
    InvestmentProject,
)
from .permissions_investments import can_edit_plan, projects_visible_to

ZERO = Decimal(0)


def plan_for_user(user) -> InvestmentPlan | None:
    """The investment plan of the user's organisation."""
    org = organisation_id_of(user)
    if org is None:
        return None
    return InvestmentPlan.objects.select_related("organisation").filter(organisation_id=org).first()


def _projects(user, plan: InvestmentPlan):
    qs = (
        InvestmentProject.objects.filter(plan=plan)
        .select_related("owner_body")
        .prefetch_related(
            Prefetch("cash_flows", queryset=CashFlow.objects.order_by("year")),
            Prefetch("components", queryset=Component.objects.order_by("order", "pk")),
        )
    )
    return list(projects_visible_to(user, plan, qs))


def as_input(project: InvestmentProject) -> capital.ProjectInput:
    return capital.ProjectInput(
        code=project.code,
        owner=project.owner_body.short_name,
        cash_flows={c.year: c.amount for c in project.cash_flows.all()},
        activation=project.activation,
        components=tuple(
            capital.ComponentInput(c.name, c.share, c.life_years) for c in project.components.all()
        ),
        recurring=project.recurring,
    )


def rates_for(plan: InvestmentPlan) -> dict[int, Decimal]:
    return dict(
        InternalRate.objects.filter(organisation_id=plan.organisation_id).values_list(
            "year", "rate"
        )
    )


@dataclass
class PlanView:
    plan: InvestmentPlan
    projects: list[InvestmentProject]
    inputs: list[capital.ProjectInput]
    capitals: list[capital.ProjectCapital]
    totals: dict[int, Decimal]
    binding: dict[int, Decimal]
    ceilings: dict[int, Decimal]
    breaches: dict[int, Decimal]
    owners: dict[str, dict[int, capital.YearCost]] = field(default_factory=dict)
    whole_plan: bool = False


def plan_view(*, user, plan: InvestmentPlan) -> PlanView | None:
    """The plan as this user may see it; None when she may see no project of it (404)."""
    whole = can_edit_plan(user, plan)
    projects = _projects(user, plan)
    if not whole and not projects:
        return None
    inputs = [as_input(p) for p in projects]
    rates = rates_for(plan)
    capitals = capital.plan_capital(inputs, years=plan.years, rates=rates)
    totals = capital.cash_flow_per_year(inputs, plan.years)
    binding = capital.cash_flow_per_year(
        [i for i, p in zip(inputs, projects, strict=True) if p.status in BINDING_STATUSES],
        plan.years,
    )
    ceilings = dict(plan.ceilings.values_list("year", "amount")) if whole else {}
    return PlanView(
        plan=plan,
        projects=projects,
        inputs=inputs,
        capitals=capitals,
        totals=totals,
        binding=binding,
        ceilings=ceilings,
        breaches=capital.ceiling_breaches(totals, ceilings),
        owners=capital.by_owner(capitals),
        whole_plan=whole,
    )


def project_detail(*, user, pk: int) -> InvestmentProject | None:
    project = (
        InvestmentProject.objects.select_related("plan", "owner_body")
        .prefetch_related(
            Prefetch("cash_flows", queryset=CashFlow.objects.order_by("year")),
            Prefetch("components", queryset=Component.objects.order_by("order", "pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if project is None:
        return None
    visible = projects_visible_to(
        user, project.plan, InvestmentProject.objects.filter(pk=project.pk)
    )
    return project if visible.exists() else None
