"""The money's JSON API: who reads and changes what, exact decimal strings (never a float),
lost updates (409), an adopted frame version refusing changes, and the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from arshjul.demo.finance import V1, V2, load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.finance.models import (
    CashFlow,
    ChangeItem,
    Component,
    FrameVersion,
    InvestmentPlan,
    InvestmentProject,
    Scenario,
)
from arshjul.organisation.tests.factories import PersonFactory, PostFactory, PostHoldingFactory

API = "/api/v1"
M = Decimal(1_000_000)


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_investments(world.org)  # before the frames, as the demo: its KK are part of them
    load_frames(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    return {
        "scenario": scenario,
        "v1": FrameVersion.objects.get(scenario=scenario, name=V1),
        "v2": FrameVersion.objects.get(scenario=scenario, name=V2),
    }


@pytest.fixture
def caller(world, client_for):
    """A client for a persona; chief_executive is the chief executive's office."""

    def make(persona: str) -> Client:
        if persona != "chief_executive":
            client = client_for(persona)
        else:
            person = PersonFactory(organisation=world.org, user__username="regiondirektor")
            PostHoldingFactory(
                post=PostFactory(organisation=world.org, kind="chief_executive", title="RD"),
                person=person,
            )
            client = Client()
            client.force_login(person.user)
        client.cookies["django_language"] = "en"
        return client

    return make


def _no_floats(value) -> None:
    """Every number in the answer is an int or a bool: amounts come as strings."""
    if isinstance(value, dict):
        for v in value.values():
            _no_floats(v)
    elif isinstance(value, list):
        for v in value:
            _no_floats(v)
    else:
        assert not isinstance(value, float), value


def _json(response):
    data = json.loads(response.content, parse_float=lambda s: float(s))
    _no_floats(data)
    return data


def _put(client, url, data):
    return client.put(url, json.dumps(data), content_type="application/json")


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


READ = {
    "finance_officer": (200, 200, 200),
    "chief_executive": (200, 200, 404),
    "secretary_committee_a": (404, 200, 200),
    "outsider_finance": (404, 404, 404),
    "anonymous": (404, 404, 404),
}


@pytest.mark.parametrize("persona", READ)
def test_who_reads_what(demo, caller, persona):
    client = caller(persona)
    scenarios, frames, plan = READ[persona]
    pk, vid = demo["scenario"].pk, demo["v2"].pk
    assert client.get(f"{API}/cycles/test-2022/scenarios").status_code == scenarios
    assert client.get(f"{API}/scenarios/{pk}").status_code == scenarios
    assert client.get(f"{API}/scenarios/{pk}/frame-versions").status_code == frames
    assert client.get(f"{API}/scenarios/{pk}/frame-versions/{vid}").status_code == frames
    assert client.get(f"{API}/investment-plan").status_code == plan
    if plan == 404:
        assert client.get(f"{API}/investment-plan").json()["code"] == "not_found"


WRITE = {
    "finance_officer": 200,
    "chief_executive": 403,
    "secretary_committee_a": 404,  # may not see scenarios at all
    "outsider_finance": 404,
    "anonymous": 401,
}


@pytest.mark.parametrize("persona", WRITE)
def test_who_changes_assumptions(demo, caller, persona):
    scenario = demo["scenario"]
    response = _put(
        caller(persona),
        f"{API}/scenarios/{scenario.pk}/assumptions",
        {"version": scenario.version, "years": [{"year": 2023, "values": {"goal": "0.02"}}]},
    )
    assert response.status_code == WRITE[persona], response.content
    goal = scenario.rows.get(year=2023).goal
    assert (goal == Decimal("0.02")) == (WRITE[persona] == 200)


FRAME_WRITE = {
    "finance_officer": 201,
    "chief_executive": 403,
    "secretary_committee_a": 403,
    "outsider_finance": 404,
    "anonymous": 401,
}


@pytest.mark.parametrize("persona", FRAME_WRITE)
def test_who_adds_a_change_item(world, demo, caller, persona):
    v2 = demo["v2"]
    response = _post(
        caller(persona),
        f"{API}/scenarios/{demo['scenario'].pk}/frame-versions/{v2.pk}/items",
        {
            "version": v2.version,
            "committee": world.committee_a.slug,
            "year": 2023,
            "kind": "saving",
            "amount": "1500000.50",
            "text": "Färre hyrläkare",
        },
    )
    assert response.status_code == FRAME_WRITE[persona], response.content
    added = ChangeItem.objects.filter(frame_version=v2, text="Färre hyrläkare").exists()
    assert added == (FRAME_WRITE[persona] == 201)


