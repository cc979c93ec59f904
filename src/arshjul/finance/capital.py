"""Capital costs, computed without a database (FINANCE.md 5.4–5.6).

Straight-line depreciation per component from activation, and internal interest on the
opening book value at the year's internal rate:

    dep_a(Y) = A_a / L_a × m_a(Y) / 12      (the last year takes the remainder)
    BV_a(Y)  = A_a − Σ_{y<Y} dep_a(y)
    int_a(Y) = BV_a(Y) × r(Y) × m_a(Y) / 12
    KK_a(Y)  = dep_a(Y) + int_a(Y)

m_a(Y) is the months of use in year Y under the activation convention. Every amount is an
exact Decimal in kronor, never rounded here; pages round for showing (finance.money).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class Convention(StrEnum):
    """Which months of the activation year count (FINANCE.md 5.1; a setting per region)."""

    FROM_MONTH = "from_month"  # the activation month counts: 1 Jul → 6 months (the demo's)
    MONTH_AFTER = "month_after"  # from the month after activation: 1 Jul → 5 months
    HALF_YEAR = "half_year"  # six months in the first year whatever the month


def first_year_months(activation: dt.date, convention: Convention = Convention.FROM_MONTH) -> int:
    if convention is Convention.FROM_MONTH:
        return 13 - activation.month
    if convention is Convention.MONTH_AFTER:
        return 12 - activation.month
    return 6


@dataclass(frozen=True)
class ComponentInput:
    name: str
    share: Decimal  # a fraction of the project's cost: 0.5 is 50 %
    life_years: int


@dataclass(frozen=True)
class ProjectInput:
    code: str
    owner: str
    cash_flows: Mapping[int, Decimal]
    activation: dt.date | None
    components: tuple[ComponentInput, ...]
    recurring: bool = False  # a yearly envelope: each year's cash flow is a new asset


class Row(NamedTuple):
    """One asset-component in one year, with everything needed to explain its figures.

    A named tuple rather than a frozen dataclass: a plan makes tens of thousands of them per
    scenario, and a tuple is quicker to make and costs the garbage collector nothing."""

    year: int
    cost: Decimal
    life_years: int
    months: int
    opening_book_value: Decimal
    depreciation: Decimal
    rate: Decimal
    interest: Decimal
    last: bool = False

    @property
    def capital_cost(self) -> Decimal:
        return self.depreciation + self.interest


@dataclass(slots=True)
class YearCost:
    depreciation: Decimal = ZERO
    interest: Decimal = ZERO
    opening_book_value: Decimal = ZERO

    @property
    def capital_cost(self) -> Decimal:
        return self.depreciation + self.interest

    def add(self, other: YearCost | Row) -> None:
        self.depreciation += other.depreciation
        self.interest += other.interest
        self.opening_book_value += other.opening_book_value


@dataclass(slots=True)
class ComponentSchedule:
    name: str
    share: Decimal
    life_years: int
    rows: list[Row] = field(default_factory=list)


@dataclass(slots=True)
class ProjectCapital:
    code: str
    owner: str
    components: list[ComponentSchedule]
    years: dict[int, YearCost]


def component_rows(
    *,
    cost: Decimal,
    life_years: int,
    activation: dt.date,
    years: Iterable[int],
    rates: Mapping[int, Decimal],
    convention: Convention = Convention.FROM_MONTH,
) -> list[Row]:
    """The schedule of one asset-component over the years asked for (only years in use).

    Years before the first one asked for only carry the depreciation forward: their interest
    is not computed and no row is made for them (the figures are the same either way)."""
    if life_years < 1:
        raise ValueError("the depreciation period is at least one year")
    wanted = years if isinstance(years, (set, frozenset)) else set(years)
    if not wanted:
        return []
    total_months = life_years * 12
    first = first_year_months(activation, convention)
    rows: list[Row] = []
    depreciated = ZERO
    used = 0
    year = activation.year
    last_wanted = max(wanted)
    full_year = None  # cost × 12 / total_months, the same every whole year
    while used < total_months and year <= last_wanted:
        months = min(first if year == activation.year else 12, total_months - used)
        used += months
        last = used >= total_months
        if last:
            dep = cost - depreciated
        elif months == 12:
            if full_year is None:
                full_year = cost * 12 / total_months
            dep = full_year
        else:
            dep = cost * months / total_months
        if months and year in wanted:
            opening = cost - depreciated
            rate = rates.get(year, ZERO)
            interest = opening * rate * months / 12
            rows.append(Row(year, cost, life_years, months, opening, dep, rate, interest, last))
        depreciated += dep
        year += 1
    return rows


def project_capital(
    project: ProjectInput,
    *,
    years: Iterable[int],
    rates: Mapping[int, Decimal],
    convention: Convention = Convention.FROM_MONTH,
) -> ProjectCapital:
    """Capital costs of one project per component and per year. Before activation (work in
    progress) there are none; a yearly envelope activates each year's cash flow in its own year."""
    years = list(years)
    wanted = frozenset(years)
    per_year: dict[int, YearCost] = {y: YearCost() for y in years}
    schedules = [ComponentSchedule(c.name, c.share, c.life_years) for c in project.components]
    if project.activation is not None:
        if project.recurring:
            assets = [
                (amount, project.activation.replace(year=year))
                for year, amount in sorted(project.cash_flows.items())
                if amount
            ]
        else:
            assets = [(sum(project.cash_flows.values(), ZERO), project.activation)]
        for cost, activated in assets:
            for component, schedule in zip(project.components, schedules, strict=True):
                rows = component_rows(
                    cost=cost * component.share,
                    life_years=component.life_years,
                    activation=activated,
                    years=wanted,
                    rates=rates,
                    convention=convention,
                )
                schedule.rows.extend(rows)
                for row in rows:
                    total = per_year[row.year]
                    total.depreciation += row.depreciation
                    total.interest += row.interest
                    total.opening_book_value += row.opening_book_value
        if len(assets) > 1:
            for schedule in schedules:
                schedule.rows.sort(key=lambda r: r.year)
    return ProjectCapital(project.code, project.owner, schedules, per_year)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a calculation that makes many small objects and
    no reference cycles. Left running, it wakes every few hundred allocations, finds nothing to
    free and walks a heap that grows with the plan, which makes the time grow faster than the
    number of projects. Restored afterwards unless it was already off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def plan_capital(
    projects: Iterable[ProjectInput],
    *,
    years: Iterable[int],
    rates: Mapping[int, Decimal],
    convention: Convention = Convention.FROM_MONTH,
) -> list[ProjectCapital]:
    """`project_capital` for every project of a plan, in a time linear in their number."""
    years = list(years)
    with collector_paused():
        return [
            project_capital(p, years=years, rates=rates, convention=convention) for p in projects
        ]


