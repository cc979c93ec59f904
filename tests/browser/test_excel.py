"""Excel import in a real Chromium, with axe-core on every page: the budget chief downloads the
investment plan, uploads it with a bad cell and reads the error list (sheet, cell, what is
wrong), then uploads a corrected file and sees the change on the plan."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_budget_chief_imports_the_plan_after_a_bad_cell(page, demo, tmp_path):
    log_in(page, "budgetchef")
    page.goto("/finance/investments/")
    page.audit.check()
    with page.expect_download() as info:
        page.get_by_role("link", name=sv("Download the investment plan (Excel)")).click()
    downloaded = tmp_path / "plan.xlsx"
    info.value.save_as(downloaded)
    workbook = load_workbook(downloaded)
    projects = workbook[sv("Projects")]
    flows = workbook[sv("Cash flows")]
    flows["C3"] = "mycket"
    bad = tmp_path / "bad.xlsx"
    workbook.save(bad)

    page.get_by_role("link", name=sv("Import the investment plan from Excel")).click()
    page.audit.check()
    page.get_by_label(sv("Excel file (.xlsx)")).set_input_files(bad)
    page.get_by_role("button", name=sv("Import")).click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text(sv("Sheet “%(sheet)s”", sheet=sv("Cash flows")))
    expect(errors).to_contain_text(sv("cell %(cell)s", cell="C3"))
    expect(errors).to_contain_text("mycket")
    page.audit.check()

    flows["C3"] = 5_000_000
    projects["B3"] = "Nytt namn från Excel"
    good = tmp_path / "good.xlsx"
    workbook.save(good)
    page.get_by_label(sv("Excel file (.xlsx)")).set_input_files(good)
    page.get_by_role("button", name=sv("Import")).click()
    expect(page.get_by_role("main")).to_contain_text("Nytt namn från Excel")
    page.audit.check()
