"""Unit budgets in a real Chromium, with axe-core on every page: the HSN secretary opens her
committee's 2023 unit budgets from the frames page, changes a unit's budget and sees the sum
check's warning appear, puts it back and sees it go, records the union consultation and
approves the unit's budget."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_the_hsn_secretary_sets_consults_and_approves_a_unit_budget(page, demo):
    from arshjul.finance.models import Scenario

    scenario = Scenario.objects.get(cycle__slug="rjh-2022", name="Bas")
    log_in(page, "sekreterare.hsn")
    page.goto(f"/finance/cycles/rjh-2022/scenarios/{scenario.pk}/frames/")
    page.audit.check()
    row = page.get_by_role("row", name=re.compile("Hälso- och sjukvårdsnämnden"))
    summary = row.locator("summary").nth(1)  # 2023
    summary.focus()
    page.keyboard.press("Enter")
    row.locator("details").nth(1).get_by_role("link", name=sv("Unit budgets")).click()
    expect(page).to_have_url(re.compile(r"/units/\d+/2023/$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(sv("The unit budgets sum to the frame."))
    page.audit.check()

    unit = "Primärvård"
    page.get_by_label(re.compile(re.escape(sv("Budget (tkr)")) + ".*" + unit)).fill("820 100")
    page.get_by_role("button", name=re.compile(re.escape(sv("Save")) + ".*" + unit)).press("Enter")
    warning = page.locator("p.warning[role=status]")
    expect(warning).to_contain_text("100\u202f000 kr")
    page.audit.check()

    page.get_by_label(re.compile(re.escape(sv("Budget (tkr)")) + ".*" + unit)).fill("820000")
    page.get_by_role("button", name=re.compile(re.escape(sv("Save")) + ".*" + unit)).click()
    expect(warning).to_have_count(0)
    expect(main).to_contain_text(sv("The unit budgets sum to the frame."))
    page.audit.check()

    unit_row = page.get_by_role("row", name=re.compile(unit))
    consult = unit_row.get_by_text(sv("Record the union consultation"))
    consult.focus()
    page.keyboard.press("Enter")
    unit_row.get_by_label(sv("Parties")).fill("Vårdförbundet, Kommunal")
    unit_row.get_by_label(sv("Outcome")).fill("Enighet")
    unit_row.get_by_role("button", name=sv("Record"), exact=True).click()
    unit_row = page.get_by_role("row", name=re.compile(unit))
    expect(unit_row).to_contain_text("Vårdförbundet, Kommunal – Enighet")
    page.audit.check()

    unit_row.get_by_role("button", name=re.compile(re.escape(sv("Approve")))).click()
    unit_row = page.get_by_role("row", name=re.compile(unit))
    expect(unit_row).to_contain_text(sv("approved"))
    expect(unit_row.get_by_role("button")).to_have_count(0)
    page.audit.check()
