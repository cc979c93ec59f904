"""Demo money for the 2022 cycle (FINANCE.md section 7): the base and low scenarios of section
7.1, which reproduce the financial space of section 3.5. Idempotent: a scenario that exists is
left as it is."""

from __future__ import annotations

from decimal import Decimal

from arshjul.finance.models import Scenario, ScenarioYear
from arshjul.organisation.models import Organisation
from arshjul.process.models import Cycle

MILLION = Decimal(1_000_000)
YEARS = (2022, 2023, 2024, 2025)
BASE_FRAMES = Decimal("4735.0")  # adopted frames 4 900,0 − capital costs 165,0 (mnkr)


def _m(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text) * MILLION


def _p(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text) / 100


COMMON = {
    "population": (131_400, 131_800, 132_200, 132_500),
    "tax_rate": ("11.70",) * 4,
    "grants": ("1820.0", "1835.0", "1845.0", "1860.0"),
    "financial_net": ("10.0", "5.0", "0.0", "-5.0"),
    "internal_rate": ("1.0", "1.25", "2.5", "2.5"),
    "po_surcharge": ("46.27", "52.28", "52.28", "52.28"),
    "goal": ("1.0", "1.0", "1.5", "2.0"),
    "central_items": ("102.0", "120.0", "135.0", "140.0"),
    "capital_costs": ("165.0", "168.0", "172.0", "183.0"),
}
SCENARIOS = (
    ("Bas", "SKR forecast 2021-12-16", (None, "4.0", "3.4", "3.5"), (None, "3.0", "3.3", "2.9")),
    (
        "Låg",
        "low: −1 pp tax base, +0.5 pp index",
        (None, "3.0", "2.4", "2.5"),
        (None, "3.5", "3.8", "3.4"),
    ),
)


def load_space(org: Organisation) -> int:
    """Create the 2022 cycle's scenarios that are missing; returns how many were created."""
    cycle = Cycle.objects.filter(organisation=org, budget_year=2022).first()
    if cycle is None:
        return 0
    made = 0
    for order, (name, source, growth, index) in enumerate(SCENARIOS):
        if Scenario.objects.filter(cycle=cycle, name=name).exists():
            continue
        scenario = Scenario.objects.create(
            cycle=cycle, name=name, plan_years=3, base_frames=_m(str(BASE_FRAMES)), order=order
        )
        ScenarioYear.objects.bulk_create(
            ScenarioYear(
                scenario=scenario,
                year=year,
                source=source if n == 0 else "",
                population=COMMON["population"][n],
                tax_rate=Decimal(COMMON["tax_rate"][n]),
                tax_base_growth=_p(growth[n]),
                tax_revenue=_m("3240.0") if n == 0 else None,
                grants=_m(COMMON["grants"][n]),
                financial_net=_m(COMMON["financial_net"][n]),
                index=_p(index[n]),
                internal_rate=_p(COMMON["internal_rate"][n]),
                po_surcharge=_p(COMMON["po_surcharge"][n]),
                goal=_p(COMMON["goal"][n]),
                central_items=_m(COMMON["central_items"][n]),
                capital_costs=_m(COMMON["capital_costs"][n]),
            )
            for n, year in enumerate(YEARS)
        )
        made += 1
    return made


# FINANCE.md 7.2: the 2022 frames per committee (mnkr) in the council's version and the February
# revision, and each committee's capital costs per year (2022 as in 7.2; HSN 2023 from 4.1;
# the rest [E], chosen so that Σ KK matches the scenario's 168,0 / 172,0 / 183,0). The
# investment plan's decided projects compute part of them; the rest is existing assets.
FRAMES_2022 = (
    # slug, short name, name, kind, frame v1, capital costs 2022–2025
    ("rf", "RF", "Regionfullmäktige", "council", "14.0", ("0", "0", "0", "0")),
    ("rev", "Rev", "Revisionen", "other", "8.0", ("0", "0", "0", "0")),
    ("rs", "RS", "Regionstyrelsen", "board", "560.0", ("85.0", "89.1375", "93.1375", "104.1375")),
    (
        "hsn",
        "HSN",
        "Hälso- och sjukvårdsnämnden",
        "committee",
        "3950.0",
        ("70.0", "68.8625", "68.8625", "68.8625"),
    ),
    ("run", "RUN", "Regionala utvecklingsnämnden", "committee", "344.0", ("10.0",) * 4),
    ("pn", "PN", "Patientnämnden", "committee", "6.0", ("0", "0", "0", "0")),
)
REVISION = (
    ("rs", 2022, "priority", "8.4", "Revidering februari 2022: förstärkning regionstyrelsen"),
    ("hsn", 2022, "priority", "5.6", "80-90-100-modellen, barn och ungas psykiska hälsa"),
    ("run", 2022, "priority", "4.0", "Revidering februari 2022: regional utveckling"),
    ("hsn", 2023, "priority", "8.0", "Nära vård – mobila team i glesbygd"),
    ("hsn", 2023, "saving", "16.0", "Minskad inhyrd personal"),
)
V1 = "Regionplan 2022–2024, fullmäktige 2021-10-20"
V2 = "Revidering februari 2022"


