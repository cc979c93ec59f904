"""The investment plan's capital costs flow into the committees' frames and into Σ KK of the
financial space (FINANCE.md 3.4, 4.1, 5.5), with each scenario's internal rates and the
organisation's conventions; the demo still reproduces 3.5, 4.1 and 7.2 exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from arshjul.demo.finance import V2, load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.finance import capital, capital_costs
from arshjul.finance.models import (
    ExistingCapitalCost,
    FinanceSettings,
    FrameVersion,
    InvestmentProject,
    Scenario,
    ScenarioYear,
)
from arshjul.finance.selectors import space_of
from arshjul.finance.selectors_frames import frames_of, scenario_for_frames

M = Decimal(1_000_000)
EN = {"django_language": "en"}


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_investments(world.org)
    load_frames(world.org)
    return Scenario.objects.get(cycle=world.cycle, name="Bas")


def _v2_frames(scenario):
    fresh = scenario_for_frames(scenario.pk)
    return frames_of(FrameVersion.objects.get(scenario=scenario, name=V2), fresh)


def test_the_plan_is_part_of_the_frames_and_the_demo_stays_exact(world, demo):
    data = _v2_frames(demo)
    hsn = world.committee_a.pk
    assert data.frames[hsn, 2023].value == Decimal("4063030500")  # FINANCE.md 4.1
    part = data.kk.parts[hsn, 2023]
    # The CT scanner of 4.1 (14 mnkr from 1 July 2023, eight years, 1,25 %) is in the plan's part.
    ct = capital.project_capital(
        capital.ProjectInput(
            "P03",
            "HSN",
            {2023: 14 * M},
            dt.date(2023, 7, 1),
            (capital.ComponentInput("DT", Decimal(1), 8),),
        ),
        years=[2023],
        rates={2023: Decimal("0.0125")},
    )
    assert ct.years[2023].capital_cost == Decimal("962500")
    assert part.plan > ct.years[2023].capital_cost  # with the envelopes P05 and P06
    assert part.existing + part.plan == Decimal("68.8625") * M
    assert data.balance[0].result == Decimal("68.0") * M


def test_sigma_kk_of_the_space_is_the_committees_in_both_scenarios(world, demo):
    low = Scenario.objects.get(cycle=world.cycle, name="Låg")
    for scenario, u2023 in ((demo, "-7.496"), (low, "-63.247")):  # FINANCE.md 3.5
        space = space_of(scenario_for_frames(scenario.pk)).space
        kk = [f.value for f in space.row("KK")]
        assert kk == [Decimal(v) * M for v in ("165.0", "168.0", "172.0", "183.0")]
        cen = [f.value for f in space.row("CEN")]
        assert cen == [Decimal(v) * M for v in ("102.0", "120.0", "135.0", "140.0")]
        assert [f.value for f in space.row("U")][1] == Decimal(u2023) * M
    with translation.override("en"):
        figure = space_of(scenario_for_frames(demo.pk)).space.figures[2023]["KK"]
        shown = figure.explanation("en")
    assert shown == "Σ KK(2023) = 148.5 (existing assets) + 19.5 (investment plan) = 168.0"
    with translation.override("en"):
        cen = space_of(scenario_for_frames(demo.pk)).space.figures[2023]["CEN"]
        assert "internal interest on the investment plan's projects" in cen.explanation("en")


def test_a_higher_internal_rate_moves_frames_not_the_regions_result(world, demo):
    """FINANCE.md 5.5: the frames carry the internal interest, the treasury receives it among
    the central items, so the region's result and financial space do not move."""
    before = _v2_frames(demo)
    space_before = space_of(scenario_for_frames(demo.pk)).space
    row = ScenarioYear.objects.get(scenario=demo, year=2024)
    row.internal_rate = Decimal("0.035")  # 2,5 % → 3,5 %
    row.save()
    after = _v2_frames(demo)
    hsn = world.committee_a.pk
    extra = after.kk.parts[hsn, 2024].interest - before.kk.parts[hsn, 2024].interest
    assert extra > 0
    # Interest is on the opening book value: one more percent is 1/2.5 of the 2,5 % interest.
    assert abs(extra - before.kk.parts[hsn, 2024].interest * Decimal("0.4")) < Decimal("0.02")
    assert after.frames[hsn, 2024].value - before.frames[hsn, 2024].value == extra
    assert after.kk.parts[hsn, 2024].existing == before.kk.parts[hsn, 2024].existing
    total = after.kk.year(2024).interest - before.kk.year(2024).interest
    assert after.balance[2].frames - before.balance[2].frames == total
    assert before.balance[2].central - after.balance[2].central == total
    assert after.balance[2].result == before.balance[2].result
    space = space_of(scenario_for_frames(demo.pk)).space
    assert space.figures[2024]["KK"].value == Decimal("172.0") * M + total
    assert space.figures[2024]["CEN"].value == Decimal("135.0") * M - total
    assert space.figures[2024]["U"].value == space_before.figures[2024]["U"].value


