"""Committees' change proposals in a real Chromium, with axe-core on every page: the HSN
secretary proposes a priority on the February revision; the budget chief lowers the amount and
takes it in as a change item; the secretary sees the outcome."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in, log_out

pytestmark = pytest.mark.browser


def test_a_committee_proposes_and_the_finance_office_takes_it_in(page, demo):
    from arshjul.demo.finance import V2
    from arshjul.finance.models import Scenario

    scenario = Scenario.objects.get(cycle__slug="rjh-2022", name="Bas")
    url = f"/finance/cycles/rjh-2022/scenarios/{scenario.pk}/frames/"
    log_in(page, "sekreterare.hsn")
    page.goto(url)
    page.audit.check()
    summary = page.get_by_text(sv("Propose a change to %(name)s", name=V2))
    summary.focus()
    page.keyboard.press("Enter")
    form = page.locator("form", has=page.get_by_role("button", name=sv("Send the proposal")))
    expect(form.get_by_label(sv("Committee") + ":", exact=True).locator("option")).to_have_count(
        2  # the empty choice and HSN
    )
    form.get_by_label(sv("Committee") + ":", exact=True).select_option(
        label="Hälso- och sjukvårdsnämnden"
    )
    form.get_by_label(sv("Year") + ":", exact=True).select_option("2024")
    form.get_by_label(sv("Type") + ":", exact=True).select_option("priority")
    form.get_by_label(sv("Amount (mnkr)")).fill("6")
    form.get_by_label(sv("Text") + ":", exact=True).fill("Fler barnmorskor")
    form.get_by_label(sv("Justification") + ":").fill("Väntetiderna i förlossningsvården")
    form.get_by_role("button", name=sv("Send the proposal")).click()
    open_table = page.get_by_role("table", name=sv("Open proposals"))
    expect(open_table).to_contain_text("Fler barnmorskor")
    page.audit.check()
    log_out(page)
    page.audit.check()

    log_in(page, "budgetchef")
    page.goto(url)
    page.audit.check()
    open_table = page.get_by_role("table", name=sv("Open proposals"))
    expect(open_table).to_contain_text("Utökad barn- och ungdomspsykiatri")  # the demo's own
    mine = open_table.locator("tr", has_text="Fler barnmorskor")
    mine.get_by_label(sv("Amount (mnkr)")).fill("4,5")
    mine.get_by_role("button", name=re.compile(re.escape(sv("Take in")))).press("Enter")
    items = page.get_by_role("table", name=sv("Change items, %(name)s", name=V2))
    expect(items).to_contain_text("Fler barnmorskor")
    expect(items.get_by_role("row", name=re.compile("Fler barnmorskor"))).to_contain_text("4,5")
    expect(page.get_by_role("table", name=sv("Decided proposals"))).to_contain_text(sv("taken in"))
    page.audit.check()