def by_owner(capitals: Iterable[ProjectCapital]) -> dict[str, dict[int, YearCost]]:
    """KK_c(Y): the capital costs per owner body and year, that flow into the body's frame."""
    result: dict[str, dict[int, YearCost]] = defaultdict(lambda: defaultdict(YearCost))
    for capital in capitals:
        for year, cost in capital.years.items():
            result[capital.owner][year].add(cost)
    return {owner: dict(years) for owner, years in result.items()}


def cash_flow_per_year(
    projects: Iterable[ProjectInput], years: Iterable[int]
) -> dict[int, Decimal]:
    totals = {y: ZERO for y in years}
    for project in projects:
        for year, amount in project.cash_flows.items():
            if year in totals:
                totals[year] += amount
    return totals


def ceiling_breaches(
    totals: Mapping[int, Decimal], ceilings: Mapping[int, Decimal]
) -> dict[int, Decimal]:
    """Years whose cash flow exceeds the ceiling, with the amount over it."""
    return {
        year: totals.get(year, ZERO) - ceiling
        for year, ceiling in ceilings.items()
        if totals.get(year, ZERO) > ceiling
    }


def self_financing_ratio(
    *, result: Decimal, depreciation: Decimal, net_investments: Decimal
) -> Decimal | None:
    """(Res + avskrivningar) / nettoinvesteringar as a fraction; None without investments."""
    if not net_investments:
        return None
    return (result + depreciation) / net_investments


@dataclass(frozen=True)
class Elimination:
    """The internal interest at region level (FINANCE.md 5.5): the committees' frames carry
    depreciation plus internal interest; the treasury (among the central items) receives the
    interest, so at region level only the depreciation remains."""

    committees: Decimal  # Σ_c KK_c(Y)
    treasury: Decimal  # −Σ_c int_c(Y), in CEN(Y)
    depreciation: Decimal  # Σ_c dep_c(Y)

    @property
    def region(self) -> Decimal:
        return self.committees + self.treasury

    @property
    def balanced(self) -> bool:
        return self.region == self.depreciation


def eliminate_internal_interest(
    owners: Mapping[str, Mapping[int, YearCost]], year: int
) -> Elimination:
    costs = [years[year] for years in owners.values() if year in years]
    return Elimination(
        committees=sum((c.capital_cost for c in costs), ZERO),
        treasury=-sum((c.interest for c in costs), ZERO),
        depreciation=sum((c.depreciation for c in costs), ZERO),
    )


def shares_total_percent(shares: Iterable[Decimal]) -> Decimal:
    return sum(shares, ZERO) * HUNDRED
