"""Capital costs per committee and year for scenarios (FINANCE.md 3.4, 4.1 and 5.5): the typed
capital costs of existing assets plus those the investment plan's projects compute, with each
scenario's internal interest rates. They flow into the committees' frames and into Σ KK of the
financial space. A fixed number of queries whatever the number of scenarios and projects.

    KK_c(Y) = existing_c(Y) + Σ_{p owned by c, counted} (dep_p(Y) + int_p(Y))

Counted projects: decided, ongoing and finished (ideas and pre-studies are not yet in the
frames). The rate of a year is the scenario's internal-rate assumption, or the organisation's
internal rate where the scenario has none. Under the "new investments only" compensation policy
existing assets stay at the scenario's first year. What a committee's frame receives from the plan
is rounded to whole öre (half up) per committee, year and part, as a frame is booked in kronor
and öre; the plan's own pages show the exact schedule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from . import capital
from .models import (
    CashFlow,
    Compensation,
    Component,
    ExistingCapitalCost,
    FinanceSettings,
    InternalRate,
    InvestmentProject,
    ProjectStatus,
    Scenario,
)

ZERO = Decimal(0)
ORE = Decimal("0.01")
COUNTED_STATUSES = (ProjectStatus.DECIDED, ProjectStatus.ONGOING, ProjectStatus.FINISHED)


@dataclass
class CommitteeKK:
    """One committee's capital costs in one year, in their parts."""

    existing: Decimal = ZERO
    depreciation: Decimal = ZERO
    interest: Decimal = ZERO

    @property
    def plan(self) -> Decimal:
        return self.depreciation + self.interest

    @property
    def total(self) -> Decimal:
        return self.existing + self.plan


@dataclass
class ScenarioKK:
    """A scenario's capital costs per (committee, year); `computed` when there is an investment
    plan or typed existing assets (else the space falls back to the typed Σ KK assumption)."""

    years: list[int]
    parts: dict[tuple[int, int], CommitteeKK] = field(default_factory=dict)
    computed: bool = False
    investments: dict[int, Decimal] = field(default_factory=dict)  # counted projects' cash flow
    self_financing_goal: Decimal | None = None

    def self_financing(self, year: int, result: Decimal) -> Decimal | None:
        """(Res + depreciation) / net investments (FINANCE.md 5.6), None without investments.
        The depreciation is the plan's plus the existing assets' capital costs, whose internal
        interest is not recorded apart."""
        kk = self.year(year)
        return capital.self_financing_ratio(
            result=result,
            depreciation=kk.existing + kk.depreciation,
            net_investments=self.investments.get(year, ZERO),
        )

    def amounts(self) -> dict[tuple[int, int], Decimal]:
        return {key: part.total for key, part in self.parts.items()}

    def year(self, year: int) -> CommitteeKK:
        out = CommitteeKK()
        for (_body, y), part in self.parts.items():
            if y == year:
                out.existing += part.existing
                out.depreciation += part.depreciation
                out.interest += part.interest
        return out


def settings_of(organisation_id: int) -> FinanceSettings:
    """The organisation's settings, or the defaults (unsaved) when none are recorded."""
    found = FinanceSettings.objects.filter(organisation_id=organisation_id).first()
    return found or FinanceSettings(organisation_id=organisation_id)


@dataclass(frozen=True)
class PlanProject:
    body: int
    input: capital.ProjectInput


def plan_projects(organisation_id: int) -> list[PlanProject]:
    """The counted projects of the organisation's investment plan (three queries)."""
    projects = (
        InvestmentProject.objects.filter(
            plan__organisation_id=organisation_id, status__in=COUNTED_STATUSES
        )
        .prefetch_related(
            Prefetch("cash_flows", queryset=CashFlow.objects.order_by("year")),
            Prefetch("components", queryset=Component.objects.order_by("order", "pk")),
        )
        .order_by("code")
    )
    with capital.collector_paused():  # thousands of rows: see capital.collector_paused
        return _as_plan_projects(projects)


