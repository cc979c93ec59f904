"""Reads for the finance pages, shaped for them and restricted to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from arshjul.process.models import Cycle

from .models import Scenario, ScenarioYear
from .permissions import can_read_space
from .space import IncompleteAssumptions, Space, YearInputs, compute_space


def capital_costs_for(scenario: Scenario, year: int) -> Decimal | None:
    """Σ KK, the capital costs of all committees in `year`: for now the typed assumption.

    The seam for the investment plan: once it computes capital costs, this returns them (and
    the typed value becomes an override or goes). Uses the scenario's prefetched rows."""
    for row in scenario.rows.all():
        if row.year == year:
            return row.capital_costs
    return None


def scenarios_for_cycle(*, cycle: Cycle, user) -> list[Scenario] | None:
    """The cycle's scenarios with their rows (two queries), or None if the user may not see them."""
    if not can_read_space(user, cycle):
        return None
    scenarios = list(
        Scenario.objects.filter(cycle=cycle)
        .select_related("cycle")
        .prefetch_related(Prefetch("rows", queryset=ScenarioYear.objects.order_by("year")))
    )
    return scenarios


def inputs_of(scenario: Scenario) -> list[YearInputs]:
    """The scenario's rows as the pure calculation's inputs (rows must be prefetched)."""
    return [
        YearInputs(
            year=row.year,
            tax_revenue=row.tax_revenue,
            tax_base_growth=row.tax_base_growth,
            tax_rate=row.tax_rate,
            grants=row.grants,
            financial_net=row.financial_net,
            index=row.index,
            goal=row.goal,
            central_items=row.central_items,
            capital_costs=capital_costs_for(scenario, row.year),
            source=row.source,
        )
        for row in scenario.rows.all()
        if row.year in scenario.years
    ]


@dataclass
class ScenarioSpace:
    scenario: Scenario
    space: Space | None
    missing: list[tuple[int, str]]


def space_of(scenario: Scenario) -> ScenarioSpace:
    try:
        space = compute_space(inputs_of(scenario), base_frames=scenario.base_frames)
    except IncompleteAssumptions as exc:
        return ScenarioSpace(scenario=scenario, space=None, missing=exc.missing)
    return ScenarioSpace(scenario=scenario, space=space, missing=[])
