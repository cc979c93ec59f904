"""The investment plan in a real Chromium, with axe-core on every page: the budget chief reads
the plan with its 2024 warning, opens the CT scanner, and a bad change is refused with a message;
the HSN secretary sees her committee's projects."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_budget_chief_reads_the_plan_and_a_bad_change_is_refused(page, demo):
    log_in(page, "budgetchef")
    page.goto("/finance/investments/")
    page.audit.check()
    expect(page.get_by_role("alert")).to_contain_text("0,6")
    page.get_by_role("link", name=re.compile(r"^P03 ")).click()
    expect(page.get_by_role("main")).to_contain_text("962\u202f500")
    page.audit.check()
    page.get_by_role("link", name=sv("Change the project")).click()
    page.audit.check()
    page.get_by_label(sv("Share (%%) of component %(n)s", n=1)).fill("90")
    page.get_by_role("button", name=sv("Save")).click()
    expect(page.get_by_role("alert").first).to_contain_text("90")
    page.audit.check()


def test_the_hsn_secretary_sees_her_committees_projects(page, demo):
    log_in(page, "sekreterare.hsn")
    page.goto("/finance/investments/")
    page.audit.check()
    expect(page.get_by_role("main")).to_contain_text("P03")
    expect(page.get_by_role("main")).not_to_contain_text("P01 ")
