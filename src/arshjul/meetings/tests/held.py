"""A held steering dialogue for the attendance tests: the meeting world's dialogue moved to
20 April 2021, 9.00–15.00 (so that it can be marked held), its invitees as of that day (Erik
still holds the head of administration's post), invited and held; and fee rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import services
from arshjul.meetings.models import FeeRate, Meeting

DAY = dt.date(2021, 4, 20)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_held(mw, *, fee_rule: str = "by_duration") -> Meeting:
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    Meeting.objects.filter(pk=meeting.pk).update(
        start=at(DAY, 9), end=at(DAY, 15), fee_rule=fee_rule
    )
    meeting.refresh_from_db()
    services.refresh_invitees(meeting=meeting, by=SYSTEM)
    services.change_status(meeting=meeting, to="invited", by=SYSTEM, version=None)
    services.change_status(meeting=meeting, to="held", by=SYSTEM, version=None)
    return Meeting.objects.select_related("organisation", "body", "step").get(pk=meeting.pk)


def make_rates(org) -> None:
    for kind, amount in (("full_day", "1900"), ("half_day", "1100"), ("hourly", "300")):
        FeeRate.objects.create(
            organisation=org, kind=kind, amount=Decimal(amount), valid_from=dt.date(2019, 1, 1)
        )


def invitee(meeting: Meeting, first_name: str):
    return meeting.invitees.get(person__first_name=first_name)
