"""The financial space in a real Chromium, with axe-core on every page: the budget chief opens
the 2022 cycle's scenarios from the cycle page, opens a figure's explanation with the keyboard,
and changes an assumption with a decimal comma; the page computes from it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_budget_chief_reads_the_space_and_changes_an_assumption(page, demo):
    log_in(page, "budgetchef")
    page.goto("/cycles/rjh-2022/")
    page.audit.check()
    page.get_by_role("link", name=sv("Scenarios and financial space")).click()
    expect(page).to_have_url(re.compile(r"/finance/cycles/rjh-2022/scenarios/$"))
    page.audit.check()
    table = page.get_by_role("table", name=re.compile("Bas"))
    row = table.get_by_role("row", name=re.compile(r"\(U\)"))
    summary = row.locator("summary").nth(1)  # 2023
    expect(summary).to_contain_text("\u22127,5")
    summary.focus()
    page.keyboard.press("Enter")
    expect(row.locator("details").nth(1)).to_contain_text("U(2023) = Res0 − R = 44,6 − 52,0")
    page.audit.check()

    page.get_by_role("link", name=re.compile(sv("Edit the assumptions") + ".*Bas")).click()
    page.audit.check()
    page.get_by_label(sv("Tax-base growth (%)") + ", 2023").fill("4,5")
    page.get_by_role("button", name=sv("Save the assumptions")).click()
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    page.audit.check()
    expect(page.get_by_role("table", name=re.compile("Bas"))).to_contain_text("3\u202f385,8")
