"""`capital.plan_capital`: the whole plan at once gives each project's own figures and leaves
the garbage collector as it found it."""

from __future__ import annotations

import datetime as dt
import gc
from decimal import Decimal as D

from arshjul.finance import capital
from arshjul.finance.capital import ComponentInput, ProjectInput

YEARS = list(range(2025, 2031))
RATES = {y: D("0.025") for y in YEARS}


def _projects() -> list[ProjectInput]:
    return [
        ProjectInput(
            code=f"P{n}",
            owner="HSN" if n % 2 else "RS",
            cash_flows={2025: D(1_000_000 * n), 2026: D(500_000)},
            activation=None if n == 3 else dt.date(2024 + n % 3, 1 + n, 1),
            components=(ComponentInput("a", D("0.7"), 10), ComponentInput("b", D("0.3"), 3)),
            recurring=n == 4,
        )
        for n in range(1, 6)
    ]


def test_the_same_figures_as_project_by_project():
    one_by_one = [capital.project_capital(p, years=YEARS, rates=RATES) for p in _projects()]
    together = capital.plan_capital(_projects(), years=iter(YEARS), rates=RATES)
    assert together == one_by_one


def test_the_collector_is_restored():
    assert gc.isenabled()
    capital.plan_capital(_projects(), years=YEARS, rates=RATES)
    assert gc.isenabled()
    gc.disable()
    try:
        capital.plan_capital(_projects(), years=YEARS, rates=RATES)
        assert not gc.isenabled()
    finally:
        gc.enable()
