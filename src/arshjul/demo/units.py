"""FINANCE.md 7.4: HSN's unit budgets for 2023 under the February 2022 revision, summing to the
frame 4 063 030,5 tkr; drafts without a union consultation yet."""

from __future__ import annotations

from decimal import Decimal

from arshjul.organisation.models import Organisation

# cost centre, unit (område), tkr
HSN_UNITS_2023 = (
    ("4100", "Nämnd, ledning och reserv", "61030.5"),
    ("4110", "Primärvård", "820000"),
    ("4120", "Medicin", "610000"),
    ("4130", "Kirurgi", "420000"),
    ("4140", "Ortopedi", "260000"),
    ("4150", "Kvinna", "190000"),
    ("4160", "Barn och ungdom", "160000"),
    ("4170", "Psykiatri", "380000"),
    ("4180", "Prehospital vård", "210000"),
    ("4190", "Läkemedelsförmån", "470000"),
    ("4195", "Köpt riks- och regionvård", "482000"),
)


def load_unit_budgets(org: Organisation) -> int:
    """HSN's units (created when missing) and their 2023 budgets in the February revision.
    Returns how many budgets were created."""
    from arshjul.finance.models import FrameVersion, UnitBudget
    from arshjul.organisation.models import Body, Unit

    from .finance import V2

    version = FrameVersion.objects.filter(
        scenario__cycle__organisation=org, scenario__cycle__budget_year=2022, name=V2
    ).first()
    body = Body.objects.filter(organisation=org, slug="hsn").first()
    if version is None or body is None:
        return 0
    made = 0
    for cc, name, tkr in HSN_UNITS_2023:
        unit = Unit.objects.filter(organisation=org, name=name, body=body).first()
        if unit is None:
            unit = Unit.objects.create(
                organisation=org,
                name=name,
                kind="operation",
                body=body,
                cost_centre=""
                if Unit.objects.filter(organisation=org, cost_centre=cc).exists()
                else cc,
            )
        _budget, created = UnitBudget.objects.get_or_create(
            frame_version=version,
            unit=unit,
            year=2023,
            defaults={"amount": Decimal(tkr) * 1000},
        )
        made += created
    return made
