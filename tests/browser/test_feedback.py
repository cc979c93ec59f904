"""The feedback flow in a real Chromium, with axe-core on every page: the budget chief opens a
committee's report, its secretary writes it, corrects it (her change shown in the history as a
difference) and sends it, the dashboard turns green, and the compilation shows the answer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from .conftest import sv

pytestmark = pytest.mark.browser

CYCLE = "rjh-2028"  # its deadlines (March and April 2027) are still ahead


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.audit.check()
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("arshjul-demo")
    page.get_by_role("main").get_by_role("button", name=sv("Log in")).click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    page.audit.check()


def log_out(page) -> None:
    page.get_by_role("banner").get_by_role("button", name=sv("Log out")).click()
    expect(page).to_have_url(re.compile(r"/$"))
    page.audit.check()


def test_secretary_writes_and_sends_and_the_dashboard_turns_green(page, demo):
    log_in(page, "budgetchef")
    page.goto(f"/cycles/{CYCLE}/")
    page.audit.check()
    page.get_by_role("main").get_by_role("link", name=sv("Feedback reports"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/feedback/cycles/{CYCLE}/$"))
    page.audit.check()
    row = page.get_by_role("row", name=re.compile("Hälso- och sjukvårdsnämnden"))
    row.get_by_role("button", name=sv("Start the report")).click()
    expect(page).to_have_url(re.compile(r"/feedback/\d+/$"))
    report_url = page.url
    page.audit.check()
    log_out(page)

    log_in(page, "sekreterare.hsn")
    page.goto(report_url)
    page.audit.check()
    first_heading = "Nämndens bidrag till fullmäktiges mål och uppdrag"
    page.get_by_label(first_heading).fill(
        "Vi bidrar med en nära vård.\n\nOch med fler hälsocentraler."
    )
    page.get_by_role("button", name=sv("Save the report")).click()
    expect(page.get_by_role("status")).to_have_text(sv("The report was saved."))
    page.audit.check()
    page.get_by_label(first_heading).fill(
        "Vi bidrar med en nära vård.\n\nOch med fler vårdcentraler."
    )
    page.get_by_role("button", name=sv("Save the report")).click()
    expect(page.get_by_role("status")).to_have_text(sv("The report was saved."))
    # Her edit in the history, its difference opened with the keyboard and checked with axe.
    newest = page.locator("details.diff").first
    newest.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(newest).to_have_attribute("open", "")
    expect(newest.locator("del")).to_contain_text("hälsocentraler.")
    expect(newest.locator("ins")).to_contain_text("vårdcentraler.")
    page.audit.check()

    for label in ("Mark as prepared", "Mark as treated"):
        page.get_by_role("button", name=sv(label), exact=True).click()
        expect(page.get_by_role("status")).to_have_text(sv("The report's status was changed."))
        page.audit.check()
    page.get_by_label(sv("Decision date")).fill(dt.date.today().isoformat())
    page.get_by_label(sv("Paragraph (§)")).fill("§ 21")
    page.get_by_role("button", name=sv("Record the decision"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(sv("The report's status was changed."))
    page.audit.check()
    page.get_by_role("button", name=sv("Mark as sent"), exact=True).click()
    expect(page.locator(".lead .badge")).to_have_text(sv("Sent", context="document status"))
    page.audit.check()
    log_out(page)

    log_in(page, "budgetchef")
    page.goto(f"/feedback/cycles/{CYCLE}/")
    row = page.get_by_role("row", name=re.compile("Hälso- och sjukvårdsnämnden"))
    expect(row.locator(".state-on_time")).to_have_count(2)
    page.audit.check()
    page.get_by_role("link", name=sv("All answers side by side")).click()
    expect(page.get_by_role("main")).to_contain_text("Vi bidrar med en nära vård.")
    page.audit.check()
