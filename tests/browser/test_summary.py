"""The chief executive's summary in a real Chromium, with axe-core on every page: the budget chief
starts it from the compilation, reads a committee's answer beside her text, saves it and files it
in the register as PDF/A."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_budget_chief_writes_and_files_the_summary(page, demo):
    log_in(page, "budgetchef")
    page.goto("/feedback/cycles/rjh-2023/compilation/")
    page.audit.check()
    page.get_by_role("button", name=sv("Write the chief executive's summary")).click()
    expect(page).to_have_url(re.compile(r"/feedback/cycles/rjh-2023/summary/$"))
    page.audit.check()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        sv("The chief executive's summary")[:12]
    )
    page.get_by_label(sv("Introduction")).fill("Nämnderna är eniga om målen.")
    page.get_by_label(sv("The summary under heading %(number)s", number=1)).fill(
        "Nära vård lyfts av alla."
    )
    page.get_by_role("button", name=sv("Save the summary")).click()
    expect(page.get_by_role("status")).to_have_text(sv("The summary was saved."))
    page.audit.check()
    page.get_by_role("button", name=sv("File as a PDF/A version")).click()
    expect(page.get_by_role("status")).to_have_text(
        sv("The summary was filed as a new version in the register.")
    )
    page.audit.check()
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^RS\W")).click()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    expect(page.get_by_role("main")).to_contain_text(".pdf")
    page.audit.check()


def test_the_demo_summary_shows_the_answers_at_hand(page, demo):
    log_in(page, "budgetchef")
    page.goto("/feedback/cycles/rjh-2022/compilation/")
    page.audit.check()
    page.get_by_role("link", name=sv("The chief executive's summary")).click()
    page.audit.check()
    answers = page.locator("details.answers-at-hand").first
    answers.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(answers).to_contain_text("nära vård med fler besök i primärvården")
    page.audit.check()
