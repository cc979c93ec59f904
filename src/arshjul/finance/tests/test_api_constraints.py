"""The finance API answers a change that would breach a database constraint with a clear
message in the user's language (400 with a code and the field), never Django's generic
“Constraint … is violated” nor a server error, and saves nothing."""

from __future__ import annotations

import json

import pytest

from arshjul.demo.finance import V1, load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.finance.models import FrameVersion, InvestmentProject, Scenario, ScenarioYear

API = "/api/v1"


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_frames(world.org)
    load_investments(world.org)
    return Scenario.objects.get(cycle=world.cycle, name="Bas")


@pytest.fixture
def officer(client_for):
    def make(language: str):
        client = client_for("finance_officer")
        client.cookies["django_language"] = language
        return client

    return make


def _send(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", f"This scenario already has a version called “{V1}”."),
        ("sv", f"Scenariot har redan en version som heter ”{V1}”."),
    ],
)
def test_a_duplicate_frame_version_name(demo, officer, language, message):
    before = FrameVersion.objects.count()
    response = _send(
        officer(language), "post", f"{API}/scenarios/{demo.pk}/frame-versions", {"name": V1}
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"code": "name", "message": message, "field": "name"}
    assert FrameVersion.objects.count() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The tax revenue of 2023 cannot be negative."),
        ("sv", "Skatteintäkterna för 2023 kan inte vara negativa."),
    ],
)
def test_a_negative_tax_revenue(demo, officer, language, message):
    row = ScenarioYear.objects.get(scenario=demo, year=2023)
    response = _send(
        officer(language),
        "put",
        f"{API}/scenarios/{demo.pk}/assumptions",
        {
            "version": demo.version,
            "name": "Ändrad",
            "years": [{"year": 2023, "values": {"tax_revenue": "-1.00", "grants": "1.00"}}],
        },
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"code": "negative", "message": message, "field": "tax_revenue"}
    demo.refresh_from_db()
    assert demo.name == "Bas" and demo.version == 1
    assert ScenarioYear.objects.get(pk=row.pk).tax_revenue == row.tax_revenue


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This cycle already has a scenario called “Låg”."),
        ("sv", "Cykeln har redan ett scenario som heter ”Låg”."),
    ],
)
def test_a_duplicate_scenario_name(demo, officer, language, message):
    response = _send(
        officer(language),
        "put",
        f"{API}/scenarios/{demo.pk}/assumptions",
        {"version": demo.version, "name": "Låg"},
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"code": "name", "message": message, "field": "name"}
    assert Scenario.objects.get(pk=demo.pk).name == "Bas"


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"grants": "-1"}, "grants", "negative"),
        ({"capital_costs": "-1"}, "capital_costs", "negative"),
        ({"tax_rate": "0"}, "tax_rate", "invalid"),
        ({"tax_rate": "100"}, "tax_rate", "invalid"),
    ],
)
def test_every_checked_assumption_has_its_own_message(demo, officer, values, field, code):
    response = _send(
        officer("en"),
        "put",
        f"{API}/scenarios/{demo.pk}/assumptions",
        {"version": demo.version, "years": [{"year": 2024, "values": values}]},
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert (body["code"], body["field"]) == (code, field)
    assert "Constraint" not in body["message"]


def test_a_taken_project_code(world, demo, officer):
    taken = InvestmentProject.objects.order_by("code").first()
    before = InvestmentProject.objects.count()
    response = _send(
        officer("sv"),
        "post",
        f"{API}/investment-plan/projects",
        {
            "code": taken.code,
            "name": "Dubblett",
            "category": taken.category,
            "owner": world.committee_a.slug,
            "status": taken.status,
        },
    )
    assert response.status_code == 400, response.content
    assert response.json() == {
        "code": "code",
        "message": "Ett annat projekt har redan detta id.",
        "field": "code",
    }
    assert InvestmentProject.objects.count() == before
