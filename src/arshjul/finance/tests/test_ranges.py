"""Numbers in range (issue 11, point 12): every amount, percentage and count has one declared
range that the form, the API, the Excel import and the database apply with one message; huge,
malformed and exotic numbers are refused with that message (never a 500, nothing saved); a row
stored out of range before the constraint existed reads, warns and takes a correction."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.ranges import parse_typed
from arshjul.demo.finance import V1, V2, load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.demo.units import load_unit_budgets
from arshjul.finance import services_party
from arshjul.finance.models import (
    CashFlow,
    ChangeItem,
    FrameVersion,
    InvestmentProject,
    Scenario,
    ScenarioYear,
    UnitBudget,
)
from arshjul.finance.models.ranges import AMOUNT
from arshjul.organisation.models import Party

HUGE = "99999999999999999999999"
EN = {"django_language": "en"}
MESSAGE = "An amount must lie between −10 000 000 and 10 000 000 mnkr."


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_investments(world.org)
    load_frames(world.org)
    load_unit_budgets(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    v2 = FrameVersion.objects.get(scenario=scenario, name=V2)
    units = {
        "slug": world.cycle.slug,
        "pk": scenario.pk,
        "vid": v2.pk,
        "body_id": world.committee_a.pk,
        "year": 2023,
    }
    return {
        "scenario": scenario,
        "v2": v2,
        "units": reverse("finance:unit_budgets", kwargs=units),
        "units_excel": reverse("finance:excel_units", kwargs=units),
        "units_import": reverse("finance:excel_units_import", kwargs=units),
        "everything": reverse("finance:excel_everything", args=[world.cycle.slug, scenario.pk]),
        "assumptions": reverse(
            "finance:excel_assumptions_import", args=[world.cycle.slug, scenario.pk]
        ),
    }


def english(client):
    client.cookies.load(EN)
    return client


def kirurgi() -> UnitBudget:
    return UnitBudget.objects.get(unit__name="Kirurgi", year=2023)


# --- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("3 240,5", Decimal("3240.5")),
        ("−1,25", Decimal("-1.25")),
        ("-0", Decimal(0)),
        ("−0,0", Decimal("0.0")),
        ("+7.", Decimal(7)),
        (",5", Decimal("0.5")),
    ],
)
def test_typed_numbers_in_swedish_and_english(typed, number):
    parsed = parse_typed(typed)
    assert parsed == number
    assert not (parsed.is_zero() and parsed.is_signed())


@pytest.mark.parametrize(
    "typed",
    ["NaN", "nan", "Infinity", "-inf", "1e30", "1E3", "1,5.3", "1.000,5", "4" * 40, "", "--1", "½"],
)
def test_what_is_not_a_typed_number_is_refused(typed):
    with pytest.raises(ValueError):
        parse_typed(typed)


def test_the_range_and_its_constraint_share_one_name_and_message():
    assert Decimal("9999999999999.99") in AMOUNT and Decimal("1e13") not in AMOUNT
    assert Decimal("NaN") not in AMOUNT and "x" not in AMOUNT
    names = {c.name for c in UnitBudget._meta.constraints}
    assert "finance_unitbudget_amount_range" in names
    with pytest.raises(DomainError) as caught:
        AMOUNT.check(Decimal(HUGE), field="amount")
    assert caught.value.domain_code == "range"


# --- the database ----------------------------------------------------------------------------


def test_the_model_and_the_database_refuse_an_amount_out_of_range(demo):
    budget = kirurgi()
    with pytest.raises(DomainError), transaction.atomic():
        UnitBudget.objects.filter(pk=budget.pk).update(amount=Decimal(HUGE))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            # within numeric(16, 2) on PostgreSQL, past the range: the check refuses it
            "UPDATE finance_unitbudget SET amount = 99999999999999 WHERE id = %s",
            [budget.pk],
        )
    assert kirurgi().amount == budget.amount


# --- point 12: forms, page, exports ----------------------------------------------------------


def test_a_huge_unit_budget_is_refused_with_the_message(demo, client_for):
    client = english(client_for("finance_officer"))
    budget = kirurgi()
    url = f"{demo['units']}{budget.unit_id}/amount/"
    for typed in (HUGE, "1e30", "NaN", "4" * 40, "1,5.3", "Infinity"):
        response = client.post(url, {"amount": typed, "expected": budget.version}, follow=True)
        assert response.status_code == 200
    assert (
        MESSAGE
        in client.post(
            url, {"amount": HUGE, "expected": budget.version}, follow=True
        ).content.decode()
    )
    assert kirurgi().amount == budget.amount and kirurgi().version == budget.version
    for url in (demo["units"], demo["units_excel"], demo["everything"]):
        assert client.get(url).status_code == 200


def _store_out_of_range(budget: UnitBudget) -> None:
    """As on a database from before the constraint (SQLite kept what it was given)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = 1")
        try:
            cursor.execute(
                f"UPDATE finance_unitbudget SET amount = {HUGE}000 WHERE id = %s",
                [budget.pk],
            )
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = 0")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="numeric(16, 2) cannot hold the row")
def test_a_row_stored_out_of_range_warns_and_takes_a_correction(demo, client_for):
    budget = kirurgi()
    _store_out_of_range(budget)
    client = english(client_for("finance_officer"))
    page = client.get(demo["units"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Stored outside its range" in html and MESSAGE in html
    assert client.get(demo["units_excel"]).status_code == 200
    assert client.get(demo["everything"]).status_code == 200
    response = client.post(
        f"{demo['units']}{budget.unit_id}/amount/",
        {"amount": "420 000", "expected": kirurgi().version},
    )
    assert response.status_code == 302
    assert kirurgi().amount == Decimal("420000000")
    assert "Stored outside its range" not in client.get(demo["units"]).content.decode()


def test_huge_assumptions_answer_the_form_with_the_message(demo, client_for):
    from arshjul.finance.tests.test_scenarios import URL, form_data

    scenario = demo["scenario"]
    client = english(client_for("finance_officer"))
    before = list(ScenarioYear.objects.filter(scenario=scenario).values())
    for typed in (HUGE, "1e30", "NaN", "4" * 40, "-" + HUGE):
        response = client.post(
            f"{URL}{scenario.pk}/",
            form_data(scenario, y2023_grants=typed, y2024_index=typed, y2023_population=typed),
        )
        assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert "Write a population between 0 and 100 000 000." in response.content.decode()
    assert list(ScenarioYear.objects.filter(scenario=scenario).values()) == before


def test_a_huge_cash_flow_is_refused(demo, client_for):
    from arshjul.finance.tests.test_investments import _form

    project = InvestmentProject.objects.get(code="P03")
    client = english(client_for("finance_officer"))
    url = reverse("finance:investment_edit", args=[project.pk])
    before = list(CashFlow.objects.values_list("project_id", "year", "amount"))
    for typed in ("1e30", "NaN", "4" * 40, HUGE):
        response = client.post(url, _form(project, cf_2023=typed, comp_share_0=typed))
        assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert list(CashFlow.objects.values_list("project_id", "year", "amount")) == before


def test_a_huge_change_item_of_a_party_is_refused(world, demo, client_for):
    base = FrameVersion.objects.get(scenario=demo["scenario"], name=V1)
    party = Party.objects.create(organisation=world.org, name="Oppositionen", abbreviation="OPP")
    proposal = services_party.create_proposal(base=base, party=party, by=SYSTEM)
    url = reverse(
        "finance:party_item_new", args=[world.cycle.slug, demo["scenario"].pk, proposal.pk]
    )
    client = english(client_for("finance_officer"))
    before = ChangeItem.objects.count()
    for typed in ("1e30", "NaN", "1,5.3", HUGE):
        response = client.post(
            url,
            {
                "body": world.committee_a.pk,
                "year": 2023,
                "kind": "priority",
                "amount": typed,
                "text": "Allt",
                "expected": proposal.frame_version.version,
            },
        )
        assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert ChangeItem.objects.count() == before


def test_an_excel_cell_of_ten_to_the_thirty_is_a_listed_bad_cell(demo, client_for):
    client = english(client_for("secretary_committee_a"))
    workbook = load_workbook(BytesIO(client.get(demo["units_excel"]).content))
    sheet = workbook["Unit budgets"]
    sheet.cell(row=3, column=2).value = 10**30
    sheet.cell(row=4, column=2).value = 1e30
    out = BytesIO()
    workbook.save(out)
    before = list(UnitBudget.objects.values_list("pk", "amount"))
    response = client.post(
        demo["units_import"], {"file": SimpleUploadedFile("u.xlsx", out.getvalue())}
    )
    assert response.status_code == 400
    assert [str(e) for e in response.context["errors"]] == [
        f"Unit budgets, B3: {MESSAGE}",
        f"Unit budgets, B4: {MESSAGE}",
    ]
    assert list(UnitBudget.objects.values_list("pk", "amount")) == before
