"""Reads for the finance pages, shaped for them and restricted to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from arshjul.process.models import Cycle

from . import capital_costs
from .models import Scenario, ScenarioYear
from .permissions import can_read_space
from .space import IncompleteAssumptions, Space, YearInputs, compute_space


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


def inputs_of(scenario: Scenario, kk: capital_costs.ScenarioKK | None = None) -> list[YearInputs]:
    """The scenario's rows as the pure calculation's inputs (rows must be prefetched). Σ KK is
    the committees' capital costs (existing assets and the investment plan) when the
    organisation records them, else the typed assumption."""
    out = []
    for row in scenario.rows.all():
        if row.year not in scenario.years:
            continue
        kk_total, parts, interest = row.capital_costs, None, None
        if kk is not None and kk.computed:
            year = kk.year(row.year)
            kk_total, parts = year.total, (year.existing, year.plan)
            # the treasury receives the plan's internal interest: eliminated at region level
            interest = year.interest
        out.append(
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
                capital_costs=kk_total,
                capital_cost_parts=parts,
                central_interest=interest,
                source=row.source,
            )
        )
    return out


@dataclass
class ScenarioSpace:
    scenario: Scenario
    space: Space | None
    missing: list[tuple[int, str]]
    kk: capital_costs.ScenarioKK | None = None


def space_of(scenario: Scenario, kk: capital_costs.ScenarioKK | None = None) -> ScenarioSpace:
    """The scenario's financial space; `kk` when the caller has computed the capital costs
    already (else they are computed here, six queries)."""
    if kk is None:
        kk = capital_costs.for_scenario(scenario)
    try:
        space = compute_space(inputs_of(scenario, kk), base_frames=scenario.base_frames)
    except IncompleteAssumptions as exc:
        return ScenarioSpace(scenario=scenario, space=None, missing=exc.missing, kk=kk)
    return ScenarioSpace(scenario=scenario, space=space, missing=[], kk=kk)
