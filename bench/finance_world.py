"""The synthetic region of `make bench-finance` (bench/finance.py): 50 committees, 1,000 units
with a budget each, 3 scenarios with 4-year horizons and internal rates of their own, a frame
version per scenario, and 2,000 investment projects per scale with cash flows over 10 years and
1–4 components, made with bulk_create in a bench database (never var/arshjul.sqlite3)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

SEED = 20261125
BUDGET_YEAR = 2027
N_COMMITTEES = 50
N_UNITS = 1000
N_PROJECTS = 2000  # at 1×
MNKR = Decimal(1_000_000)
SCENARIOS = (  # name, index shift, internal rate shift, tax growth
    ("Bas", Decimal("0"), Decimal("0"), Decimal("0.032")),
    ("Låg", Decimal("-0.005"), Decimal("0.005"), Decimal("0.020")),
    ("Hög", Decimal("0.005"), Decimal("-0.005"), Decimal("0.045")),
)
SPLITS = {  # components: shares that add up to 1
    1: ("1",),
    2: ("0.6", "0.4"),
    3: ("0.5", "0.3", "0.2"),
    4: ("0.4", "0.3", "0.2", "0.1"),
}
LIVES = (3, 5, 7, 10, 15, 20, 33, 50)


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    """An amount in kronor with öre, between low and high mnkr."""
    return Decimal(rng.randint(int(low * 100_000_000), int(high * 100_000_000))) / 100


# --- the synthetic region ---------------------------------------------------------------------


def build(scale: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from arshjul.finance.models import (
        BaseFrame,
        CashFlow,
        ChangeItem,
        Component,
        FrameVersion,
        InternalRate,
        InvestmentPlan,
        InvestmentProject,
        Scenario,
        ScenarioYear,
        UnitBudget,
    )
    from arshjul.organisation.models import Body, Organisation, Unit
    from arshjul.process.models import Cycle, ProcessTemplate

    rng = random.Random(SEED)
    years = list(range(BUDGET_YEAR, BUDGET_YEAR + 4))
    with transaction.atomic():
        org = Organisation.objects.create(name=f"Region Bench ekonomi ×{scale}", slug="bench")
        get_user_model().objects.create_superuser(username="bench-ekonomi", email="")
        template = ProcessTemplate.objects.create(
            organisation=org,
            name="Budgetprocess",
            span_start_rule="date Y-2 01-01",
            span_end_rule="date Y-1 12-31",
        )
        cycle = Cycle.objects.create(
            organisation=org,
            template=template,
            budget_year=BUDGET_YEAR,
            slug=f"bench-{BUDGET_YEAR}",
            start=dt.date(BUDGET_YEAR - 2, 1, 1),
            end=dt.date(BUDGET_YEAR - 1, 12, 31),
        )
        bodies = Body.objects.bulk_create(
            Body(
                organisation=org,
                name=f"Nämnd {i:02d}",
                short_name=f"N{i:02d}",
                slug=f"n{i:02d}",
                kind="committee",
            )
            for i in range(1, N_COMMITTEES + 1)
        )
        units = Unit.objects.bulk_create(
            Unit(
                organisation=org,
                name=f"Enhet {i:04d}",
                kind="operation",
                cost_centre=f"{10000 + i}",
                body=bodies[i % N_COMMITTEES],
            )
            for i in range(N_UNITS)
        )
        base = {b.pk: _money(rng, 40, 700) for b in bodies}
        kk_typed = _money(rng, 250, 350)
        for order, (name, index_shift, rate_shift, growth) in enumerate(SCENARIOS):
            scenario = Scenario.objects.create(
                cycle=cycle,
                name=name,
                plan_years=3,
                base_frames=sum(base.values(), Decimal(0)) - kk_typed,
                order=order,
            )
            ScenarioYear.objects.bulk_create(
                ScenarioYear(
                    scenario=scenario,
                    year=year,
                    source="SKR cirkulär (bench)",
                    tax_rate=Decimal("11.57"),
                    tax_base_growth=growth,
                    tax_revenue=(Decimal("14200") * MNKR if n == 0 else None),
                    grants=(Decimal("6100") + 150 * n) * MNKR,
                    financial_net=Decimal("-80") * MNKR,
                    index=Decimal("0.028") + index_shift,
                    internal_rate=Decimal("0.025") + rate_shift + Decimal("0.0025") * n,
                    goal=Decimal("0.02"),
                    central_items=(Decimal("1500") + 40 * n) * MNKR,
                    capital_costs=kk_typed + 10 * n * MNKR,
                )
                for n, year in enumerate(years)
            )
            version = FrameVersion.objects.create(scenario=scenario, name="Förslag (bench)")
            BaseFrame.objects.bulk_create(
                BaseFrame(frame_version=version, body=b, amount=base[b.pk]) for b in bodies
            )
            items = []
            for b in bodies:
                for year in years:
                    items += [
                        ChangeItem(
                            frame_version=version,
                            body=b,
                            year=year,
                            kind="priority",
                            amount=_money(rng, 0.5, 8),
                            text="Satsning",
                        ),
                        ChangeItem(
                            frame_version=version,
                            body=b,
                            year=year,
                            kind="saving",
                            amount=_money(rng, 0.5, 6),
                            text="Effektivisering",
                        ),
                        ChangeItem(
                            frame_version=version,
                            body=b,
                            year=year,
                            kind="adjustment",
                            amount=_money(rng, -2, 2),
                            text="Teknisk justering",
                            one_off=rng.random() < 0.3,
                        ),
                    ]
            ChangeItem.objects.bulk_create(items)
            if order == 0:
                per_body = {b.pk: [u for u in units if u.body_id == b.pk] for b in bodies}
                budgets = []
                for b in bodies:
                    mine = per_body[b.pk]
                    share = (base[b.pk] / len(mine)).quantize(Decimal("0.01"))
                    for i, unit in enumerate(mine):
                        last = i == len(mine) - 1
                        amount = base[b.pk] - share * (len(mine) - 1) if last else share
                        budgets.append(
                            UnitBudget(
                                frame_version=version, unit=unit, year=BUDGET_YEAR, amount=amount
                            )
                        )
                UnitBudget.objects.bulk_create(budgets)
        plan = InvestmentPlan.objects.create(organisation=org, first_year=BUDGET_YEAR)
        InternalRate.objects.bulk_create(
            InternalRate(organisation=org, year=year, rate=Decimal("0.025")) for year in plan.years
        )
        projects = InvestmentProject.objects.bulk_create(
            InvestmentProject(
                plan=plan,
                code=f"P{i:05d}",
                name=f"Investering {i}",
                category=rng.choice(["buildings", "medical_equipment", "it", "other"]),
                owner_body=rng.choice(bodies),
                # counted in the frames (capital_costs.COUNTED_STATUSES), so every one is computed
                status=rng.choice(["decided", "ongoing", "finished"]),
                activation=(
                    None
                    if rng.random() < 0.1
                    else dt.date(
                        rng.randint(BUDGET_YEAR - 6, BUDGET_YEAR + 3), rng.randint(1, 12), 1
                    )
                ),
                recurring=rng.random() < 0.05,
            )
            for i in range(N_PROJECTS * scale)
        )
        flows, components = [], []
        for project in projects:
            for year in plan.years:
                flows.append(CashFlow(project=project, year=year, amount=_money(rng, 0, 0.6)))
            n = rng.randint(1, 4)
            for order, share in enumerate(SPLITS[n], start=1):
                components.append(
                    Component(
                        project=project,
                        order=order,
                        name=f"Komponent {order}",
                        share=Decimal(share),
                        life_years=rng.choice(LIVES),
                    )
                )
        CashFlow.objects.bulk_create(flows, batch_size=2000)
        Component.objects.bulk_create(components, batch_size=2000)
    return {
        "committees": len(bodies),
        "units": len(units),
        "unit_budgets": UnitBudget.objects.count(),
        "scenarios": Scenario.objects.count(),
        "years": years,
        "change_items": ChangeItem.objects.count(),
        "projects": len(projects),
        "cash_flows": len(flows),
        "components": len(components),
    }