def _as_plan_projects(projects) -> list[PlanProject]:
    return [
        PlanProject(
            body=p.owner_body_id,
            input=capital.ProjectInput(
                code=p.code,
                owner=str(p.owner_body_id),
                cash_flows={c.year: c.amount for c in p.cash_flows.all()},
                activation=p.activation,
                components=tuple(
                    capital.ComponentInput(c.name, c.share, c.life_years)
                    for c in p.components.all()
                ),
                recurring=p.recurring,
            ),
        )
        for p in projects
    ]


def compute(
    *,
    years: Sequence[int],
    existing: dict[tuple[int, int], Decimal],
    projects: Iterable[PlanProject],
    rates: dict[int, Decimal],
    convention: capital.Convention = capital.Convention.FROM_MONTH,
    compensation: str = Compensation.FULL,
) -> dict[tuple[int, int], CommitteeKK]:
    """Pure: KK per (committee, year) over `years` from existing assets and plan projects."""
    with capital.collector_paused():  # many small objects, no cycles (see capital.py)
        return _compute(years, existing, projects, rates, convention, compensation)


def _compute(years, existing, projects, rates, convention, compensation):
    first = years[0]
    out: dict[tuple[int, int], CommitteeKK] = {}
    bodies = {body for body, _year in existing}
    for body in bodies:
        for year in years:
            source = first if compensation == Compensation.NEW_ONLY else year
            amount = existing.get((body, source), ZERO)
            if amount:
                out[body, year] = CommitteeKK(existing=amount)
    projects = list(projects)
    results = capital.plan_capital(
        [p.input for p in projects], years=years, rates=rates, convention=convention
    )
    for project, result in zip(projects, results, strict=True):
        for year, cost in result.years.items():
            if cost.depreciation or cost.interest:
                part = out.setdefault((project.body, year), CommitteeKK())
                part.depreciation += cost.depreciation
                part.interest += cost.interest
    for part in out.values():
        part.depreciation = part.depreciation.quantize(ORE, ROUND_HALF_UP)
        part.interest = part.interest.quantize(ORE, ROUND_HALF_UP)
    return out


def rates_of(scenario: Scenario, organisation_rates: dict[int, Decimal]) -> dict[int, Decimal]:
    """The scenario's internal rates per year (its rows must be prefetched), the organisation's
    where the scenario has none."""
    own = {
        row.year: row.internal_rate for row in scenario.rows.all() if row.internal_rate is not None
    }
    return organisation_rates | own


def for_scenarios(scenarios: Sequence[Scenario]) -> dict[int, ScenarioKK]:
    """Capital costs for scenarios of one organisation (rows prefetched, cycle selected): six
    queries whatever their number and the number of projects."""
    if not scenarios:
        return {}
    org = scenarios[0].cycle.organisation_id
    settings = settings_of(org)
    existing = {
        (row.body_id, row.year): row.amount
        for row in ExistingCapitalCost.objects.filter(organisation_id=org)
    }
    projects = plan_projects(org)
    org_rates = dict(InternalRate.objects.filter(organisation_id=org).values_list("year", "rate"))
    convention = capital.Convention(settings.activation_convention)
    out = {}
    for scenario in scenarios:
        years = scenario.years
        out[scenario.pk] = ScenarioKK(
            years=years,
            parts=compute(
                years=years,
                existing=existing,
                projects=projects,
                rates=rates_of(scenario, org_rates),
                convention=convention,
                compensation=settings.compensation,
            ),
            computed=bool(existing or projects),
            investments=capital.cash_flow_per_year([p.input for p in projects], years),
            self_financing_goal=settings.self_financing_goal,
        )
    return out


def for_scenario(scenario: Scenario) -> ScenarioKK:
    return for_scenarios([scenario])[scenario.pk]
