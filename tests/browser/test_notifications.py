"""The notifications page in a real Chromium, with axe-core: a committee secretary opens it from
the header, sees what is due and what is new, marks all as read and follows one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import sv
from .test_feedback import log_in

pytestmark = pytest.mark.browser


def test_secretary_reads_her_notifications(page, demo):
    log_in(page, "sekreterare.hsn")
    page.get_by_role("banner").get_by_role("link", name=sv("Notifications")).click()
    expect(page).to_have_url(re.compile(r"/me/notifications/$"))
    page.audit.check()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name=sv("Due for me"))).to_be_visible()
    expect(main.locator(".due-reports tbody tr").first).to_contain_text(
        "Hälso- och sjukvårdsnämnden"
    )
    expect(main.locator(".notification.unread").first).to_be_visible()

    main.get_by_role("button", name=sv("Mark all as read")).click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(main.locator(".notification.unread")).to_have_count(0)
    page.audit.check()

    main.locator(".notification-list a").first.click()
    expect(page).to_have_url(re.compile(r"/feedback/\d+/$"))
    page.audit.check()
