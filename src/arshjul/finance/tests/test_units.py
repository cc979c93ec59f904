"""Unit budgets (FINANCE.md 7.4): HSN 2023's units sum to the frame 4 063 030,5 tkr; a change of
1 tkr shows the warning with the difference; approval waits for the union consultation; who
reads and changes; lost updates; the audit trail; bounded query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.demo.finance import V2, load_frames, load_space
from arshjul.demo.units import load_unit_budgets
from arshjul.finance import services_units as services
from arshjul.finance.models import FrameVersion, Scenario, UnitBudget
from arshjul.finance.units import sum_check
from arshjul.organisation.models import Unit
from arshjul.organisation.tests.factories import (
    MembershipFactory,
    PersonFactory,
    PostFactory,
    PostHoldingFactory,
    UserFactory,
)

EN = {"django_language": "en"}


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_frames(world.org)
    assert load_unit_budgets(world.org) == 11
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    v2 = FrameVersion.objects.get(scenario=scenario, name=V2)
    hsn = world.committee_a
    return {
        "v2": v2,
        "hsn": hsn,
        "url": f"/finance/cycles/test-2022/scenarios/{scenario.pk}/frames/versions/{v2.pk}"
        f"/units/{hsn.pk}/2023/",
    }


def english(client):
    client.cookies.load(EN)
    return client


def budget(name: str) -> UnitBudget:
    return UnitBudget.objects.select_related("unit").get(unit__name=name, year=2023)


def test_the_pure_check():
    assert not sum_check([Decimal(1), Decimal(2)], Decimal(3)).warning
    check = sum_check([Decimal(1), None, Decimal(3)], Decimal(3))
    assert check.warning and check.difference == Decimal(1)
    assert not sum_check([Decimal(1)], None).warning


def test_demo_sums_to_the_frame_and_is_idempotent(world, demo):
    assert load_unit_budgets(world.org) == 0
    total = sum(b.amount for b in UnitBudget.objects.filter(frame_version=demo["v2"]))
    assert total == Decimal("4063030500")


def test_the_page_shows_the_sum_and_a_changed_row_warns(world, client_for, demo):
    client = english(client_for("finance_officer"))
    html = client.get(demo["url"]).content.decode()
    assert "The unit budgets sum to the frame." in html
    assert "4,063,031" in html and "820,000" in html and "do not sum" not in html
    b = budget("Kirurgi")
    response = client.post(
        f"{demo['url']}{b.unit_id}/amount/", {"amount": "420 001", "expected": b.version}
    )
    assert response.status_code == 302
    assert budget("Kirurgi").amount == Decimal("420001000")
    html = client.get(demo["url"]).content.decode()
    assert "The unit budgets do not sum to the frame: the difference is 1 tkr" in html
    assert "1,000 kr" in html
    entry = AuditEntry.objects.get(action="finance.units.budget_set")
    assert entry.changes == {"amount": ["420000000.00", "420001000"]}


def test_approval_is_refused_before_the_consultation(world, demo):
    b = budget("Psykiatri")
    with pytest.raises(DomainError) as exc:
        services.approve(budget=b, expected=b.version, by=world.finance_officer.user)
    assert exc.value.domain_code == "no_consultation"
    assert budget("Psykiatri").status == "draft"
    services.record_consultation(
        budget=b,
        held_on=dt.date(2022, 11, 3),
        parties="Vårdförbundet, Kommunal, Läkarförbundet",
        outcome="Enighet",
        minutes=None,
        expected=b.version,
        by=world.secretary_committee_a.user,
    )
    b = budget("Psykiatri")
    services.approve(budget=b, expected=b.version, by=world.finance_officer.user)
    assert budget("Psykiatri").is_approved
    assert AuditEntry.objects.filter(action="finance.units.budget_approved").count() == 1
    with pytest.raises(DomainError):  # approved: frozen
        services.set_amount(
            version=demo["v2"],
            unit=b.unit,
            year=2023,
            amount=Decimal(1),
            expected=budget("Psykiatri").version,
            by=world.finance_officer.user,
        )


def test_approve_on_the_page_shows_the_refusal(client_for, demo):
    client = english(client_for("secretary_committee_a"))
    b = budget("Medicin")
    response = client.post(
        f"{demo['url']}{b.unit_id}/approve/", {"expected": b.version}, follow=True
    )
    assert "Record the union consultation (samverkan) on Medicin" in response.content.decode()
    assert budget("Medicin").status == "draft"


def test_a_stale_form_is_refused(world, demo):
    b = budget("Kvinna")
    with pytest.raises(DomainError) as exc:
        services.set_amount(
            version=demo["v2"],
            unit=b.unit,
            year=2023,
            amount=Decimal(5),
            expected=b.version - 1,
            by=world.finance_officer.user,
        )
    assert exc.value.domain_code == "stale"
    assert budget("Kvinna").amount == Decimal("190000000")


def _manager(world, unit: Unit) -> Client:
    person = PersonFactory(organisation=world.org, user=UserFactory(username="vc"))
    post = PostFactory(organisation=world.org, kind="operations_manager", title="VC", unit=unit)
    PostHoldingFactory(post=post, person=person)
    client = Client()
    client.force_login(person.user)
    return client


def test_a_unit_manager_edits_her_unit_only(world, demo):
    own, other = budget("Ortopedi"), budget("Kirurgi")
    client = _manager(world, own.unit)
    assert client.get(demo["url"]).status_code == 200
    ok = client.post(
        f"{demo['url']}{own.unit_id}/amount/", {"amount": "1", "expected": own.version}
    )
    assert ok.status_code == 302 and budget("Ortopedi").amount == Decimal(1000)
    no = client.post(
        f"{demo['url']}{other.unit_id}/amount/", {"amount": "1", "expected": other.version}
    )
    assert no.status_code == 403


def test_members_read_and_may_not_change(world, client_for, demo):
    MembershipFactory(person=world.politician_majority, body=demo["hsn"], role="member")
    client = client_for("politician_majority")
    assert client.get(demo["url"]).status_code == 200
    b = budget("Kvinna")
    response = client.post(f"{demo['url']}{b.unit_id}/amount/", {"amount": "1", "expected": 1})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["outsider_finance", "anonymous", "secretary_committee_b"])
def test_others_get_404(client_for, demo, persona):
    assert client_for(persona).get(demo["url"]).status_code == 404
    b = budget("Kvinna")
    response = client_for(persona).post(f"{demo['url']}{b.unit_id}/amount/", {"amount": "1"})
    assert response.status_code == 404


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_bounded(world, client_for, demo):
    client = client_for("finance_officer")
    few = _count(client, demo["url"])
    for n in range(30):
        unit = Unit.objects.create(
            organisation=world.org, name=f"Enhet {n}", kind="operation", body=demo["hsn"]
        )
        UnitBudget.objects.create(frame_version=demo["v2"], unit=unit, year=2023, amount=1)
    assert _count(client, demo["url"]) == few


def test_the_frames_page_links_to_the_unit_budgets(client_for, demo):
    frames = demo["url"].split("versions/")[0]
    html = client_for("finance_officer").get(f"{frames}?version={demo['v2'].pk}").content.decode()
    assert demo["url"] in html


def test_an_amount_field_starts_with_the_budget_and_saves_back_unchanged(world, client_for, demo):
    import re

    client = client_for("finance_officer")  # Swedish: 61 030,5 tkr
    html = client.get(demo["url"]).content.decode()
    b = budget("Nämnd, ledning och reserv")
    typed = re.search(rf'id="amount-{b.unit_id}"[^>]*value="([^"]*)"', html).group(1)
    assert typed == "61\u202f030,5"
    response = client.post(
        f"{demo['url']}{b.unit_id}/amount/", {"amount": typed, "expected": b.version}
    )
    assert response.status_code == 302
    assert budget("Nämnd, ledning och reserv").amount == Decimal("61030500")


def test_a_refused_amount_comes_back_as_typed_beside_its_field(client_for, demo):
    """ "12,5 mnkr" is no number of tkr: nothing is saved, and the field shows what she typed
    with the message tied to it (it used to come back with the stored amount)."""
    import re

    client = client_for("finance_officer")
    b = budget("Nämnd, ledning och reserv")
    response = client.post(
        f"{demo['url']}{b.unit_id}/amount/",
        {"amount": "12,5 mnkr", "expected": b.version},
        follow=True,
    )
    html = response.content.decode()
    field = re.search(rf'<input id="amount-{b.unit_id}"[^>]*>', html).group(0)
    assert 'value="12,5 mnkr"' in field and 'aria-invalid="true"' in field
    assert f'id="amount-{b.unit_id}-error"' in html
    assert "Nämnd, ledning och reserv: " in html
    assert budget("Nämnd, ledning och reserv").amount == Decimal("61030500")
    # The next visit shows the stored amount again.
    html = client.get(demo["url"]).content.decode()
    assert re.search(rf'id="amount-{b.unit_id}"[^>]*value="61\u202f030,5"', html)
