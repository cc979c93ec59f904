"""The investment plan's pages and changes: who sees what, the worked figures on the pages,
bad input refused whole, stale forms refused, the audit trail, bounded query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arshjul.accounts.roles import SYSTEM
from arshjul.core.audit import history_for
from arshjul.core.errors import DomainError
from arshjul.demo.investments import load_investments
from arshjul.finance import services_investments as services
from arshjul.finance.models import CashFlow, Component, InvestmentPlan, InvestmentProject

PLAN = reverse("finance:investments")


@pytest.fixture
def plan(world) -> InvestmentPlan:
    load_investments(world.org)
    return InvestmentPlan.objects.get(organisation=world.org)


def _en(client):
    client.cookies["django_language"] = "en"
    return client


def _project(code: str) -> InvestmentProject:
    return InvestmentProject.objects.get(code=code)


def test_finance_office_sees_the_whole_plan_with_the_2024_breach(plan, client_for):
    response = client_for("finance_officer").get(PLAN)
    assert response.status_code == 200
    page = response.content.decode()
    for code in [f"P{i:02}" for i in range(1, 13)]:
        assert code in page
    assert "1\u202f460,0" in page and "495,4" in page  # ten years and the four-year plan
    assert "150,6" in page and "98,6" in page
    assert "0,6 mnkr" in page  # the warning: 2024 over its ceiling by 0.6
    assert 'role="img"' in page and '<title id="chart-title">' in page
    assert response.context["breaches"] == [{"year": 2024, "amount": "0,6"}]


def test_committee_people_see_their_bodys_projects_only(plan, client_for):
    page = client_for("secretary_committee_a").get(PLAN).content.decode()  # HSN
    assert "P03" in page and "P05" in page
    assert "P01" not in page and "P10" not in page
    assert "ceiling-table" not in page  # the ceilings are the finance office's
    page = client_for("secretary_committee_b").get(PLAN).content.decode()  # RUN
    assert "P10" in page and "P11" in page and "P03" not in page
    page = client_for("politician_majority").get(PLAN).content.decode()  # a seat in RS
    assert "P01" in page and "P03" not in page


@pytest.mark.parametrize("persona", ["outsider_finance", "anonymous"])
def test_others_get_404(plan, client_for, persona):
    client = client_for(persona)
    assert client.get(PLAN).status_code == 404
    assert client.get(reverse("finance:investment", args=[_project("P03").pk])).status_code == 404


def test_a_secretary_cannot_open_another_bodys_project(plan, client_for):
    client = client_for("secretary_committee_a")
    assert client.get(reverse("finance:investment", args=[_project("P10").pk])).status_code == 404
    assert client.get(reverse("finance:investment", args=[_project("P03").pk])).status_code == 200


def test_project_page_explains_the_ct_scanner(plan, client_for):
    client = _en(client_for("secretary_committee_a"))
    response = client.get(reverse("finance:investment", args=[_project("P03").pk]))
    page = response.content.decode()
    assert "962,500" in page  # the 2023 capital cost in HSN's frame
    assert "14,000,000 kr / 8 years × 6/12 = 875,000 kr" in page
    assert "14,000,000 kr × 1.25 % × 6/12 = 87,500 kr" in page
    assert "2,078,125" in page
    assert "Change the project" not in page


def _form(project: InvestmentProject, **changes) -> dict:
    data = {
        "version": project.version,
        "code": project.code,
        "name": project.name,
        "category": project.category,
        "owner_body": project.owner_body_id,
        "status": project.status,
        "activation": project.activation.isoformat() if project.activation else "",
        "component_rows": 3,
    }
    for flow in project.cash_flows.all():
        data[f"cf_{flow.year}"] = str(flow.amount / 1_000_000)
    for i, c in enumerate(project.components.all()):
        data |= {
            f"comp_name_{i}": c.name,
            f"comp_share_{i}": str(c.share * 100),
            f"comp_life_{i}": c.life_years,
        }
    if project.recurring:
        data["recurring"] = "on"
    return data | changes


def test_finance_office_changes_a_project_with_audit(plan, client_for, world):
    project = _project("P03")
    url = reverse("finance:investment_edit", args=[project.pk])
    client = client_for("finance_officer")
    assert client.get(url).status_code == 200
    response = client.post(url, _form(project, cf_2023="15,5", status="ongoing"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "ongoing" and project.version == 2
    assert project.cash_flows.get().amount == D("15500000")
    entry = history_for(project).first()
    assert entry.action == "finance.investment.edited"
    assert entry.changes["status"] == ["decided", "ongoing"]
    assert entry.changes["cash_flows"][0].startswith("2023: 14000000")


def test_a_stale_form_is_refused(plan, client_for):
    project = _project("P03")
    url = reverse("finance:investment_edit", args=[project.pk])
    client = _en(client_for("finance_officer"))
    stale = _form(project, cf_2023="99")
    assert client.post(url, _form(project, name="Ny DT")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 400
    assert "Someone changed this project" in response.content.decode()
    assert _project("P03").cash_flows.get().amount == D("14000000")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cf_2023": "-5"}, "The cash flow of 2023 is negative"),
        ({"comp_life_0": "0"}, "A depreciation period is 1 to 100 years."),
        ({"activation": "2022-05-01"}, "before the first cash flow (2023)"),
        ({"comp_share_0": "90"}, "add up to 90 %, not 100 %"),
        ({"cf_2023": "tolv"}, "enter a number"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(plan, client_for, changes, message):
    project = _project("P03")
    client = _en(client_for("finance_officer"))
    response = client.post(
        reverse("finance:investment_edit", args=[project.pk]), _form(project, **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    project.refresh_from_db()
    assert project.version == 1 and project.activation == dt.date(2023, 7, 1)
    assert project.cash_flows.get().amount == D("14000000")
    assert project.components.get().life_years == 8


def test_bad_input_in_swedish(plan, client_for):
    project = _project("P03")
    response = client_for("finance_officer").post(
        reverse("finance:investment_edit", args=[project.pk]), _form(project, comp_share_0="90")
    )
    assert "90 %" in response.content.decode() and "100 %" in response.content.decode()
    assert "inte 100" in response.content.decode()


def test_a_cash_flow_outside_the_horizon_is_refused(plan, world):
    project = _project("P03")
    data = services.ProjectData(
        code="P99",
        name="Utanför",
        category="other",
        owner_body=world.committee_a,
        status="idea",
        activation=None,
        cash_flows={2035: D(1000)},
    )
    with pytest.raises(DomainError) as e:
        services.save_project(plan=plan, project=None, data=data, by=SYSTEM, version=None)
    assert e.value.domain_code == "outside_horizon"
    assert not InvestmentProject.objects.filter(code="P99").exists()
    assert project.cash_flows.count() == 1


def test_a_new_project(plan, client_for, world):
    client = client_for("finance_officer")
    response = client.post(
        reverse("finance:investment_new"),
        {
            "code": "P13",
            "name": "Röntgen",
            "category": "medical_equipment",
            "owner_body": world.committee_a.pk,
            "status": "idea",
            "activation": "2027-04-01",
            "cf_2027": "3,2",
            "component_rows": 3,
            "comp_name_0": "Röntgen",
            "comp_share_0": "100",
            "comp_life_0": "8",
        },
    )
    assert response.status_code == 302
    project = _project("P13")
    assert project.cash_flows.get().amount == D("3200000")
    assert history_for(project).first().action == "finance.investment.created"


def test_readers_may_not_edit(plan, client_for):
    client = client_for("secretary_committee_a")
    assert (
        client.get(reverse("finance:investment_edit", args=[_project("P03").pk])).status_code == 403
    )
    assert (
        client.get(reverse("finance:investment_edit", args=[_project("P10").pk])).status_code == 404
    )
    assert client.get(reverse("finance:investment_new")).status_code == 403
    assert client_for("outsider_finance").get(reverse("finance:investment_new")).status_code == 404


def _add_projects(plan, world, n: int) -> None:
    for i in range(n):
        project = InvestmentProject.objects.create(
            plan=plan,
            code=f"X{plan.projects.count():03}",
            name="Extra",
            category="other",
            owner_body=world.committee_a,
            status="decided",
            activation=dt.date(2024, 1, 1),
        )
        CashFlow.objects.create(project=project, year=2023, amount=D(1_000_000 + i))
        CashFlow.objects.create(project=project, year=2024, amount=D(2_000_000))
        Component.objects.create(project=project, name="A", share=D(1), life_years=5)


@pytest.mark.parametrize("persona", ["finance_officer", "secretary_committee_a"])
def test_query_counts_do_not_grow_with_projects(world, client_for, persona):
    plan = InvestmentPlan.objects.create(organisation=world.org, first_year=2022)
    _add_projects(plan, world, 3)
    client = client_for(persona)
    first = InvestmentProject.objects.filter(plan=plan).first()
    urls = [PLAN, reverse("finance:investment", args=[first.pk])]

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = [count(u) for u in urls]
    _add_projects(plan, world, 27)
    assert [count(u) for u in urls] == before


def test_every_column_of_the_plan_adds_up_to_its_total(plan, client_for, world):
    # Three odd amounts whose rounded parts would not add up on their own: 0.04 × 3 mnkr.
    for i in range(3):
        project = InvestmentProject.objects.create(
            plan=plan, code=f"R{i}", name="Rest", category="other",
            owner_body=world.committee_a, status="idea", activation=None,
        )  # fmt: skip
        CashFlow.objects.create(project=project, year=2031, amount=D(40_000))
    context = client_for("finance_officer").get(PLAN).context
    for column, total in enumerate(context["totals"]):
        parts = [row["amounts"][column] for row in context["rows"]]
        shown = sum(D(p.replace("\u202f", "").replace(",", ".")) for p in parts if p != "–")
        assert shown == D(total.replace("\u202f", "").replace(",", ".")), column
    assert context["totals"][9] == "58,7"  # 58.6 + 0.12 = 58.72
