"""Property-based: extreme, malformed and exotic numbers (10^30, NaN, −0, 40 digits, a comma and
a point, huge negatives, empty) sent to every numeric field of every finance form and API
operation that takes numbers. Never a 500; a bad number saves nothing (every stored number and
version is unchanged). One world per test, few examples: well under a minute in all."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arshjul.accounts.roles import SYSTEM
from arshjul.demo.finance import V1, V2, load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.demo.units import load_unit_budgets
from arshjul.finance import services_party
from arshjul.finance.models import (
    BaseFrame,
    CashFlow,
    ChangeItem,
    Component,
    EarlierDeficit,
    ExistingCapitalCost,
    FinanceSettings,
    FrameVersion,
    InvestmentProject,
    Scenario,
    ScenarioYear,
    UnitBudget,
)
from arshjul.organisation.models import Party

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Never a number any field takes: refused everywhere, so nothing may change.
BAD = st.one_of(
    st.sampled_from(
        [
            "1e30",
            "1E3",
            "NaN",
            "nan",
            "sNaN",
            "Infinity",
            "-Infinity",
            "1,5.3",
            "1.000,5",
            "4" * 40,
            "-" + "9" * 40,
            "99999999999999999999999",
            "-99999999999999999999999",
            "0x10",
            "1_000",
            "--1",
            "½",
            "1e-30",
        ]
    ),
    st.integers(min_value=10**16, max_value=10**45).map(str),
    st.integers(min_value=10**16, max_value=10**45).map(lambda n: f"−{n}"),
    st.floats(min_value=1e16, allow_infinity=True).map(repr),
    st.from_regex(r"\A[1-9]\d{0,3},\d{1,3}\.\d{1,3}\Z"),
    st.from_regex(r"\A[1-9]\d{0,3}[eE][+-]?\d{1,3}\Z"),
)
# Exotic but maybe a number: never a 500 (what is saved is the field's business).
EXOTIC = st.sampled_from(["", " ", "-0", "−0", "0", "-0,0", "0,5"])


def snapshot() -> tuple:
    """Every stored finance number and every version counter."""
    return tuple(
        tuple(model.objects.order_by("pk").values_list(*fields))
        for model, fields in [
            (Scenario, ("base_frames", "version", "name")),
            (ScenarioYear, ("tax_revenue", "grants", "population", "index", "tax_rate", "goal")),
            (BaseFrame, ("amount",)),
            (ChangeItem, ("amount", "text")),
            (FrameVersion, ("version",)),
            (CashFlow, ("year", "amount")),
            (Component, ("share", "life_years")),
            (InvestmentProject, ("version",)),
            (UnitBudget, ("amount", "version")),
            (EarlierDeficit, ("amount",)),
            (ExistingCapitalCost, ("amount",)),
            (FinanceSettings, ("self_financing_goal", "default_plan_years", "version")),
        ]
    )


@pytest.fixture
def fin(world, client_for):
    load_space(world.org)
    load_investments(world.org)
    load_frames(world.org)
    load_unit_budgets(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    v1 = FrameVersion.objects.get(scenario=scenario, name=V1)
    v2 = FrameVersion.objects.get(scenario=scenario, name=V2)
    party = Party.objects.create(organisation=world.org, name="Oppositionen", abbreviation="OPP")
    proposal = services_party.create_proposal(base=v1, party=party, by=SYSTEM)
    FinanceSettings.objects.get_or_create(organisation=world.org)
    client = client_for("finance_officer")
    client.cookies["django_language"] = "en"
    return {
        "world": world,
        "client": client,
        "scenario": scenario,
        "v2": v2,
        "proposal": proposal,
        "project": InvestmentProject.objects.get(code="P03"),
        "budget": UnitBudget.objects.get(unit__name="Kirurgi", year=2023, frame_version=v2),
    }


# --- the forms -------------------------------------------------------------------------------


def _assumptions(fin, field, value):
    from arshjul.finance.tests.test_scenarios import form_data

    scenario = fin["scenario"]
    return f"/finance/cycles/test-2022/scenarios/{scenario.pk}/", form_data(
        scenario, **{field: value}
    )


def _unit(fin, _field, value):
    budget = UnitBudget.objects.get(pk=fin["budget"].pk)
    world, v2 = fin["world"], fin["v2"]
    url = reverse(
        "finance:unit_amount",
        args=[
            world.cycle.slug,
            fin["scenario"].pk,
            v2.pk,
            world.committee_a.pk,
            2023,
            budget.unit_id,
        ],
    )
    return url, {"amount": value, "expected": budget.version}


def _project(fin, field, value):
    from arshjul.finance.tests.test_investments import _form

    project = InvestmentProject.objects.get(pk=fin["project"].pk)
    return reverse("finance:investment_edit", args=[project.pk]), _form(project, **{field: value})


def _item(fin, _field, value):
    world, v2 = fin["world"], FrameVersion.objects.get(pk=fin["v2"].pk)
    url = reverse("finance:frames_item_new", args=[world.cycle.slug, fin["scenario"].pk, v2.pk])
    data = {"body": world.committee_a.pk, "year": 2023, "kind": "adjustment", "amount": value}
    return url, data | {"text": "Fuzz", "expected": v2.version}


def _party_item(fin, _field, value):
    world, proposal = fin["world"], fin["proposal"]
    url = reverse(
        "finance:party_item_new", args=[world.cycle.slug, fin["scenario"].pk, proposal.pk]
    )
    data = {"body": world.committee_a.pk, "year": 2023, "kind": "priority", "amount": value}
    version = FrameVersion.objects.get(pk=proposal.frame_version_id).version
    return url, data | {"text": "Fuzz", "expected": version}


def _base(fin, _field, value):
    world, v2 = fin["world"], FrameVersion.objects.get(pk=fin["v2"].pk)
    url = reverse("finance:frames_base", args=[world.cycle.slug, fin["scenario"].pk, v2.pk])
    data = {f"body_{b.body_id}": str(b.amount / 1_000_000) for b in v2.base_frames.all()}
    return url, data | {f"body_{world.committee_a.pk}": value, "expected": v2.version}


def _deficit(fin, field, value):
    world = fin["world"]
    url = reverse("finance:frames_deficit_new", args=[world.cycle.slug, fin["scenario"].pk])
    data = {"origin_year": 2021, "amount": "12,5", "source": "ÅR 2021"}
    return url, data | {field: value}


def _settings(fin, field, value):
    current = FinanceSettings.objects.get(organisation=fin["world"].org)
    data = {
        "expected": current.version,
        "default_plan_years": 3,
        "activation_convention": "from_month",
        "compensation": "full",
        "self_financing_goal": "70",
    }
    return reverse("finance:settings"), data | {field: value}


FORMS = [
    (_assumptions, "base_frames"),
    (_assumptions, "y2023_grants"),
    (_assumptions, "y2023_financial_net"),
    (_assumptions, "y2023_population"),
    (_assumptions, "y2023_tax_rate"),
    (_assumptions, "y2024_index"),
    (_assumptions, "y2024_internal_rate"),
    (_unit, "amount"),
    (_project, "cf_2023"),
    (_project, "comp_share_0"),
    (_project, "comp_life_0"),
    (_item, "amount"),
    (_party_item, "amount"),
    (_base, "amount"),
    (_deficit, "amount"),
    (_deficit, "origin_year"),
    (_settings, "self_financing_goal"),
    (_settings, "default_plan_years"),
]


@FUZZ
@given(target=st.sampled_from(FORMS), value=BAD)
def test_forms_refuse_bad_numbers_and_save_nothing(fin, target, value):
    build, field = target
    before = snapshot()
    url, data = build(fin, field, value)
    response = fin["client"].post(url, data)
    assert response.status_code < 500, (build.__name__, field, value)
    assert snapshot() == before, (build.__name__, field, value)


@FUZZ
@given(target=st.sampled_from(FORMS), value=EXOTIC)
def test_forms_take_exotic_numbers_without_a_server_error(fin, target, value):
    build, field = target
    url, data = build(fin, field, value)
    assert fin["client"].post(url, data).status_code < 500, (build.__name__, field, value)
    assert not any(
        isinstance(v, Decimal) and v.is_zero() and v.is_signed()
        for table in snapshot()
        for row in table
        for v in row
    )


# --- the API ---------------------------------------------------------------------------------


def _api_assumptions(fin, key, value):
    scenario = Scenario.objects.get(pk=fin["scenario"].pk)
    payload = {"version": scenario.version}
    if key == "base_frames":
        payload["base_frames"] = value
    else:
        payload["years"] = [{"year": 2023, "values": {key: value}}]
    return "put", f"/api/v1/scenarios/{scenario.pk}/assumptions", payload


def _api_item(fin, _key, value):
    v2 = FrameVersion.objects.get(pk=fin["v2"].pk)
    payload = {
        "version": v2.version,
        "committee": fin["world"].committee_a.slug,
        "year": 2023,
        "kind": "adjustment",
        "amount": value,
        "text": "Fuzz",
    }
    return "post", f"/api/v1/scenarios/{fin['scenario'].pk}/frame-versions/{v2.pk}/items", payload


def _api_project(fin, key, value):
    project = InvestmentProject.objects.select_related("owner_body").get(pk=fin["project"].pk)
    component = project.components.first()
    share, life = str(component.share), component.life_years
    amount = str(project.cash_flows.get().amount)
    if key == "amount":
        amount = value
    elif key == "share":
        share = value
    else:
        life = value
    payload = {
        "version": project.version,
        "code": project.code,
        "name": project.name,
        "category": project.category,
        "owner": project.owner_body.slug,
        "status": project.status,
        "activation": project.activation.isoformat() if project.activation else None,
        "recurring": project.recurring,
        "cash_flows": [{"year": 2023, "amount": amount}],
        "components": [{"name": component.name, "share": share, "life_years": life}],
    }
    return "put", f"/api/v1/investment-projects/{project.pk}", payload


APIS = [
    (_api_assumptions, "base_frames"),
    (_api_assumptions, "grants"),
    (_api_assumptions, "population"),
    (_api_assumptions, "index"),
    (_api_assumptions, "tax_rate"),
    (_api_item, "amount"),
    (_api_project, "amount"),
    (_api_project, "share"),
    (_api_project, "life_years"),
]
# JSON can carry what a form cannot: huge integers, floats, null, true.
JSON_BAD = st.one_of(
    BAD,
    st.integers(min_value=10**16, max_value=10**45),
    st.integers(min_value=-(10**45), max_value=-(10**16)),
    st.sampled_from([1e30, -1e30, 0.1, True, [], {}]),
)


@FUZZ
@given(target=st.sampled_from(APIS), value=JSON_BAD)
def test_the_api_refuses_bad_numbers_and_saves_nothing(fin, target, value):
    build, key = target
    before = snapshot()
    method, url, payload = build(fin, key, value)
    response = getattr(fin["client"], method)(
        url, data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code in (400, 409, 422), (build.__name__, key, value, response.content)
    assert snapshot() == before, (build.__name__, key, value)
