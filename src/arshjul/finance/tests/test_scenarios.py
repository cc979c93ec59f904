"""Scenarios page and the assumptions form: who may read and change, the demo reproducing
FINANCE.md 3.5 on screen, bad input, lost updates, the audit trail and bounded query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.core.models import AuditEntry
from arshjul.demo.finance import load_space
from arshjul.finance import services
from arshjul.finance.forms import AssumptionsForm
from arshjul.finance.models import Scenario
from arshjul.organisation.tests.factories import PersonFactory, PostFactory, PostHoldingFactory

URL = "/finance/cycles/test-2022/scenarios/"


@pytest.fixture
def demo(world):
    load_space(world.org)
    return {s.name: s for s in Scenario.objects.filter(cycle=world.cycle)}


@pytest.fixture
def chief(world) -> Client:
    person = PersonFactory(organisation=world.org, user__username="regiondirektor")
    PostHoldingFactory(
        post=PostFactory(organisation=world.org, kind="chief_executive", title="Regiondirektör"),
        person=person,
    )
    client = Client()
    client.force_login(person.user)
    return client


def form_data(scenario: Scenario, **changes) -> dict:
    """What the edit form posts back unchanged, plus `changes` (field name → typed text)."""
    scenario = Scenario.objects.prefetch_related("rows").select_related("cycle").get(pk=scenario.pk)
    form = AssumptionsForm(scenario=scenario)
    data = {}
    for name, field in form.fields.items():
        value = field.prepare_value(form[name].value())
        data[name] = "" if value is None else str(value)
    return data | changes


def test_the_page_shows_section_3_5_with_its_explanations(client_for, demo):
    html = client_for("finance_officer").get(URL).content.decode()
    assert "Bas" in html and "Låg" in html
    for shown in (
        "3\u202f369,6",
        "4\u202f877,1",
        "5\u202f165,1",
        "44,6",
        "\u22127,5",
        "\u2212155,3",
    ):
        assert shown in html
    assert "\u2212332,4" in html and "\u221263,2" in html  # the low scenario's U
    assert "R(2023) = 1,0\xa0% × (3\u202f369,6 + 1\u202f835,0) = 52,0" in html
    assert "5\u202f165,05" in html  # the exact value behind a rounded one
    assert '<svg role="img"' in html and "<desc" in html
    assert "Edit the assumptions" in html or "Ändra antagandena" in html


def test_who_may_read_and_who_may_change(client_for, demo, chief):
    assert chief.get(URL).status_code == 200
    edit = f"{URL}{demo['Bas'].pk}/"
    assert chief.get(edit).status_code == 403
    assert chief.post(f"{URL}new/", {"name": "X", "plan_years": 3}).status_code == 403
    for persona in (
        "secretary_committee_a",
        "politician_majority",
        "outsider_finance",
        "anonymous",
    ):
        client = client_for(persona)
        assert client.get(URL).status_code == 404, persona
        assert client.get(edit).status_code == 404, persona
    assert client_for("finance_officer").get(edit).status_code == 200


def test_the_cycle_page_links_the_finance_office_to_it(client_for, demo):
    assert URL in client_for("finance_officer").get("/cycles/test-2022/").content.decode()
    assert URL not in client_for("secretary_committee_a").get("/cycles/test-2022/").content.decode()


def test_saving_takes_a_decimal_comma_and_audits_the_before_values(client_for, demo):
    bas = demo["Bas"]
    client = client_for("finance_officer")
    response = client.post(
        f"{URL}{bas.pk}/", form_data(bas, y2023_tax_base_growth="4,5", y2024_central_items="136,25")
    )
    assert response.status_code == 302
    row = bas.rows.get(year=2023)
    assert row.tax_base_growth == Decimal("0.045")
    assert bas.rows.get(year=2024).central_items == Decimal("136250000")
    bas.refresh_from_db()
    assert bas.version == 2
    entry = AuditEntry.objects.get(action="finance.assumptions.edited")
    assert entry.changes == {
        "2023 tax_base_growth": ["0.040000", "0.045000"],
        "2024 central_items": ["135000000.00", "136250000.00"],
    }
    # The page now computes from the new growth: S(2023) = 3 240,0 × 1,045 = 3 385,8.
    assert "3\u202f385,8" in client.get(URL).content.decode()


def test_a_bad_number_saves_nothing_and_says_why(client_for, demo):
    bas = demo["Bas"]
    client = client_for("finance_officer")
    client.cookies["django_language"] = "en"
    response = client.post(
        f"{URL}{bas.pk}/",
        form_data(bas, y2023_grants="1 900,0", y2024_index="tre", y2025_goal="75"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "“tre” is not a number" in html
    assert "Write a percentage between −20 and 50." in html
    assert 'aria-invalid="true"' in html
    assert bas.rows.get(year=2023).grants == Decimal("1835000000")
    assert not AuditEntry.objects.filter(action="finance.assumptions.edited").exists()


def test_a_negative_amount_where_it_makes_no_sense_is_refused(client_for, demo):
    bas = demo["Bas"]
    response = client_for("finance_officer").post(
        f"{URL}{bas.pk}/", form_data(bas, y2023_capital_costs="-1")
    )
    assert response.status_code == 400
    assert bas.rows.get(year=2023).capital_costs == Decimal("168000000")


def test_a_lost_update_is_refused(client_for, demo):
    bas = demo["Bas"]
    stale = form_data(bas, y2023_central_items="121")
    services.save_assumptions(
        scenario=bas,
        name="Bas",
        base_frames=bas.base_frames,
        values={2023: {"central_items": Decimal("125000000")}},
        by=SYSTEM,
        version=1,
    )
    client = client_for("finance_officer")
    client.cookies["django_language"] = "en"
    response = client.post(f"{URL}{bas.pk}/", stale)
    assert response.status_code == 400
    assert "Someone else saved this scenario" in response.content.decode()
    assert bas.rows.get(year=2023).central_items == Decimal("125000000")


def test_a_new_scenario_copies_another_and_the_horizon_is_at_least_three_years(client_for, demo):
    client = client_for("finance_officer")
    client.cookies["django_language"] = "en"
    response = client.post(
        f"{URL}new/", {"name": "Kort", "plan_years": 1, "copy_from": demo["Bas"].pk}
    )
    assert response.status_code == 400
    assert "at least three years in all" in response.content.decode()
    response = client.post(
        f"{URL}new/", {"name": "Hög", "plan_years": 4, "copy_from": demo["Bas"].pk}
    )
    assert response.status_code == 302
    high = Scenario.objects.get(name="Hög")
    assert high.years == [2022, 2023, 2024, 2025, 2026]
    assert high.rows.get(year=2026).index == Decimal("0.029")  # the last year repeated
    assert high.rows.get(year=2026).tax_revenue is None  # and left to grow
    assert AuditEntry.objects.filter(action="finance.scenario.created").count() == 1
    html = client.get(URL).content.decode()
    assert "2026" in html
    response = client.post(f"{URL}new/", {"name": "bas", "plan_years": 3})
    assert "already has a scenario called" in response.content.decode()


def test_an_empty_scenario_names_what_is_missing(client_for, world):
    client = client_for("finance_officer")
    client.cookies["django_language"] = "en"
    assert client.post(f"{URL}new/", {"name": "Tom", "plan_years": 3}).status_code == 302
    html = client.get(URL).content.decode()
    assert "these assumptions are missing" in html
    assert "2022: Tax revenue S (mnkr)" in html


def test_the_page_queries_do_not_grow_with_the_scenarios(client_for, demo):
    client = client_for("finance_officer")
    client.get(URL)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    at_n = count()
    for n in range(18):
        services.create_scenario(
            cycle=demo["Bas"].cycle,
            name=f"Kopia {n}",
            copy_from=demo["Bas"],
            plan_years=9 if n % 2 else 3,
            by=SYSTEM,
        )
    assert count() == at_n
    edit = f"{URL}{demo['Bas'].pk}/"
    client.get(edit)
    with CaptureQueriesContext(connection) as small:
        client.get(edit)
    ten_years = Scenario.objects.get(name="Kopia 1")
    with CaptureQueriesContext(connection) as large:
        client.get(f"{URL}{ten_years.pk}/")
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("version", [None, "", "x"])
def test_the_assumptions_form_without_the_version_seen_is_refused(version, client_for, demo):
    bas = demo["Bas"]
    data = form_data(bas, y2023_central_items="121")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    edits = AuditEntry.objects.filter(action="finance.assumptions.edited")
    before = edits.count()
    response = client_for("finance_officer").post(f"{URL}{bas.pk}/", data)
    assert response.status_code == 400
    assert bas.rows.get(year=2023).central_items != Decimal("121000000")
    assert edits.count() == before
