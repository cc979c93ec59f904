"""The demo's meetings: the 2022 planning day held with everyone's attendance and a fee basis the
finance office can export; the steering dialogue left for the journey; loading twice changes
nothing."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from arshjul.core.models import AuditEntry
from arshjul.demo.load import load_demo
from arshjul.meetings import attendance
from arshjul.meetings.models import FeeRate, Meeting
from arshjul.process.models import Step


@pytest.fixture
def demo(db):
    load_demo()


def planning_day() -> Meeting:
    return Meeting.objects.select_related("organisation", "step").get(
        step__cycle__slug="rjh-2022", step__key="planeringsdag"
    )


def test_the_planning_day_is_held_with_attendance_and_a_fee_basis(demo):
    meeting = planning_day()
    assert meeting.status == "held" and meeting.fee_rule == "by_duration"
    start, end = timezone.localtime(meeting.start), timezone.localtime(meeting.end)
    assert (start.date(), start.time(), end.time()) == (
        dt.date(2021, 2, 22),
        dt.time(9, 0),
        dt.time(15, 0),
    )
    assert meeting.body.slug == "rs"
    assert meeting.invitees.count() == 17  # 16 seats in RF, RS, RUN, HSN; a political secretary
    assert not meeting.invitees.filter(attendance="unknown").exists()
    assert meeting.invitees.filter(attendance="absent").count() == 2
    assert meeting.invitees.filter(attendance="part").count() == 3
    groups = [g.name for g in attendance.invitee_groups(meeting)]
    assert groups[:2] == ["Regionfullmäktige (RF)", "Regionstyrelsen (RS)"]
    assert {"Regionala utvecklingsnämnden (RUN)", "Hälso- och sjukvårdsnämnden (HSN)"} <= set(
        groups
    )
    basis = attendance.fee_basis(meeting)
    kinds = {f"{li.invitee.person}": (li.kind, li.amount) for li in basis.lines}
    assert kinds["Ulla Backman"] == ("half_day", Decimal("1100"))
    assert kinds["Karl Westin"] == ("full_day", Decimal("1900"))
    assert kinds["Ida Wikström"] == (None, None)  # the political secretary: an official
    assert basis.total == sum(li.amount for li in basis.lines if li.amount is not None)
    assert basis.total > 0 and not basis.missing_rates


def test_the_budget_chief_exports_the_fee_basis(demo):
    client = Client()
    assert client.login(username="budgetchef", password="arshjul-demo")
    response = client.get(f"/meetings/{planning_day().pk}/fees.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Möte" and rows[-1][0] == "Summa"
    assert len(rows) == 2 + 15  # header, 15 attended (17 invited, 2 absent), total


def test_the_steering_dialogue_is_left_for_the_journey(demo):
    step = Step.objects.get(cycle__slug="rjh-2022", key="styrdialoger")
    assert not Meeting.objects.filter(step=step).exists()


def test_loading_twice_changes_nothing(demo):
    counts = (Meeting.objects.count(), FeeRate.objects.count(), AuditEntry.objects.count())
    load_demo()
    assert (Meeting.objects.count(), FeeRate.objects.count(), AuditEntry.objects.count()) == counts
