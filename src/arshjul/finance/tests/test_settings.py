"""The finance settings page and a scenario's capital costs page: who reads and changes what,
bad input refused with nothing saved, the audit trail, a lost update refused, and bounded
query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.core.models import AuditEntry
from arshjul.demo.finance import load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.finance.models import ExistingCapitalCost, FinanceSettings, Scenario
from arshjul.organisation.tests.factories import BodyFactory

M = Decimal(1_000_000)
EN = {"django_language": "en"}
SETTINGS = "/finance/settings/"


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_investments(world.org)
    load_frames(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    return {
        "scenario": scenario,
        "url": f"/finance/cycles/test-2022/scenarios/{scenario.pk}/capital-costs/",
    }


def english(client):
    client.cookies.load(EN)
    return client


def settings_post(**changes):
    return {
        "expected": 1,
        "default_plan_years": "4",
        "activation_convention": "month_after",
        "compensation": "full",
        "self_financing_goal": "70",
    } | changes


def test_the_finance_office_changes_the_settings_with_an_audit_trail(world, client_for):
    client = english(client_for("finance_officer"))
    assert "Depreciation starts" in client.get(SETTINGS).content.decode()
    response = client.post(SETTINGS, settings_post())
    assert response.status_code == 302
    saved = FinanceSettings.objects.get(organisation=world.org)
    assert (saved.default_plan_years, saved.activation_convention) == (4, "month_after")
    assert saved.self_financing_goal == Decimal("0.7")
    entry = AuditEntry.objects.get(action="finance.settings.edited")
    assert entry.changes["activation_convention"] == ["from_month", "month_after"]
    html = client.get(SETTINGS).content.decode()
    assert "Finance settings edited" in html  # the history on the page
    # New scenarios start with the organisation's horizon.
    page = client.get("/finance/cycles/test-2022/scenarios/").content.decode()
    assert 'name="plan_years" value="4"' in page


def test_a_horizon_under_three_years_and_a_stale_form_are_refused(world, client_for):
    client = english(client_for("finance_officer"))
    response = client.post(SETTINGS, settings_post(default_plan_years="1"))
    assert response.status_code == 400
    assert "the plan covers at least three years in all" in response.content.decode()
    assert not FinanceSettings.objects.exists()
    assert client.post(SETTINGS, settings_post()).status_code == 302
    stale = client.post(SETTINGS, settings_post(compensation="new_only"))  # saw version 1
    assert stale.status_code == 400
    assert "Someone else saved a change" in stale.content.decode()
    assert FinanceSettings.objects.get().compensation == "full"


@pytest.mark.parametrize("persona", ["secretary_committee_a", "politician_majority", "anonymous"])
def test_only_the_finance_office_sees_the_settings(client_for, persona):
    response = client_for(persona).get(SETTINGS)
    assert response.status_code in (404, 302)
    assert client_for(persona).post(SETTINGS, settings_post()).status_code in (404, 302, 403)
    assert not FinanceSettings.objects.exists()


def test_another_organisations_finance_office_changes_its_own(world, client_for):
    client = client_for("outsider_finance")
    assert world.other_org.name in client.get(SETTINGS).content.decode()
    assert client.post(SETTINGS, settings_post()).status_code == 302
    assert FinanceSettings.objects.get().organisation == world.other_org


def test_the_capital_costs_page_shows_the_parts_and_adds_up(world, client_for, demo):
    html = english(client_for("finance_officer")).get(demo["url"]).content.decode()
    assert "Existing assets" in html and "Investment plan: depreciation" in html
    assert "Capital costs in the frames" in html
    for total in ("165.0", "168.0", "172.0", "183.0"):  # Σ KK of FINANCE.md 3.5
        assert total in html
    assert "Save the existing assets" in html
    assert "Internal interest eliminated at region level" in html


def test_a_committee_reads_its_own_capital_costs_only(world, client_for, demo):
    client = english(client_for("secretary_committee_a"))
    html = client.get(demo["url"]).content.decode()
    assert world.committee_a.name in html and world.committee_b.name not in html
    assert "Save the existing assets" not in html
    assert "Internal interest eliminated" not in html
    assert client.post(demo["url"], {}).status_code == 403
    assert client_for("outsider_finance").get(demo["url"]).status_code == 404


def test_existing_assets_are_saved_audited_and_flow_into_the_frames(world, client_for, demo):
    client = english(client_for("finance_officer"))
    hsn = world.committee_a.pk
    row = ExistingCapitalCost.objects.get(body_id=hsn, year=2024)
    post = {"expected": 1, f"b{hsn}_2024": "60,5"}
    for other in ExistingCapitalCost.objects.filter(organisation=world.org):
        if (other.body_id, other.year) != (hsn, 2024):
            post.setdefault(f"b{other.body_id}_{other.year}", str(other.amount / M))
    assert client.post(demo["url"], post).status_code == 302
    assert ExistingCapitalCost.objects.get(pk=row.pk).amount == Decimal("60.5") * M
    entry = AuditEntry.objects.get(action="finance.existing_assets.edited")
    assert entry.changes == {"HSN 2024": [str(row.amount), "60500000.00"]}
    frames = client.get(f"/finance/cycles/test-2022/scenarios/{demo['scenario'].pk}/frames/")
    assert "60.5" in frames.content.decode()  # the existing-assets part of HSN 2024


def test_a_negative_or_text_cell_saves_nothing(world, client_for, demo):
    client = english(client_for("finance_officer"))
    hsn, run = world.committee_a.pk, world.committee_b.pk
    before = list(ExistingCapitalCost.objects.order_by("pk").values_list("amount", flat=True))
    response = client.post(
        demo["url"],
        {"expected": 1, f"b{hsn}_2023": "-1", f"b{run}_2023": "tio", f"b{hsn}_2022": "1"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Capital costs cannot be negative." in html and "is not a number" in html
    assert (
        list(ExistingCapitalCost.objects.order_by("pk").values_list("amount", flat=True)) == before
    )


def test_the_capital_costs_page_queries_do_not_grow(world, client_for, demo):
    client = client_for("finance_officer")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(demo["url"]).status_code == 200
        return len(ctx)

    first = count()
    for n in range(10):
        body = BodyFactory(organisation=world.org, kind="committee")
        ExistingCapitalCost.objects.create(organisation=world.org, body=body, year=2023, amount=n)
    assert count() == first


def test_the_history_shows_percent_and_mnkr_in_words(world, client_for, demo):
    client = english(client_for("finance_officer"))
    client.post(SETTINGS, settings_post())
    html = client.get(SETTINGS).content.decode()
    assert "70.0\u00a0%" in html and "0.700000" not in html
    from arshjul.finance.tests.test_scenarios import form_data

    url = f"/finance/cycles/test-2022/scenarios/{demo['scenario'].pk}/"
    client.post(url, form_data(demo["scenario"], y2024_internal_rate="3,5"))
    page = client.get(url).content.decode()
    assert "Internal interest rate 2024" in page and "2024 internal_rate" not in page
    assert "2.5\u00a0%" in page and "3.5\u00a0%" in page
