"""Frames per committee in a real Chromium, with axe-core on every page: the budget chief opens
the 2022 Bas scenario's frames, opens HSN 2023's build-up with the keyboard, compares the two
versions and adds a saving to the February revision."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_budget_chief_reads_and_changes_the_frames(page, demo):
    log_in(page, "budgetchef")
    page.goto("/finance/cycles/rjh-2022/scenarios/")
    page.audit.check()
    page.get_by_role("link", name=re.compile(sv("Frames per committee") + ".*Bas")).click()
    expect(page).to_have_url(re.compile(r"/frames/$"))
    page.audit.check()
    caption = sv("Frames per committee and year, %(name)s (mnkr)", name="Revidering februari 2022")
    table = page.get_by_role("table", name=caption)
    row = table.get_by_role("row", name=re.compile("Hälso- och sjukvårdsnämnden"))
    summary = row.locator("summary").nth(1)  # 2023
    expect(summary).to_contain_text("4\u202f063,0")
    summary.focus()
    page.keyboard.press("Enter")
    expect(row.locator("details").nth(1)).to_contain_text("4\u202f063\u202f030\u202f500")
    expect(table.locator("tfoot")).to_contain_text("4\u202f900,0")
    page.audit.check()

    page.get_by_role("button", name=sv("Show the differences")).click()
    expect(page.locator("main")).to_contain_text("80-90-100-modellen")
    page.audit.check()
    page.go_back()
    page.audit.check()

    page.get_by_text(sv("Add a change item")).click()
    form = page.locator("form", has=page.get_by_role("button", name=sv("Add"), exact=True))
    form.get_by_label(sv("Committee") + ":", exact=True).select_option(
        label="Regionala utvecklingsnämnden"
    )
    form.get_by_label(sv("Year") + ":", exact=True).select_option("2024")
    form.get_by_label(sv("Type") + ":", exact=True).select_option("saving")
    form.get_by_label(sv("Amount (mnkr)")).fill("2,5")
    form.get_by_label(sv("Text") + ":", exact=True).fill("Färre lokaler")
    form.get_by_role("button", name=sv("Add"), exact=True).click()
    expect(page.locator("main")).to_contain_text("Färre lokaler")
    page.audit.check()


def test_the_frames_page_fits_a_phone(page, demo):
    """At 390 px the page never scrolls sideways: wide tables scroll inside themselves (and
    keep their visually hidden texts inside), the chart's legend wraps."""
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, "budgetchef")
    page.goto("/finance/cycles/rjh-2022/scenarios/")
    page.audit.check()
    page.get_by_role("link", name=re.compile(sv("Frames per committee") + ".*Bas")).click()
    expect(page).to_have_url(re.compile(r"/frames/$"))
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 391
                && e.parentElement.getBoundingClientRect().right <= 391)
            .map(e => e.tagName + '.' + (e.className.baseVal ?? e.className) + ' in '
                + e.parentElement.tagName + '.' + e.parentElement.className)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    page.audit.check()
