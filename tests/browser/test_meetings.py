"""The steering dialogue of 20 April 2021 in a real Chromium, with axe-core on every page: the
secretary of RS AU prepares the meeting from its step, sends the invitations, marks it held,
records the go-ahead and files the minutes; the preparation meeting of 21 April shows the
go-ahead."""

from __future__ import annotations

import re
from email import message_from_bytes

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from arshjul.notifications.tests.outbox import sent

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_secretary_walks_the_steering_dialogue_to_its_go_ahead(page, demo):
    log_in(page, "sekreterare.rs")
    page.goto("/cycles/rjh-2022/steps/styrdialoger/")
    page.audit.check()
    page.get_by_role("button", name=sv("Prepare the meeting")).click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    expect(page.get_by_role("status")).to_have_text(
        sv("The meeting was created with its invitees as of its day.")
    )
    page.audit.check()
    invitees = page.locator("#invitees tbody tr")
    expect(invitees.first).to_be_visible()

    sent().clear()
    page.get_by_role("button", name=sv("Send the invitations")).click()
    expect(page.get_by_role("status")).to_have_text(
        sv(
            "The meeting's status was changed. The invitations are queued and are "
            "e-mailed within a few minutes."
        )
    )
    page.audit.check()
    from arshjul.meetings.models import Meeting

    meeting = Meeting.objects.get(step__cycle__slug="rjh-2022", step__key="styrdialoger")
    assert len(sent()) == meeting.invitees.count() > 5
    parsed = message_from_bytes(sent()[0].message().as_bytes())
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    assert calendar["method"] == "REQUEST" and str(event["dtstart"].dt.date()) == "2021-04-20"

    page.get_by_role(
        "button", name=sv("Mark as %(status)s", status=sv("Held", context="meeting status").lower())
    ).click()
    expect(page.get_by_role("status")).to_have_text(sv("The meeting's status was changed."))
    page.audit.check()

    page.get_by_label(sv("Decision"), exact=True).first.select_option("given")
    page.get_by_label(sv("Decision text")).first.fill(
        "Styrdialogerna ger klartecken för regionplanen."
    )
    page.get_by_role("button", name=re.compile(sv("Save the decision"))).first.click()
    page.audit.check()
    expect(page.locator("#agenda")).to_contain_text("Styrdialogerna ger klartecken")

    page.get_by_role("textbox", name=sv("Minutes"), exact=True).fill(
        "Nämnderna redogjorde för sina rapporter."
    )
    page.get_by_role("button", name=sv("Save and file the minutes")).click()
    page.audit.check()
    expect(page.locator("#minutes")).to_contain_text("RSAU/")
    expect(page.locator("#minutes_text")).to_have_value("Nämnderna redogjorde för sina rapporter.")
    page.get_by_role(
        "button",
        name=sv("Mark as %(status)s", status=sv("Documented", context="meeting status").lower()),
    ).click()
    expect(page.locator(".step-when .badge")).to_have_text(
        sv("Documented", context="meeting status")
    )
    page.audit.check()

    page.goto("/cycles/rjh-2022/steps/avstamning-styrdialoger/")
    expect(page.locator(".go-ahead")).to_contain_text(
        sv("Go-ahead given at “%(title)s”.", title="Styrdialoger")
    )
    page.audit.check()
