"""The frames charts and the restoration of deficits in a real Chromium, with axe-core: the
budget chief sees the charts and the 2019 deficit missing its deadline, is refused a negative
amount in words, and records a deficit from 2020."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_budget_chief_reads_the_charts_and_records_a_deficit(page, demo):
    log_in(page, "budgetchef")
    page.goto("/finance/cycles/rjh-2022/scenarios/")
    expect(
        page.get_by_role("img", name=sv("Financial space U per year and scenario (mnkr)"))
    ).to_be_visible()
    page.audit.check()  # the scenario chart with its new axis
    page.get_by_role("link", name=re.compile(sv("Frames per committee") + ".*Bas")).click()
    expect(page).to_have_url(re.compile(r"/frames/$"))
    main = page.locator("main")
    expect(
        main.get_by_role("img", name=sv("Budgeted result and the financial goal per year (mnkr)"))
    ).to_be_visible()
    expect(main.locator("svg[aria-describedby='frames-table-caption']")).to_be_visible()
    section = page.get_by_role("region", name=sv("Restoring deficits"))
    expect(section).to_contain_text("118,0")
    expect(section).to_contain_text("2019")
    page.audit.check()

    page.get_by_text(sv("Record a deficit from an earlier year")).click()
    form = page.locator("form", has=page.get_by_role("button", name=sv("Record the deficit")))
    form.get_by_label(sv("Year of the deficit")).fill("2020")
    form.get_by_label(sv("Left to restore (mnkr)")).fill("−5")
    form.get_by_label(sv("Source (annual report, page)")).fill("Årsredovisning 2020")
    form.get_by_role("button", name=sv("Record the deficit")).click()
    refusal = (
        "Type the deficit as a positive amount: what is left to restore, for example 118,0. "
        "A surplus is not a deficit."
    )
    expect(main).to_contain_text(sv(refusal))
    page.audit.check()

    form = page.locator("form", has=page.get_by_role("button", name=sv("Record the deficit")))
    form.get_by_label(sv("Left to restore (mnkr)")).fill("12,5")
    form.get_by_role("button", name=sv("Record the deficit")).click()
    expect(main).to_contain_text(sv("The deficit from %(year)s was recorded.", year=2020))
    expect(page.get_by_role("region", name=sv("Restoring deficits"))).to_contain_text("12,5")
    page.audit.check()