def _central_items_before_interest(org: Organisation, org_rates: dict) -> None:
    """FINANCE.md 7.1's central items are after the internal interest the treasury receives
    (5.5); typed, they are before the interest on the plan's projects, which the space then
    deducts as computed with each scenario's rates. So add it back once, when the plan's capital
    costs first come into the frames."""
    from arshjul.finance import capital_costs

    projects = capital_costs.plan_projects(org.pk)
    for scenario in Scenario.objects.filter(cycle__organisation=org, cycle__budget_year=2022):
        scenario = (
            Scenario.objects.prefetch_related("rows").select_related("cycle").get(pk=scenario.pk)
        )
        parts = capital_costs.compute(
            years=scenario.years,
            existing={},
            projects=projects,
            rates=capital_costs.rates_of(scenario, org_rates),
        )
        for row in scenario.rows.all():
            interest = sum(
                (p.interest for (_body, year), p in parts.items() if year == row.year), Decimal(0)
            )
            if row.central_items is not None and interest:
                row.central_items += interest
                row.save(update_fields=["central_items"])


def load_existing_assets(org: Organisation, scenario: Scenario, bodies: dict) -> int:
    """The capital costs of existing assets per committee and year: the totals above less what
    the demo investment plan's counted projects compute with the scenario's rates, so that the
    frames and Σ KK reproduce FINANCE.md 3.5, 4.1 and 7.2 exactly. Skips rows that exist."""
    from arshjul.finance import capital_costs
    from arshjul.finance.models import ExistingCapitalCost, InternalRate

    org_rates = dict(InternalRate.objects.filter(organisation=org).values_list("year", "rate"))
    planned = capital_costs.compute(
        years=list(YEARS),
        existing={},
        projects=capital_costs.plan_projects(org.pk),
        rates=capital_costs.rates_of(scenario, org_rates),
    )
    made = 0
    if not ExistingCapitalCost.objects.filter(organisation=org).exists():
        _central_items_before_interest(org, org_rates)
    for slug, *_rest, kk in FRAMES_2022:
        body = bodies[slug]
        for year, amount in zip(YEARS, kk, strict=True):
            plan = planned.get((body.pk, year))
            existing = _m(amount) - (plan.plan if plan else 0)
            if existing < 0:
                raise ValueError(f"the demo plan exceeds {slug}'s capital costs in {year}")
            _row, created = ExistingCapitalCost.objects.get_or_create(
                organisation=org, body=body, year=year, defaults={"amount": existing}
            )
            made += created
    return made


OCTOBER_2021 = Decimal("-18.0")  # S + B 2022 before SKR's December forecast (FINANCE.md 6, 7.2)


def _adopt_on_the_october_forecast(version, scenario: Scenario) -> None:
    """Adopt the council's version with its figures as the council saw them on 20 October
    2021: the scenario holds December's forecast, 18,0 mnkr more S + B in 2022, which the
    February revision spent; as adopted, the budgeted result was 68,0 (FINANCE.md 7.2)."""
    import datetime as dt

    from arshjul.finance.selectors_frames import frames_of, scenario_for_frames, snapshot_of

    snapshot = snapshot_of(frames_of(version, scenario_for_frames(scenario.pk)))
    for year in snapshot["balance"]:
        if year["year"] == 2022:
            year["revenue"] = str(Decimal(year["revenue"]) + _m(str(OCTOBER_2021)))
    version.snapshot = snapshot
    version.status = "adopted"
    version.adopted_on = dt.date(2021, 10, 20)
    version.save(update_fields=["snapshot", "status", "adopted_on"])