def test_an_idea_counts_only_once_it_is_decided(world, demo):
    run = world.committee_b.pk
    before = _v2_frames(demo).frames[run, 2025].value
    InvestmentProject.objects.filter(code="P11").update(status="decided")  # 12 mnkr, 2025-01
    after = _v2_frames(demo).frames[run, 2025].value
    # 6 mnkr over 40 years + 6 mnkr over 20 years, a full year, plus 2,5 % on 12 mnkr.
    assert after - before == Decimal("150000") + Decimal("300000") + Decimal("300000")


def test_the_activation_convention_is_the_organisations(world, demo):
    hsn = world.committee_a.pk
    before = capital_costs.for_scenario(scenario_for_frames(demo.pk)).parts[hsn, 2023]
    FinanceSettings.objects.create(organisation=world.org, activation_convention="month_after")
    months = capital_costs.compute(
        years=[2023],
        existing={},
        projects=[p for p in capital_costs.plan_projects(world.org.pk) if p.input.code == "P03"],
        rates={2023: Decimal("0.0125")},
        convention=capital.Convention.MONTH_AFTER,
    )
    # five months from 1 July: 14 / 8 × 5/12 and 14 × 1,25 % × 5/12, to the öre
    assert months[hsn, 2023].depreciation == Decimal("729166.67")
    assert months[hsn, 2023].interest == Decimal("72916.67")
    after = _v2_frames(demo).kk.parts[hsn, 2023]  # the frames read the organisation's setting
    assert after.existing == before.existing and after.plan < before.plan


def test_new_investments_only_keeps_existing_assets_at_the_first_year(world, demo):
    FinanceSettings.objects.create(organisation=world.org, compensation="new_only")
    data = _v2_frames(demo)
    rs = world.rs.pk
    first = ExistingCapitalCost.objects.get(organisation=world.org, body_id=rs, year=2022).amount
    assert ExistingCapitalCost.objects.get(body_id=rs, year=2025).amount != first
    assert all(data.kk.parts[rs, y].existing == first for y in (2023, 2024, 2025))


def test_the_frames_page_explains_the_two_parts(client_for, demo):
    client = client_for("finance_officer")
    client.cookies.load(EN)
    html = client.get(f"/finance/cycles/test-2022/scenarios/{demo.pk}/frames/").content.decode()
    assert "of which existing assets" in html and "the investment plan" in html


def test_the_assumptions_form_does_not_take_a_computed_sigma_kk(world, client_for, demo):
    from arshjul.finance.tests.test_scenarios import form_data

    client = client_for("finance_officer")
    url = f"/finance/cycles/test-2022/scenarios/{demo.pk}/"
    page = client.get(url).content.decode()
    assert "beräknas från nämndernas befintliga tillgångar" in page.lower()
    assert "168,0" in page and 'name="y2023_capital_costs"' not in page  # shown, not an input
    typed = ScenarioYear.objects.get(scenario=demo, year=2023).capital_costs
    response = client.post(url, form_data(demo, y2023_capital_costs="999", y2023_source="Ny"))
    assert response.status_code == 302
    row = ScenarioYear.objects.get(scenario=demo, year=2023)
    assert (row.capital_costs, row.source) == (typed, "Ny")


def test_the_balance_check_shows_the_self_financing_ratio_against_the_goal(world, client_for, demo):
    data = _v2_frames(demo)
    b2023 = data.balance[1]
    kk = data.kk.year(2023)
    assert data.kk.investments[2023] == Decimal("142.6") * M  # FINANCE.md 7.3
    ratio = data.kk.self_financing(2023, b2023.result)
    assert ratio == (b2023.result + kk.existing + kk.depreciation) / (Decimal("142.6") * M)
    FinanceSettings.objects.create(organisation=world.org, self_financing_goal=Decimal("5"))
    client = client_for("finance_officer")
    client.cookies.load(EN)
    html = client.get(f"/finance/cycles/test-2022/scenarios/{demo.pk}/frames/").content.decode()
    assert "Self-financing ratio below the goal." in html
    shown = f"{ratio * 100:.1f}\u00a0%"  # one decimal, as every figure
    assert shown in html
