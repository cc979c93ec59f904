"""Excel export and import (finance.excel, views_excel): round trips for
each area with Decimal exactness, every bad cell reported with its sheet and cell and nothing
saved, the upload checks, who may download and import, and bounded query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from arshjul.core.models import AuditEntry
from arshjul.demo.finance import V1, V2, load_frames, load_space
from arshjul.demo.investments import load_investments
from arshjul.demo.units import load_unit_budgets
from arshjul.finance.models import (
    BaseFrame,
    CashFlow,
    ChangeItem,
    Component,
    FrameVersion,
    InvestmentPlan,
    InvestmentProject,
    Scenario,
    ScenarioYear,
    UnitBudget,
)
from arshjul.organisation.models import Unit

EN = {"django_language": "en"}


@pytest.fixture
def demo(world):
    load_space(world.org)
    load_investments(world.org)  # before the frames, as the demo: its capital costs are in them
    load_frames(world.org)
    load_unit_budgets(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    v1 = FrameVersion.objects.get(scenario=scenario, name=V1)
    v2 = FrameVersion.objects.get(scenario=scenario, name=V2)
    slug = world.cycle.slug
    units = {
        "slug": slug,
        "pk": scenario.pk,
        "vid": v2.pk,
        "body_id": world.committee_a.pk,
        "year": 2023,
    }
    return {
        "scenario": scenario,
        "v1": v1,
        "v2": v2,
        "assumptions": reverse("finance:excel_assumptions", args=[slug, scenario.pk]),
        "assumptions_import": reverse("finance:excel_assumptions_import", args=[slug, scenario.pk]),
        "everything": reverse("finance:excel_everything", args=[slug, scenario.pk]),
        "frames": reverse("finance:excel_frames", args=[slug, scenario.pk, v2.pk]),
        "frames_import": reverse("finance:excel_frames_import", args=[slug, scenario.pk, v2.pk]),
        "frames_v1_import": reverse("finance:excel_frames_import", args=[slug, scenario.pk, v1.pk]),
        "investments": reverse("finance:excel_investments"),
        "investments_import": reverse("finance:excel_investments_import"),
        "units": reverse("finance:excel_units", kwargs=units),
        "units_import": reverse("finance:excel_units_import", kwargs=units),
    }


def english(client):
    client.cookies.load(EN)
    return client


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return load_workbook(BytesIO(response.content))


def upload(client, url, workbook, name="file.xlsx"):
    out = BytesIO()
    workbook.save(out)
    return client.post(url, {"file": SimpleUploadedFile(name, out.getvalue())})


def errors_of(response) -> list[str]:
    assert response.status_code == 400, response.status_code
    return [str(e) for e in response.context["errors"]]


def row_of(sheet, column: int, value) -> int:
    for row in range(3, sheet.max_row + 1):
        if sheet.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(f"{value} not in {sheet.title}")


# --- (a) assumptions ------------------------------------------------------------------------


def test_assumptions_round_trip_unchanged_then_exact_changes(demo, client_for):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["assumptions"])
    assert workbook.sheetnames == ["Assumptions", "Financial space"]
    assert workbook.properties.creator == "Årshjul"
    sheet = workbook["Assumptions"]
    assert sheet.freeze_panes == "A3"
    assert sheet["D2"].value == "2022" and sheet["B3"].value == "base_frames"
    audits = AuditEntry.objects.count()
    response = upload(client, demo["assumptions_import"], workbook)
    assert response.status_code == 302
    assert AuditEntry.objects.count() == audits  # nothing changed, nothing recorded

    revenue = row_of(sheet, 2, "tax_revenue")
    index = row_of(sheet, 2, "index")
    sheet.cell(row=revenue, column=5).value = Decimal("4123456789.37")  # 2023
    sheet.cell(row=index, column=6).value = 0.031  # 2024, typed as 3,1 %
    sheet.cell(row=3, column=4).value = 4735123456.01
    assert upload(client, demo["assumptions_import"], workbook).status_code == 302
    row = ScenarioYear.objects.get(scenario=demo["scenario"], year=2023)
    assert row.tax_revenue == Decimal("4123456789.37")
    assert ScenarioYear.objects.get(scenario=demo["scenario"], year=2024).index == Decimal("0.031")
    scenario = Scenario.objects.get(pk=demo["scenario"].pk)
    assert scenario.base_frames == Decimal("4735123456.01")
    entry = AuditEntry.objects.filter(action="finance.assumptions.edited").latest("pk")
    assert set(entry.changes) == {"base_frames", "2023 tax_revenue", "2024 index"}


def test_a_computed_sigma_kk_is_not_taken_from_the_file(demo, client_for):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["assumptions"])
    sheet = workbook["Assumptions"]
    kk = row_of(sheet, 2, "capital_costs")
    typed = ScenarioYear.objects.get(scenario=demo["scenario"], year=2023).capital_costs
    sheet.cell(row=kk, column=5).value = 1  # 2023: computed from the plan, so not imported
    sheet.cell(row=row_of(sheet, 2, "central_items"), column=5).value = 121000000
    assert upload(client, demo["assumptions_import"], workbook).status_code == 302
    row = ScenarioYear.objects.get(scenario=demo["scenario"], year=2023)
    assert (row.capital_costs, row.central_items) == (typed, Decimal("121000000"))


def test_assumptions_with_bad_cells_lists_each_and_saves_nothing(demo, client_for):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["assumptions"])
    sheet = workbook["Assumptions"]
    revenue = row_of(sheet, 2, "tax_revenue")
    grants = row_of(sheet, 2, "grants")
    index = row_of(sheet, 2, "index")
    sheet.cell(row=revenue, column=4).value = "a lot"
    sheet.cell(row=grants, column=5).value = -5
    sheet.cell(row=index, column=6).value = 0.9  # 90 %
    sheet.cell(row=revenue, column=6).value = Decimal("1.234")
    before = list(ScenarioYear.objects.order_by("pk").values())
    errors = errors_of(upload(client, demo["assumptions_import"], workbook))
    assert len(errors) == 4
    assert f"Assumptions, D{revenue}: “a lot” is not a number" in errors[0]
    assert f"Assumptions, E{grants}: The amount cannot be negative." in errors
    assert any(e.startswith(f"Assumptions, F{index}: Write a percentage") for e in errors)
    assert any(e.startswith(f"Assumptions, F{revenue}: Too many decimals") for e in errors)
    assert list(ScenarioYear.objects.order_by("pk").values()) == before


def test_a_missing_sheet_or_header_and_a_bad_file(demo, client_for, settings):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["assumptions"])
    workbook["Assumptions"]["B2"].value = "Nyckelord"
    errors = errors_of(upload(client, demo["assumptions_import"], workbook))
    assert errors == ["Assumptions, B2: The header “Key” is missing."]
    del workbook["Assumptions"]
    errors = errors_of(upload(client, demo["assumptions_import"], workbook))
    assert errors == ["Assumptions: The sheet “Assumptions” is missing."]
    response = client.post(
        demo["assumptions_import"], {"file": SimpleUploadedFile("a.xlsx", b"not a zip")}
    )
    assert "cannot be read as an Excel workbook" in errors_of(response)[0]
    response = client.post(
        demo["assumptions_import"], {"file": SimpleUploadedFile("a.csv", b"a;b")}
    )
    assert errors_of(response) == ["Upload an Excel file (.xlsx)."]
    settings.FINANCE_IMPORT_MAX_BYTES = 1000
    workbook = download(client, demo["assumptions"])
    assert "larger than" in errors_of(upload(client, demo["assumptions_import"], workbook))[0]


def test_the_error_list_is_swedish_by_default(demo, client_for):
    client = client_for("finance_officer")
    workbook = download(client, demo["assumptions"])
    assert workbook.sheetnames == ["Antaganden", "Ekonomiskt utrymme"]
    sheet = workbook["Antaganden"]
    sheet.cell(row=row_of(sheet, 2, "grants"), column=5).value = -5
    response = upload(client, demo["assumptions_import"], workbook)
    page = response.content.decode()
    assert "Filen lästes inte in" in page and "Beloppet kan inte vara negativt." in page
    assert 'aria-describedby="import-errors-heading"' in page


# --- (b) frames -----------------------------------------------------------------------------


def test_frames_round_trip(world, demo, client_for):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["frames"])
    assert workbook.sheetnames == ["Base frames", "Change items", "Frames", "Balance check"]
    v2 = demo["v2"]
    before = v2.version
    assert upload(client, demo["frames_import"], workbook).status_code == 302
    v2.refresh_from_db()
    assert v2.version == before  # unchanged: nothing saved, no audit

    base = workbook["Base frames"]
    hsn = row_of(base, 1, world.committee_a.short_name)
    base.cell(row=hsn, column=3).value = Decimal("3955600000.55")
    items = workbook["Change items"]
    items.append(
        [world.committee_b.short_name, 2024, "saving", 2500000.25, "Färre lokaler", "RS § 12", True]
    )
    removed = items.cell(row=3, column=5).value
    v1_items = ChangeItem.objects.filter(frame_version=demo["v1"]).count()
    items.delete_rows(3)
    assert upload(client, demo["frames_import"], workbook).status_code == 302
    amount = BaseFrame.objects.get(frame_version=v2, body=world.committee_a).amount
    assert amount == Decimal("3955600000.55")
    new = ChangeItem.objects.get(frame_version=v2, text="Färre lokaler")
    assert (new.kind, new.amount, new.one_off) == ("saving", Decimal("2500000.25"), True)
    assert not ChangeItem.objects.filter(frame_version=v2, text=removed).exists()
    assert ChangeItem.objects.filter(frame_version=demo["v1"]).count() == v1_items
    actions = set(
        AuditEntry.objects.filter(action__startswith="finance.frames.").values_list(
            "action", flat=True
        )
    )
    assert {"finance.frames.base_edited", "finance.frames.item_added"} <= actions
    assert "finance.frames.item_removed" in actions


def test_frames_with_bad_cells_and_an_adopted_version(world, demo, client_for):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["frames"])
    items = workbook["Change items"]
    items.append(["XYZ", 2031, "priority", -3, "", None, None])
    items.append([world.committee_b.short_name, 2024, "wish", "ten", "Text", None, "maybe"])
    row = items.max_row
    count = ChangeItem.objects.count()
    errors = errors_of(upload(client, demo["frames_import"], workbook))
    assert errors == [
        f"Change items, A{row - 1}: Unknown committee “XYZ”.",
        f"Change items, B{row - 1}: 2031 is outside the scenario's years 2022–2025.",
        f"Change items, D{row - 1}: Write a priority or a saving as a positive amount; "
        "a saving is deducted.",
        f"Change items, E{row - 1}: This cell must not be empty.",
        f"Change items, C{row}: “wish” is not one of: index compensation, priority, saving, "
        "technical adjustment.",
        f"Change items, D{row}: “ten” is not a number (kronor with öre).",
        f"Change items, G{row}: Write yes or no.",
    ]
    assert ChangeItem.objects.count() == count
    errors = errors_of(upload(client, demo["frames_v1_import"], workbook))
    assert "is adopted and cannot be changed" in errors[0]


# --- (c) the investment plan ----------------------------------------------------------------


def test_investments_round_trip(world, demo, client_for):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["investments"])
    assert workbook.sheetnames == ["Projects", "Cash flows", "Components", "Capital costs"]
    assert workbook["Projects"]["F3"].number_format == "yyyy-mm-dd"
    audits = AuditEntry.objects.count()
    assert upload(client, demo["investments_import"], workbook).status_code == 302
    assert AuditEntry.objects.count() == audits

    flows = workbook["Cash flows"]
    flows.cell(row=3, column=3).value = 12345678.91
    code = flows.cell(row=3, column=1).value
    year = flows.cell(row=3, column=2).value
    workbook["Projects"].append(["P99", "Ny vårdbyggnad", "Buildings", "HSN", "Idea", None, False])
    flows.append(["P99", 2025, Decimal("1000000.01")])
    workbook["Components"].append(["P99", "Stomme", 0.6, 50])
    workbook["Components"].append(["P99", "Installationer", "40 %", 20])
    assert upload(client, demo["investments_import"], workbook).status_code == 302
    flow = CashFlow.objects.get(project__code=code, year=year)
    assert flow.amount == Decimal("12345678.91")
    new = InvestmentProject.objects.get(code="P99")
    assert (new.category, new.status, new.owner_body) == ("buildings", "idea", world.committee_a)
    assert [c.amount for c in new.cash_flows.all()] == [Decimal("1000000.01")]
    assert [(c.name, c.share, c.life_years) for c in new.components.all()] == [
        ("Stomme", Decimal("0.6"), 50),
        ("Installationer", Decimal("0.4"), 20),
    ]
    assert AuditEntry.objects.filter(action="finance.investment.created").count() == 1
    assert AuditEntry.objects.filter(action="finance.investment.edited").count() == 1


def test_investments_with_bad_cells(world, demo, client_for):
    client = english(client_for("finance_officer"))
    workbook = download(client, demo["investments"])
    projects, flows = workbook["Projects"], workbook["Cash flows"]
    components = workbook["Components"]
    projects.append(["P98", "Nytt", "Buildings", "NOPE", "Idea", dt.date(2023, 1, 1), None])
    flows.append(["P98", 2024, 1000])
    flows.append(["P98", 2040, 1000])
    flows.append(["Q01", 2024, -1])
    components.append(["P98", "Stomme", 0.5, 0])
    components.append(["P98", "Tak", 0.4, 30])
    before = InvestmentProject.objects.count(), CashFlow.objects.count(), Component.objects.count()
    errors = errors_of(upload(client, demo["investments_import"], workbook))
    p, f, c = projects.max_row, flows.max_row, components.max_row
    assert errors == [
        f"Projects, D{p}: Unknown body “NOPE”.",
        f"Cash flows, B{f - 1}: 2040 is outside the plan's horizon 2022–2031.",
        f"Cash flows, A{f}: Unknown project code “Q01”: list the project on the projects sheet.",
        f"Cash flows, C{f}: The amount cannot be negative.",
        f"Components, D{c - 1}: A depreciation period is 1 to 100 years.",
        f"Components, C{c}: The components' shares of P98 add up to 40 %, not 100 %.",
        f"Projects, F{p}: The activation date is before the first cash flow (2024).",
    ]
    after = InvestmentProject.objects.count(), CashFlow.objects.count(), Component.objects.count()
    assert after == before


# --- (d) unit budgets -----------------------------------------------------------------------


def test_unit_budgets_round_trip_and_an_approved_budget(world, demo, client_for):
    client = english(client_for("secretary_committee_a"))
    workbook = download(client, demo["units"])
    sheet = workbook["Unit budgets"]
    assert upload(client, demo["units_import"], workbook).status_code == 302
    first = sheet.cell(row=3, column=1).value
    sheet.cell(row=3, column=2).value = 61030512.5
    assert upload(client, demo["units_import"], workbook).status_code == 302
    budget = UnitBudget.objects.get(unit__name=first, year=2023, frame_version=demo["v2"])
    assert budget.amount == Decimal("61030512.50")
    UnitBudget.objects.filter(pk=budget.pk).update(status="approved")
    sheet.cell(row=3, column=2).value = 1
    sheet.cell(row=4, column=1).value = "Okänd enhet"
    errors = errors_of(upload(client, demo["units_import"], workbook))
    assert errors == [
        "Unit budgets, B3: The budget is approved and cannot be changed.",
        "Unit budgets, A4: Unknown unit “Okänd enhet”.",
    ]
    assert UnitBudget.objects.get(pk=budget.pk).amount == Decimal("61030512.50")


# --- permissions ----------------------------------------------------------------------------


def test_a_committee_downloads_the_frames_page_rows_and_its_own_projects(world, demo, client_for):
    # Issue 11: every committee's frames of a prepared version (it was her own committee's).
    workbook = download(english(client_for("secretary_committee_a")), demo["frames"])
    assert workbook.sheetnames == ["Base frames", "Change items", "Frames"]  # no balance check
    names = {c.value for c in workbook["Frames"]["A"][2:]}
    assert {world.committee_a.short_name, world.committee_b.short_name} <= names
    workbook = download(english(client_for("secretary_committee_b")), demo["investments"])
    owners = {c.value for c in workbook["Projects"]["D"][2:]}
    assert owners == {world.committee_b.short_name}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("finance_officer", [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("secretary_committee_a", [404, 404, 404, 200, 403, 200, 403, 200, 200]),
        ("politician_majority", [404, 404, 404, 200, 403, 200, 403, 404, 404]),
        ("outsider_finance", [404, 404, 404, 404, 404, 404, 404, 404, 404]),
        ("anonymous", [404, 404, 404, 404, 404, 404, 404, 404, 404]),
    ],
)
def test_who_may_download_and_import(demo, client_for, persona, expected):
    client = client_for(persona)
    keys = [
        "assumptions",
        "assumptions_import",
        "everything",
        "frames",
        "frames_import",
        "investments",
        "investments_import",
        "units",
        "units_import",
    ]
    assert [client.get(demo[k]).status_code for k in keys] == expected


def test_only_editors_import(demo, client_for):
    workbook = download(client_for("finance_officer"), demo["frames"])
    response = upload(client_for("secretary_committee_a"), demo["frames_import"], workbook)
    assert response.status_code == 403


def test_the_pages_link_to_the_excel_files(world, demo, client_for):
    client = client_for("finance_officer")
    page = client.get(reverse("finance:scenarios", args=[world.cycle.slug])).content.decode()
    assert demo["assumptions"] in page and demo["everything"] in page
    assert demo["assumptions_import"] in page
    frames = reverse("finance:frames", args=[world.cycle.slug, demo["scenario"].pk])
    page = client.get(f"{frames}?version={demo['v2'].pk}").content.decode()
    assert demo["frames"] in page and demo["frames_import"] in page
    page = client.get(reverse("finance:investments")).content.decode()
    assert demo["investments"] in page and demo["investments_import"] in page
    units = reverse("finance:unit_budgets", kwargs=_units_kwargs(world, demo))
    page = client.get(units).content.decode()
    assert demo["units"] in page and demo["units_import"] in page


def _units_kwargs(world, demo):
    return {
        "slug": world.cycle.slug,
        "pk": demo["scenario"].pk,
        "vid": demo["v2"].pk,
        "body_id": world.committee_a.pk,
        "year": 2023,
    }


def test_everything_has_every_part(demo, client_for):
    workbook = download(english(client_for("finance_officer")), demo["everything"])
    for name in (
        "Assumptions",
        "Financial space",
        "Frame versions",
        "V1 Base frames",
        "V2 Change items",
        "V2 Balance check",
        "Projects",
        "Capital costs",
        "Unit budgets",
    ):
        assert name in workbook.sheetnames
    assert workbook["Frame versions"]["B4"].value == V2


# --- query counts ---------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(world, demo, n: int) -> None:
    plan = InvestmentPlan.objects.get(organisation=world.org)
    for i in range(n):
        project = InvestmentProject.objects.create(
            plan=plan,
            code=f"X{InvestmentProject.objects.count():03}",
            name="Extra",
            category="other",
            owner_body=world.committee_a,
            status="decided",
            activation=dt.date(2024, 1, 1),
        )
        CashFlow.objects.create(project=project, year=2023, amount=Decimal(1_000_000 + i))
        Component.objects.create(project=project, name="A", share=Decimal(1), life_years=5)
        ChangeItem.objects.create(
            frame_version=demo["v2"],
            body=world.committee_a,
            year=2023,
            kind="adjustment",
            amount=Decimal(i),
            text=f"Extra {i}",
        )
        unit = Unit.objects.create(
            organisation=world.org, name=f"Extra {i}", kind="department", body=world.committee_a
        )
        UnitBudget.objects.create(frame_version=demo["v2"], unit=unit, year=2023, amount=Decimal(i))


def test_export_query_counts_do_not_grow(world, demo, client_for):
    client = client_for("finance_officer")
    urls = [demo[k] for k in ("assumptions", "frames", "investments", "units", "everything")]
    _grow(world, demo, 2)
    before = [_count(client, u) for u in urls]
    _grow(world, demo, 20)
    assert [_count(client, u) for u in urls] == before


def test_computed_amounts_are_written_to_the_ore(demo, client_for):
    workbook = download(english(client_for("finance_officer")), demo["everything"])
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if cell.number_format == "#,##0.00" and isinstance(cell.value, float):
                    assert round(cell.value, 2) == cell.value, (sheet.title, cell.coordinate)
