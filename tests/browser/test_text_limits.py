"""Text never lost, in a real Chromium: a 2 MB paste into a feedback report section is counted
and refused before sending, her text still in the box; and when a request is refused by the
server as too large (413, in Swedish), the form puts her text back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import CYCLE, log_in

pytestmark = pytest.mark.browser

HEADING = "Nämndens bidrag till fullmäktiges mål och uppdrag"
PASTE = "Vår plan för nära vård. " * 87_400  # about 2 MB


def _report_page(page) -> str:
    from django.contrib.auth import get_user_model

    from arshjul.feedback.models import FeedbackReport
    from arshjul.feedback.services import start_report
    from arshjul.organisation.models import Body
    from arshjul.process.models import Cycle

    cycle = Cycle.objects.get(slug=CYCLE)
    body = Body.objects.get(organisation=cycle.organisation, name="Hälso- och sjukvårdsnämnden")
    report = FeedbackReport.objects.filter(cycle=cycle, body=body).first() or start_report(
        cycle=cycle, body=body, by=get_user_model().objects.get(username="budgetchef")
    )
    log_in(page, "sekreterare.hsn")
    page.goto(report.get_absolute_url())
    page.audit.check()
    return page.url


def test_a_2_mb_paste_is_refused_before_sending_and_stays(page, demo):
    url = _report_page(page)
    box = page.get_by_label(HEADING)
    expect(box).not_to_have_attribute("maxlength", re.compile(".*"))  # never cut silently
    box.fill(PASTE)
    counter = page.locator(".char-count").first
    expect(counter).to_have_class(re.compile("over"))
    expect(counter).to_contain_text(sv("%%(count)s characters too many").replace("%%(count)s", ""))
    page.get_by_role("button", name=sv("Save the report")).click()
    alert = page.locator(".form-errors.char-limit")
    expect(alert).to_contain_text(HEADING)
    expect(page).to_have_url(url)
    assert box.input_value() == PASTE
    page.audit.check()


def test_a_request_the_server_refuses_as_too_large_puts_her_text_back(page, demo):
    url = _report_page(page)
    box = page.get_by_label(HEADING)
    box.fill(PASTE)
    # As if the check had not run (a form without a counter, an old page): the server decides.
    box.evaluate("(el) => el.removeAttribute('data-maxlength')")
    page.get_by_role("button", name=sv("Save the report")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(sv("Too much to send at once"))
    expect(page.locator("main")).to_contain_text("2,5 MB")
    page.audit.check()
    # She comes back to the form later by a link (a fresh page, not the browser's cache).
    page.goto(url)
    page.audit.check()
    expect(page.locator(".draft-restored")).to_have_text(
        sv(
            "The server did not take your last attempt, so nothing was saved. The text you wrote is back in the form."
        )
    )
    assert page.get_by_label(HEADING).input_value() == PASTE
