"""Demo meetings: Region JH's fee rates (invented but plausible), and the 2022 cycle's planning
day of 22 February 2021 (seed 002) made from its step with the real services: its invitees as of
that day, invited, held, fees by the time attended and everyone's attendance recorded, so that
the finance office can export the fee basis. The steering dialogue of 20 April 2021 is left
without a meeting: the secretary makes it in the browser journey."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import attendance, services
from arshjul.meetings.attendance import Entry
from arshjul.meetings.models import FeeRate, Meeting
from arshjul.organisation.models import Organisation
from arshjul.process.models import Cycle, Step

RATES_FROM = dt.date(2019, 1, 1)
RATES = {"full_day": Decimal("1900"), "half_day": Decimal("1100"), "hourly": Decimal("300")}

# The planning day's attendance (9.00–15.00): everyone present except these.
# (first name, last name): attendance, arrived, left
PLANNING_DAY = {
    ("Linda", "Mårtensson"): ("absent", None, None),
    ("Hampus", "Granlund"): ("absent", None, None),
    ("Ulla", "Backman"): ("part", None, dt.time(12, 0)),  # three hours: a half day
    ("Nils", "Sjöberg"): ("part", dt.time(12, 30), None),  # two and a half: a half day
    ("Karl", "Westin"): ("part", dt.time(9, 0), dt.time(13, 30)),  # four and a half: a full day
}


def load_fee_rates(org: Organisation) -> None:
    for kind, amount in RATES.items():
        FeeRate.objects.get_or_create(
            organisation=org, kind=kind, valid_from=RATES_FROM, defaults={"amount": amount}
        )


def load_meetings(org: Organisation) -> int:
    """Fee rates, and the 2022 planning day held with its attendance; returns how many
    meetings were made (0 when they are there already)."""
    load_fee_rates(org)
    cycle = Cycle.objects.filter(organisation=org, budget_year=2022).first()
    if cycle is None:
        return 0
    step = Step.objects.get(cycle=cycle, key="planeringsdag")
    if Meeting.objects.filter(step=step).exists():
        return 0
    meeting = services.create_for_step(step=step, by=SYSTEM)
    meeting = attendance.set_fee_rule(meeting=meeting, rule="by_duration", by=SYSTEM, version=None)
    meeting = services.change_status(meeting=meeting, to="invited", by=SYSTEM, version=None)
    meeting = services.change_status(meeting=meeting, to="held", by=SYSTEM, version=None)
    entries = []
    for invitee in meeting.invitees.select_related("person"):
        key = (invitee.person.first_name, invitee.person.last_name)
        kind, arrived, left = PLANNING_DAY.get(key, ("present", None, None))
        entries.append(Entry(invitee.pk, kind, arrived, left))
    attendance.record_attendance(meeting=meeting, entries=entries, by=SYSTEM, version=None)
    return 1
