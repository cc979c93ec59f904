"""SKR's own forecast file into a scenario's tax-base growth: the table found wherever it is, the
SKR row taken (percent or percent-formatted fractions), the plan years saved with the audit
trail and the space following; a file without such a table refused with nothing saved."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from arshjul.core.models import AuditEntry
from arshjul.demo.finance import load_space
from arshjul.finance.excel import growth_from_skr
from arshjul.finance.models import Scenario, ScenarioYear

EN = {"django_language": "en"}


def skr_workbook(*, fractions: bool = False, label: str = "SKR dec") -> Workbook:
    """Shaped as SKR's circulars: a title, notes, a header row of years, one row per forecaster."""
    wb = Workbook()
    wb.active.title = "Innehåll"
    wb.active["A1"] = "Skatteunderlagsprognos, cirkulär 21:45"
    sheet = wb.create_sheet("Tabell 1")
    sheet["A1"] = "Tabell 1. Skatteunderlagsprognoser, procentuell förändring"
    sheet.append([])
    sheet.append(["", 2021, 2022, 2023, 2024, 2025])
    sheet.append(["Reg sep", 6.0, 4.9, 3.1, 3.3, 3.4])
    values = [5.9, 4.6, 4.0, 3.4, 3.5]
    if fractions:
        values = [v / 100 for v in values]
    sheet.append([label, *values])
    if fractions:
        for cell in sheet[5][1:]:
            cell.number_format = "0.0%"
    sheet.append(["ESV okt", 6.1, 4.5, 3.8, 3.6, 3.2])
    return wb


def upload(client, url, workbook, name="skr-prognos.xlsx"):
    out = BytesIO()
    workbook.save(out)
    return client.post(url, {"file": SimpleUploadedFile(name, out.getvalue())})


@pytest.fixture
def demo(world):
    load_space(world.org)
    scenario = Scenario.objects.get(cycle=world.cycle, name="Bas")
    return {
        "scenario": scenario,
        "url": reverse("finance:excel_skr_import", args=[world.cycle.slug, scenario.pk]),
    }


@pytest.mark.parametrize("fractions", [False, True])
def test_the_skr_row_is_found_under_its_years(fractions):
    growth, where = growth_from_skr(skr_workbook(fractions=fractions))
    assert growth[2023] == Decimal("0.040000") and growth[2025] == Decimal("0.035000")
    assert "Tabell 1" in where and "5" in where


def test_the_forecast_sets_the_plan_years_and_the_space_follows(demo, client_for):
    client = client_for("finance_officer")
    client.cookies.load(EN)
    wb = skr_workbook()
    wb["Tabell 1"]["E5"] = 3.0  # 2024: 3,0 % instead of the demo's 3,4 %
    response = upload(client, demo["url"], wb)
    assert response.status_code == 302
    rows = {r.year: r for r in ScenarioYear.objects.filter(scenario=demo["scenario"])}
    assert rows[2024].tax_base_growth == Decimal("0.030000")
    assert rows[2023].tax_base_growth == Decimal("0.040000")
    assert "skr-prognos.xlsx" in rows[2024].source
    assert rows[2022].tax_base_growth is None  # the budget year's S is typed, not grown
    entry = AuditEntry.objects.get(action="finance.assumptions.edited")
    assert "2024 tax_base_growth" in entry.changes and "2023 tax_base_growth" not in entry.changes
    # S(2024) = 3 369,6 × 1,030 = 3 470,7 on the page
    page = client.get(reverse("finance:scenarios", args=["test-2022"])).content.decode()
    assert "3,470.7" in page


def test_a_file_without_a_forecast_saves_nothing(demo, client_for):
    client = client_for("finance_officer")
    client.cookies.load(EN)
    wb = skr_workbook(label="Regeringen")
    wb["Tabell 1"]["A1"] = "Något annat"
    response = upload(client, demo["url"], wb)
    assert response.status_code == 400
    assert "No forecast found" in response.content.decode()
    assert not AuditEntry.objects.filter(action="finance.assumptions.edited").exists()


def test_only_the_finance_office_reads_a_forecast_in(demo, client_for):
    assert client_for("secretary_committee_a").get(demo["url"]).status_code == 404
    assert client_for("outsider_finance").get(demo["url"]).status_code == 404
