"""Party budgets in a real Chromium, with axe-core on every page: the opposition politician
(Moderaterna) makes her party's proposal on the council's adopted 2022 version from the frames
page with the keyboard, adds a change item and sees her party's frames beside the majority's
with both balance checks, then tables the proposal."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_the_opposition_politician_makes_and_tables_her_partys_proposal(page, demo):
    from arshjul.demo.finance import V1
    from arshjul.finance.models import Scenario

    scenario = Scenario.objects.get(cycle__slug="rjh-2022", name="Bas")
    log_in(page, "politiker.opposition")
    page.goto(f"/finance/cycles/rjh-2022/scenarios/{scenario.pk}/frames/")
    page.audit.check()

    summary = page.get_by_text(sv("New party proposal"), exact=True)
    summary.focus()
    page.keyboard.press("Enter")
    form = page.locator(
        "form", has=page.get_by_role("button", name=sv("Create the party proposal"))
    )
    party = form.get_by_label(sv("Party") + ":", exact=True)
    expect(party.locator("option")).to_have_count(1)  # her own party only
    expect(party).to_have_value(re.compile(r"\d+"))
    expect(party.locator("option")).to_have_text("Moderaterna")
    form.get_by_label(sv("Based on the version") + ":").select_option(label=V1)
    form.get_by_label(sv("Name (optional)") + ":").fill("Moderaternas yrkande 2023")
    form.get_by_role("button", name=sv("Create the party proposal")).press("Enter")
    expect(page).to_have_url(re.compile(r"/frames/party/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moderaterna")
    page.audit.check()

    form = page.locator("form", has=page.get_by_role("button", name=sv("Add the change item")))
    form.get_by_label(sv("Committee") + ":", exact=True).select_option(
        label="Hälso- och sjukvårdsnämnden"
    )
    form.get_by_label(sv("Year") + ":", exact=True).select_option("2023")
    form.get_by_label(sv("Type") + ":", exact=True).select_option("priority")
    form.get_by_label(sv("Amount (mnkr)")).fill("20")
    form.get_by_label(sv("Text") + ":", exact=True).fill("Fler vårdplatser på länssjukhuset")
    form.get_by_role("button", name=sv("Add the change item")).click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Fler vårdplatser på länssjukhuset")
    page.audit.check()

    side = page.locator("table.frames")
    row = side.get_by_role("row", name=re.compile("Hälso- och sjukvårdsnämnden"))
    expect(row.locator("strong")).to_have_count(3)  # 2023 and the years it carries into
    balance = page.locator("#balance-party")
    expect(balance).to_contain_text("Moderaterna")
    expect(page.get_by_role("table", name=re.compile("Moderaterna"))).to_be_visible()

    page.get_by_role("button", name=sv("Table the proposal")).click()
    expect(main).not_to_contain_text(sv("Draft: not tabled."))
    expect(page.get_by_role("button", name=sv("Table the proposal"))).to_have_count(0)
    page.audit.check()