PLAN_WRITE = {
    "finance_officer": 200,
    "chief_executive": 404,
    "secretary_committee_a": 403,
    "outsider_finance": 404,
    "anonymous": 401,
}


def _project_payload(project: InvestmentProject, **changes) -> dict:
    return {
        "version": project.version,
        "code": project.code,
        "name": project.name,
        "category": project.category,
        "owner": project.owner_body.slug,
        "status": project.status,
        "activation": project.activation.isoformat() if project.activation else None,
        "recurring": project.recurring,
        "cash_flows": [{"year": c.year, "amount": str(c.amount)} for c in project.cash_flows.all()],
        "components": [
            {"name": c.name, "share": str(c.share), "life_years": c.life_years}
            for c in project.components.all()
        ],
    } | changes


@pytest.mark.parametrize("persona", PLAN_WRITE)
def test_who_changes_a_project(world, demo, caller, persona):
    project = InvestmentProject.objects.filter(owner_body=world.committee_a).first()
    response = _put(
        caller(persona),
        f"{API}/investment-projects/{project.pk}",
        _project_payload(project, name="Nytt namn"),
    )
    assert response.status_code == PLAN_WRITE[persona], response.content
    project.refresh_from_db()
    assert (project.name == "Nytt namn") == (PLAN_WRITE[persona] == 200)


def test_the_financial_space_is_exact_and_explained(demo, caller):
    data = _json(caller("finance_officer").get(f"{API}/cycles/test-2022/scenarios"))
    bas = next(s for s in data if s["name"] == "Bas")
    years = {y["year"]: y for y in bas["years"]}
    figures = {f["key"]: f for f in years[2023]["figures"]}
    assert years[2023]["assumptions"]["grants"] == "1835000000.00"
    r = figures["R"]
    assert r["value"] == str(Decimal(r["value"]))  # a decimal string, exact
    assert Decimal(figures["R"]["value"]) == Decimal("0.01") * (
        Decimal(figures["S"]["value"]) + Decimal(figures["B"]["value"])
    )
    assert r["explanation"].startswith("R(2023) = ")
    assert Decimal(figures["U"]["value"]) == Decimal(figures["RES0"]["value"]) - Decimal(r["value"])


def test_frames_are_exact_and_a_committee_sees_its_own(world, demo, caller):
    url = f"{API}/scenarios/{demo['scenario'].pk}/frame-versions/{demo['v2'].pk}"
    data = _json(caller("finance_officer").get(url))
    frames = {(f["committee"], f["year"]): f for f in data["frames"]}
    assert Decimal(frames[world.committee_a.slug, 2023]["value"]) == Decimal("4063030500")
    assert Decimal(frames[world.committee_a.slug, 2022]["value"]) == Decimal("3955.6") * M
    assert Decimal(data["balance"][0]["result"]) == Decimal("68.0") * M
    assert Decimal(data["balance"][0]["frames"]) == Decimal("4900.0") * M
    # A committee's secretary reads every committee's frames of the prepared version, the same
    # figures, and no balance check (issue 11: it was her own committee's rows only).
    other = _json(caller("secretary_committee_a").get(url))
    assert other["balance"] is None
    assert other["frames"] == data["frames"] and other["items"] == data["items"]


def test_the_investment_plan_is_exact(world, demo, caller):
    data = _json(caller("finance_officer").get(f"{API}/investment-plan"))
    assert data["whole_plan"] is True and data["ceilings"]
    for project in data["projects"]:
        for cost in project["capital_costs"]:
            assert Decimal(cost["capital_cost"]) == Decimal(cost["depreciation"]) + Decimal(
                cost["interest"]
            )
    own = _json(caller("secretary_committee_a").get(f"{API}/investment-plan"))
    assert own["whole_plan"] is False and own["ceilings"] == []
    assert {p["owner"] for p in own["projects"]} == {world.committee_a.slug}


