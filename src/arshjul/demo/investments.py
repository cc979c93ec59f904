"""Demo investment plan: FINANCE.md section 7.3's twelve projects of Region JH (2022–2031),
the ceilings, and SKR's internal rates (5.3). KTN does not exist in the demo, so P10 stays with
RUN. Idempotent: an organisation that already has its plan is left alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from arshjul.finance.capital import ComponentInput, ProjectInput
from arshjul.finance.models import (
    CashFlow,
    Component,
    InternalRate,
    InvestmentCeiling,
    InvestmentPlan,
    InvestmentProject,
)
from arshjul.organisation.models import Body, Organisation

FIRST_YEAR = 2022
MN = Decimal(1_000_000)
ALL_YEARS = range(2022, 2032)

# code, name, category, owner, status, cash flow (year → mnkr), activation (year, month),
# yearly envelope, components (name, share %, life)
PROJECTS = [
    ("P01", "Akutmottagning Östersunds sjukhus, om- och tillbyggnad", "buildings", "rs",
     "decided", {2023: "20", 2024: "40"}, (2025, 1), False,
     [("Stomme", 50, 50), ("Installationer", 30, 25), ("Ytskikt och inredning", 20, 15)]),
    ("P02", "Östersunds sjukhus, utveckling etapp 1, vårdbyggnad", "buildings", "rs",
     "pre_study", {2026: "30", 2027: "120", 2028: "150", 2029: "150", 2030: "50"}, (2031, 1),
     False,
     [("Stomme", 40, 60), ("Tak och fasad", 15, 40), ("Installationer", 30, 25),
      ("Ytskikt och inredning", 15, 15)]),
    ("P03", "Datortomograf (DT), Östersund", "medical_equipment", "hsn", "decided",
     {2023: "14"}, (2023, 7), False, [("Datortomograf", 100, 8)]),
    ("P04", "MR-kamera, ersättning", "medical_equipment", "hsn", "idea", {2026: "28"},
     (2026, 10), False, [("MR-kamera", 100, 10)]),
    ("P05", "Medicinteknisk utrustning, årlig ram", "medical_equipment", "hsn", "decided",
     dict.fromkeys(ALL_YEARS, "40"), (2022, 7), True, [("Utrustning", 100, 7)]),
    ("P06", "Ambulanser, ersättningsanskaffning", "other", "hsn", "decided",
     dict.fromkeys(ALL_YEARS, "6.6"), (2022, 3), True, [("Ambulanser", 100, 6)]),
    ("P07", "Vårdinformationssystem, införande", "it", "rs", "pre_study",
     {2025: "30", 2026: "40", 2027: "30"}, (2028, 1), False, [("System", 100, 8)]),
    ("P08", "IT-infrastruktur och klientdatorer, årlig ram", "it", "rs", "decided",
     dict.fromkeys(ALL_YEARS, "12"), (2022, 1), True, [("Klienter och nät", 100, 4)]),
    ("P09", "Energieffektivisering ventilation, hälsocentraler", "buildings", "rs", "ongoing",
     dict.fromkeys(range(2022, 2027), "15"), (2022, 12), True, [("Ventilation", 100, 25)]),
    ("P10", "Bussdepå och laddinfrastruktur", "other", "run", "decided",
     {2023: "10", 2024: "25"}, (2025, 1), False,
     [("Depåbyggnad", 60, 33), ("Laddinfrastruktur", 40, 15)]),
    ("P11", "Folkhögskola, renovering internat", "buildings", "run", "idea", {2024: "12"},
     (2025, 1), False, [("Stomme", 50, 40), ("Installationer och ytskikt", 50, 20)]),
    ("P12", "Hälsocentral, ombyggnad", "buildings", "rs", "ongoing",
     {2022: "25", 2023: "25"}, (2024, 1), False,
     [("Stomme", 50, 50), ("Installationer", 30, 25), ("Ytskikt och inredning", 20, 15)]),
]  # fmt: skip

# 150 / 150 / 175 / 175 mnkr for the plan 2023–2026 (so 2024's 150.6 breaches by 0.6).
CEILINGS = {2023: 150 * MN, 2024: 150 * MN, 2025: 175 * MN, 2026: 175 * MN}

# SKR's proposals (5.3); 2026 onwards is not published: assumed 2.5 %.
RATES = {
    2016: "2.4", 2017: "1.75", 2018: "1.75", 2019: "1.5", 2020: "1.5", 2021: "1.25",
    2022: "1.0", 2023: "1.25", 2024: "2.5", 2025: "2.5",
    **dict.fromkeys(range(2026, 2042), "2.5"),
}  # fmt: skip


def _percent(value) -> Decimal:
    return Decimal(str(value)) / 100


def as_inputs(projects=PROJECTS) -> list[ProjectInput]:
    """The demo projects as calculation inputs (owner by short name), for tests."""
    return [
        ProjectInput(
            code=code,
            owner=owner.upper(),
            cash_flows={y: Decimal(v) * MN for y, v in flows.items()},
            activation=dt.date(act[0], act[1], 1),
            components=tuple(ComponentInput(n, _percent(s), life) for n, s, life in comps),
            recurring=recurring,
        )
        for code, _name, _cat, owner, _status, flows, act, recurring, comps in projects
    ]


def load_investments(org: Organisation) -> int:
    """The demo plan for this organisation; returns the number of projects made."""
    if InvestmentPlan.objects.filter(organisation=org).exists():
        return 0
    plan = InvestmentPlan.objects.create(organisation=org, first_year=FIRST_YEAR)
    bodies = {b.slug: b for b in Body.objects.filter(organisation=org)}
    for year, amount in CEILINGS.items():
        InvestmentCeiling.objects.create(plan=plan, year=year, amount=amount)
    for year, rate in RATES.items():
        InternalRate.objects.get_or_create(
            organisation=org, year=year, defaults={"rate": _percent(rate)}
        )
    for code, name, category, owner, status, flows, act, recurring, comps in PROJECTS:
        project = InvestmentProject.objects.create(
            plan=plan,
            code=code,
            name=name,
            category=category,
            owner_body=bodies[owner],
            status=status,
            activation=dt.date(act[0], act[1], 1),
            recurring=recurring,
        )
        CashFlow.objects.bulk_create(
            CashFlow(project=project, year=y, amount=Decimal(v) * MN) for y, v in flows.items()
        )
        Component.objects.bulk_create(
            Component(project=project, order=i, name=n, share=_percent(s), life_years=life)
            for i, (n, s, life) in enumerate(comps, start=1)
        )
    return len(PROJECTS)
