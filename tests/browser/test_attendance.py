"""Attendance in a real Chromium, with axe-core on every page: the board's secretary corrects
the demo planning day's attendance with the keyboard alone, and the budget chief downloads the
fee basis as Excel and finds its total the sum of its amounts."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import sv

pytestmark = pytest.mark.browser


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


def test_attendance_with_the_keyboard_and_the_fee_basis_in_excel(page, demo):
    from arshjul.meetings.models import Meeting

    meeting = Meeting.objects.get(step__cycle__slug="rjh-2022", step__key="planeringsdag")
    log_in(page, "sekreterare.rs")
    page.goto(f"/meetings/{meeting.pk}/")
    page.audit.check()
    name = "Erik Persson"
    present, absent = (
        sv("Present", context="attendance"),
        sv("Absent", context="attendance"),
    )
    row = page.get_by_role(
        "table", name=sv("Invitees by body, with their seat or post")
    ).get_by_role("row", name=re.compile(name))
    expect(row).to_contain_text(present)
    fees = page.get_by_role("table", name=sv("Fee basis"))
    expect(fees.get_by_role("row", name=re.compile(name))).to_have_count(1)

    # Keyboard only: onto his attendance, two steps down to absent, on to his arrival time,
    # and Enter submits the form.
    select = page.get_by_label(sv("Attendance, %(name)s", name=name))
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value("absent")
    page.keyboard.press("Tab")
    expect(page.get_by_label(sv("Arrived, %(name)s", name=name))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text(sv("The attendance was saved."))
    expect(row).to_contain_text(absent)
    expect(fees.get_by_role("row", name=re.compile(name))).to_have_count(0)
    page.audit.check()
    log_out(page)

    log_in(page, "budgetchef")
    page.goto(f"/meetings/{meeting.pk}/")
    page.audit.check()
    with page.expect_download() as download:
        page.get_by_role("link", name=sv("Download the fee basis (Excel)")).click()
    assert download.value.suggested_filename == "arvodesunderlag-2021-02-22.xlsx"
    # openpyxl goes by the file name's extension, which the download's temporary file lacks.
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == sv("Meeting") and rows[-1][0] == sv("Total")
    people = [r[2] for r in rows[1:-1]]
    assert name not in people and "Ida Wikström" in people
    amounts = [Decimal(str(r[9])) for r in rows[1:-1] if r[9] is not None]
    assert Decimal(str(rows[-1][9])) == sum(amounts) == Decimal("23100")