def load_frames(org: Organisation) -> int:
    """The 2022 cycle's "Bas" scenario's two frame versions (7.2): the council's of 20 October
    2021, adopted, and the February revision, prepared, copied from it. Returns how many
    versions were created; a version that exists is left as it is."""

    from arshjul.finance.models import BaseFrame, ChangeItem, FrameVersion
    from arshjul.organisation.models import Body

    scenario = Scenario.objects.filter(
        cycle__organisation=org, cycle__budget_year=2022, name="Bas"
    ).first()
    if scenario is None:
        return 0
    bodies = {}
    for slug, short, name, kind, _frame, _kk in FRAMES_2022:
        bodies[slug], _ = Body.objects.get_or_create(
            organisation=org, slug=slug, defaults={"short_name": short, "name": name, "kind": kind}
        )
    load_existing_assets(org, scenario, bodies)
    made = 0
    v1 = FrameVersion.objects.filter(scenario=scenario, name=V1).first()
    if v1 is None:
        from arshjul.process.models import Step

        step = Step.objects.filter(cycle=scenario.cycle, title="Regionplan med budget").first()
        v1 = FrameVersion.objects.create(scenario=scenario, name=V1, step=step)
        BaseFrame.objects.bulk_create(
            BaseFrame(frame_version=v1, body=bodies[slug], amount=_m(frame))
            for slug, _s, _n, _k, frame, _kk in FRAMES_2022
        )
        _adopt_on_the_october_forecast(v1, scenario)
        made += 1
    if not FrameVersion.objects.filter(scenario=scenario, name=V2).exists():
        # Prepared: the committees read it and propose changes on it (finance.permissions_frames).
        v2 = FrameVersion.objects.create(
            scenario=scenario, name=V2, copied_from=v1, status="prepared"
        )
        BaseFrame.objects.bulk_create(
            BaseFrame(frame_version=v2, body_id=b.body_id, amount=b.amount)
            for b in v1.base_frames.all()
        )
        ChangeItem.objects.bulk_create(
            ChangeItem(
                frame_version=v2,
                body=bodies[slug],
                year=year,
                kind=kind,
                amount=_m(amount),
                text=text,
                decision="Regionfullmäktige februari 2022" if year == 2022 else "",
            )
            for slug, year, kind, amount, text in REVISION
        )
        made += 1
    return made


PARTY_ITEMS = (
    ("hsn", 2023, "priority", "20.0", "Fler vårdplatser på länssjukhuset"),
    ("rs", 2023, "saving", "12.0", "Minskad central administration"),
    ("run", 2023, "priority", "3.0", "Kollektivtrafik på landsbygden"),
)


def load_party(org: Organisation) -> int:
    """An opposition party's proposal for 2023 on the council's 2022 version (invented items),
    as a draft. Returns 1 when created, 0 when it exists or its pieces are missing."""
    from arshjul.finance.models import ChangeItem, FrameVersion, PartyProposal
    from arshjul.organisation.models import Body, Party, Term

    base = FrameVersion.objects.filter(scenario__cycle__organisation=org, name=V1).first()
    term = Term.objects.filter(organisation=org).order_by("-start").first()
    if base is None or term is None:
        return 0
    party = (
        Party.objects.filter(organisation=org)
        .exclude(pk__in=term.majority_parties.values("pk"))
        .order_by("name")
        .first()
    )
    if party is None or PartyProposal.objects.filter(party=party, base=base).exists():
        return 0
    version = FrameVersion.objects.create(
        scenario=base.scenario, name=f"{party.name}: yrkande 2023"
    )
    PartyProposal.objects.create(frame_version=version, party=party, base=base)
    bodies = {b.slug: b for b in Body.objects.filter(organisation=org)}
    ChangeItem.objects.bulk_create(
        ChangeItem(
            frame_version=version,
            body=bodies[slug],
            year=year,
            kind=kind,
            amount=_m(amount),
            text=text,
        )
        for slug, year, kind, amount, text in PARTY_ITEMS
    )
    return 1


DEFICIT_2019 = (
    "118.0",
    "Årsredovisning 2021, balanskravsutredningen: kvar att återställa från 2019",
)


def load_restoration(org: Organisation) -> int:
    """The deficit from 2019 left to restore after 2021 (FINANCE.md 4.2 and 6: 118 mnkr).
    Returns 1 when created, 0 when a 2019 deficit is already recorded."""
    from arshjul.finance.models import EarlierDeficit

    amount, source = DEFICIT_2019
    _deficit, created = EarlierDeficit.objects.get_or_create(
        organisation=org, origin_year=2019, defaults={"amount": _m(amount), "source": source}
    )
    return int(created)


PROPOSAL = (
    "hsn",
    2024,
    "priority",
    "3.5",
    "Utökad barn- och ungdomspsykiatri i glesbygd",
    "Köerna till BUP i inlandet är längst i länet; två team med mottagning på hälsocentralerna.",
)


def load_proposals(org: Organisation) -> int:
    """One open proposal of HSN's on the February revision (invented), for the finance office to
    take in or decline. Returns 1 when created, 0 when it exists or its pieces are missing."""
    from arshjul.finance.models import ChangeProposal, FrameVersion
    from arshjul.organisation.models import Body

    version = FrameVersion.objects.filter(
        scenario__cycle__organisation=org, name=V2, status="prepared"
    ).first()
    body = Body.objects.filter(organisation=org, slug=PROPOSAL[0]).first()
    if version is None or body is None:
        return 0
    _slug, year, kind, amount, text, justification = PROPOSAL
    _proposal, created = ChangeProposal.objects.get_or_create(
        frame_version=version,
        body=body,
        text=text,
        defaults={
            "year": year,
            "kind": kind,
            "amount": _m(amount),
            "justification": justification,
        },
    )
    return int(created)