def test_a_lost_update_is_a_409(demo, caller):
    scenario = demo["scenario"]
    client = caller("finance_officer")
    url = f"{API}/scenarios/{scenario.pk}/assumptions"
    first = _put(client, url, {"version": scenario.version, "name": "Bas 2"})
    assert first.status_code == 200 and first.json()["version"] == scenario.version + 1
    again = _put(client, url, {"version": scenario.version, "name": "Bas 3"})
    assert again.status_code == 409
    assert again.json()["code"] == "stale"
    assert Scenario.objects.get(pk=scenario.pk).name == "Bas 2"


def test_a_stale_change_item_and_project_are_409(world, demo, caller):
    client = caller("finance_officer")
    v2 = demo["v2"]
    url = f"{API}/scenarios/{demo['scenario'].pk}/frame-versions/{v2.pk}/items"
    body = {
        "version": v2.version - 1 if v2.version > 1 else v2.version + 5,
        "committee": world.committee_a.slug,
        "year": 2023,
        "kind": "priority",
        "amount": "1000000",
        "text": "Mer",
    }
    assert _post(client, url, body).status_code == 409
    project = InvestmentProject.objects.first()
    payload = _project_payload(project, version=project.version + 1, name="X")
    response = _put(client, f"{API}/investment-projects/{project.pk}", payload)
    assert response.status_code == 409 and response.json()["code"] == "stale"


def test_an_adopted_version_refuses_changes(world, demo, caller):
    client = caller("finance_officer")
    v1 = demo["v1"]
    assert v1.status == "adopted"
    base = f"{API}/scenarios/{demo['scenario'].pk}/frame-versions/{v1.pk}"
    response = _post(
        client,
        f"{base}/items",
        {
            "version": v1.version,
            "committee": world.committee_a.slug,
            "year": 2023,
            "kind": "priority",
            "amount": "1000000",
            "text": "Mer",
        },
    )
    assert response.status_code == 400
    assert response.json()["code"] == "adopted"
    assert "is adopted and cannot be changed" in response.json()["message"]
    item = ChangeItem.objects.filter(frame_version=v1).first()
    if item is not None:
        gone = client.delete(f"{base}/items/{item.pk}?version={v1.version}")
        assert gone.status_code == 400 and ChangeItem.objects.filter(pk=item.pk).exists()


def test_copy_add_remove_and_adopt(world, demo, caller):
    client = caller("finance_officer")
    pk = demo["scenario"].pk
    made = _post(
        client, f"{API}/scenarios/{pk}/frame-versions", {"name": "v3", "copy_from": demo["v2"].pk}
    )
    assert made.status_code == 201
    v3 = _json(made)
    assert v3["copied_from"] == demo["v2"].pk and v3["status"] == "draft"
    base = f"{API}/scenarios/{pk}/frame-versions/{v3['id']}"
    added = _json(
        _post(
            client,
            f"{base}/items",
            {
                "version": v3["version"],
                "committee": world.committee_a.slug,
                "year": 2023,
                "kind": "saving",
                "amount": "2500000.25",
                "text": "Besparing",
            },
        )
    )
    item = next(i for i in added["items"] if i["text"] == "Besparing")
    assert item["amount"] == "2500000.25"
    before = {(f["committee"], f["year"]): f for f in v3["frames"]}
    after = {(f["committee"], f["year"]): f for f in added["frames"]}
    key = (world.committee_a.slug, 2023)
    assert Decimal(before[key]["value"]) - Decimal(after[key]["value"]) == Decimal("2500000.25")
    removed = client.delete(f"{base}/items/{item['id']}?version={added['version']}")
    assert removed.status_code == 200
    adopted = _post(client, f"{base}/adopt", {"version": removed.json()["version"]})
    assert adopted.status_code == 200 and adopted.json()["status"] == "adopted"


def test_bad_input_is_refused_and_nothing_saved(demo, caller):
    scenario = demo["scenario"]
    url = f"{API}/scenarios/{scenario.pk}/assumptions"
    client = caller("finance_officer")
    floats = _put(
        client,
        url,
        {"version": scenario.version, "years": [{"year": 2023, "values": {"goal": 0.02}}]},
    )
    assert floats.status_code == 422 and floats.json()["code"] == "invalid"  # no floats
    bad = _put(
        client,
        url,
        {
            "version": scenario.version,
            "name": "Ändrad",
            "years": [{"year": 2023, "values": {"tax_rate": "150"}}],
        },
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    assert Scenario.objects.get(pk=scenario.pk).name == "Bas"


def test_a_new_project(world, demo, caller):
    client = caller("finance_officer")
    response = _post(
        client,
        f"{API}/investment-plan/projects",
        {
            "code": "P99",
            "name": "Ny röntgen",
            "category": InvestmentProject.objects.first().category,
            "owner": world.committee_a.slug,
            "status": InvestmentProject.objects.first().status,
            "activation": "2024-07-01",
            "cash_flows": [{"year": 2024, "amount": "12000000.00"}],
            "components": [{"name": "Utrustning", "share": "1", "life_years": 10}],
        },
    )
    assert response.status_code == 201, response.content
    data = _json(response)
    assert data["cash_flows"] == [{"year": 2024, "amount": "12000000.00"}]
    assert data["capital_costs"]


def test_the_openapi_schema_lists_the_paths(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/cycles/{slug}/scenarios",
        "/api/v1/scenarios/{pk}/assumptions",
        "/api/v1/scenarios/{pk}/frame-versions",
        "/api/v1/scenarios/{pk}/frame-versions/{vid}",
        "/api/v1/scenarios/{pk}/frame-versions/{vid}/items",
        "/api/v1/scenarios/{pk}/frame-versions/{vid}/items/{item}",
        "/api/v1/scenarios/{pk}/frame-versions/{vid}/adopt",
        "/api/v1/investment-plan",
        "/api/v1/investment-plan/projects",
        "/api/v1/investment-projects/{pk}",
    ):
        assert path in paths, path


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add_rows(world, demo, n: int) -> None:
    plan = InvestmentPlan.objects.get(organisation=world.org)
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
        CashFlow.objects.create(project=project, year=2024, amount=Decimal(1_000_000 + i))
        Component.objects.create(project=project, name="A", share=Decimal(1), life_years=5)
        ChangeItem.objects.create(
            frame_version=demo["v2"],
            body=world.committee_a,
            year=2023,
            kind="priority",
            amount=Decimal(1000 + i),
            text="Extra",
        )


@pytest.mark.parametrize("persona", ["finance_officer", "secretary_committee_a"])
def test_query_counts_do_not_grow_with_rows(world, demo, caller, persona):
    client = caller(persona)
    pk = demo["scenario"].pk
    urls = [
        f"{API}/scenarios/{pk}/frame-versions/{demo['v2'].pk}",
        f"{API}/scenarios/{pk}/frame-versions",
        f"{API}/investment-plan",
    ]
    if persona == "finance_officer":
        urls.append(f"{API}/cycles/test-2022/scenarios")
    _add_rows(world, demo, 3)
    before = [_count(client, u) for u in urls]
    _add_rows(world, demo, 30)
    assert [_count(client, u) for u in urls] == before
    assert max(before) <= 20, before  # capital costs: existing assets, plan, rates, settings


def test_a_change_without_the_csrf_token_is_refused(world, demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.finance_officer.user)
    scenario = demo["scenario"]
    response = _put(
        client, f"{API}/scenarios/{scenario.pk}/assumptions", {"version": 1, "name": "X"}
    )
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"
    assert Scenario.objects.get(pk=scenario.pk).name == "Bas"


@pytest.mark.parametrize("version", ["missing", None])
def test_a_project_change_without_the_version_seen_is_refused(world, demo, caller, version):
    project = InvestmentProject.objects.first()
    payload = _project_payload(project, name="Utan version")
    if version == "missing":
        del payload["version"]
    else:
        payload["version"] = version
    response = _put(caller("finance_officer"), f"{API}/investment-projects/{project.pk}", payload)
    assert response.status_code == 422
    assert set(response.json()) == {"code", "message", "field"}
    assert InvestmentProject.objects.get(pk=project.pk).name != "Utan version"


def test_a_change_item_without_the_version_seen_is_refused(world, demo, caller):
    v2 = demo["v2"]
    url = f"{API}/scenarios/{demo['scenario'].pk}/frame-versions/{v2.pk}/items"
    body = {"committee": world.committee_a.slug, "year": 2023, "kind": "priority"}
    response = _post(caller("finance_officer"), url, body | {"amount": "1", "text": "Utan"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert not v2.items.filter(text="Utan").exists()
