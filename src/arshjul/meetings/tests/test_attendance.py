"""Attendance and the fee basis: recorded once the meeting is held, never for a cancelled one,
stale versions and other secretaries refused, all rows or none, audited with the values before;
the invitees by body; the fee basis by duration, fixed and hourly, the rate in force on the day,
officials unpaid, exact Decimal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from arshjul.accounts.roles import SYSTEM
from arshjul.core.audit import history_for
from arshjul.core.errors import DomainError
from arshjul.core.tests.versions import seen
from arshjul.meetings import attendance, services
from arshjul.meetings.attendance import Entry
from arshjul.meetings.models import FeeRate, Invitee, Meeting

from .held import DAY, at, invitee, make_held, make_rates


@pytest.fixture
def held(world, mw):
    make_rates(world.org)
    return make_held(mw)


def record(meeting, by=SYSTEM, version=None, **rows):
    """rows: first name → attendance, or (attendance, arrived, left)."""
    entries = []
    for name, value in rows.items():
        kind, arrived, left = (value, None, None) if isinstance(value, str) else value
        entries.append(Entry(invitee(meeting, name).pk, kind, arrived, left))
    return attendance.record_attendance(meeting=meeting, entries=entries, by=by, version=version)


def states(meeting):
    return {
        i.person.first_name: (i.attendance, i.arrived, i.left)
        for i in Invitee.objects.filter(meeting=meeting).select_related("person")
    }


def test_the_secretary_records_attendance_in_one_go(world, mw, held):
    version = held.version
    record(
        held,
        by=mw.secretary.user,
        version=version,
        Anna="present",
        Bo=("part", dt.time(9, 0), dt.time(11, 30)),
        Cecilia="absent",
        Erik=("present", dt.time(10, 0), None),  # times of someone present are not kept
    )
    assert states(held) == {
        "Anna": ("present", None, None),
        "Bo": ("part", dt.time(9, 0), dt.time(11, 30)),
        "Cecilia": ("absent", None, None),
        "Erik": ("present", None, None),
    }
    held.refresh_from_db()
    assert held.version == version + 1
    entry = history_for(held).filter(action="meetings.attendance.recorded").get()
    assert entry.by == mw.secretary.user
    # Kept in the organisation's language (Swedish), whoever recorded it.
    assert entry.changes["Bo Ledamot"] == ["Ej registrerad", "Del av mötet 09:00–11:30"]
    assert entry.changes["Cecilia Presidie"] == ["Ej registrerad", "Frånvarande"]
    # Recording the same again changes nothing and writes no entry.
    record(held, Anna="present")
    assert history_for(held).filter(action="meetings.attendance.recorded").count() == 1


def test_refused_before_the_meeting_is_held(world, mw):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    with pytest.raises(DomainError) as exc:
        record(meeting, Anna="present")
    assert exc.value.domain_code == "not_held"
    services.change_status(meeting=meeting, to="invited", by=SYSTEM, version=None)
    with pytest.raises(DomainError) as exc:
        record(meeting, Anna="present")
    assert exc.value.domain_code == "not_held"
    assert states(meeting)["Anna"] == ("unknown", None, None)


def test_refused_on_a_cancelled_meeting(world, mw):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    services.cancel(meeting=meeting, reason="Krockar", by=SYSTEM, version=None)
    with pytest.raises(DomainError) as exc:
        record(meeting, Anna="present")
    assert exc.value.domain_code == "cancelled"
    with translation.override("en"):
        assert exc.value.messages == [
            "The meeting was cancelled: there is no attendance to record."
        ]


def test_refused_once_closed(world, mw, held):
    Meeting.objects.filter(pk=held.pk).update(status="closed")
    with pytest.raises(DomainError) as exc:
        record(held, Anna="present")
    assert exc.value.domain_code == "closed"


def test_a_stale_version_saves_nothing(world, mw, held):
    stale = held.version
    record(held, version=stale, Anna="present")
    with pytest.raises(DomainError) as exc:
        record(held, version=stale, Anna="absent", Bo="present")
    assert exc.value.domain_code == "stale"
    assert states(held)["Anna"][0] == "present" and states(held)["Bo"][0] == "unknown"


def test_another_committees_secretary_is_refused(world, mw, held):
    with pytest.raises(DomainError) as exc:
        record(held, by=world.secretary_committee_b.user, Anna="present")
    assert exc.value.domain_code == "forbidden"
    record(held, by=world.finance_officer.user, version=seen(held), Anna="present")  # may
    assert states(held)["Anna"][0] == "present"


@pytest.mark.parametrize(
    ("bo", "code"),
    [
        (("part", None, None), "times_required"),
        (("part", dt.time(11, 0), dt.time(10, 0)), "left_before_arrived"),
        (("maybe", None, None), "bad_attendance"),
    ],
)
def test_a_bad_row_saves_no_row(world, mw, held, bo, code):
    with pytest.raises(DomainError) as exc:
        record(held, Anna="present", Bo=bo)
    assert exc.value.domain_code == code
    assert states(held)["Anna"][0] == "unknown"
    assert not history_for(held).filter(action="meetings.attendance.recorded").exists()


def test_someone_not_invited_is_refused(world, mw, held):
    other = services.create_meeting(
        body=world.rsau, title="Annat", start=at(DAY, 8), end=at(DAY, 9), by=SYSTEM
    )
    stranger = Invitee.objects.create(meeting=other, person=mw.hsn_member, source="hand")
    with pytest.raises(DomainError) as exc:
        attendance.record_attendance(
            meeting=held, entries=[Entry(stranger.pk, "present")], by=SYSTEM, version=None
        )
    assert exc.value.domain_code == "not_invited"


def test_invitees_grouped_by_body_then_post(world, mw, held):
    groups = attendance.invitee_groups(held)
    assert [(g.name, [r.person.first_name for r in g.rows]) for g in groups] == [
        ("RS arbetsutskott (RS AU)", ["Anna", "Bo"]),  # the chair first
        ("Hälso- och sjukvårdsnämnden (HSN)", ["Cecilia"]),
        (str(mw.head_post.get_kind_display()), ["Erik"]),
    ]
    assert groups[2].rows[0].role == "Förvaltningschef HSN"


def lines(basis):
    return {
        line.invitee.person.first_name: (line.hours, line.kind, line.rate, line.amount)
        for line in basis.lines
    }


def test_fee_basis_by_duration(world, mw, held):
    record(
        held,
        Anna="present",  # 9–15: six hours, a full day
        Bo=("part", None, dt.time(13, 0)),  # four hours: still a half day
        Cecilia="absent",
        Erik="present",  # an official: no fee
    )
    basis = attendance.fee_basis(held)
    assert lines(basis) == {
        "Anna": (Decimal("6.00"), "full_day", Decimal("1900"), Decimal("1900")),
        "Bo": (Decimal("4.00"), "half_day", Decimal("1100"), Decimal("1100")),
        "Erik": (Decimal("6.00"), None, None, None),
    }
    assert basis.total == Decimal("3000") and isinstance(basis.total, Decimal)
    assert not next(li for li in basis.lines if li.invitee.person.first_name == "Erik").elected
    # The organisation's half day is its own setting.
    world.org.fee_half_day_hours = Decimal("3.5")
    world.org.save()
    held.refresh_from_db()
    held = Meeting.objects.select_related("organisation").get(pk=held.pk)
    assert lines(attendance.fee_basis(held))["Bo"][1] == "full_day"


def test_fee_basis_hourly_and_fixed(world, mw, held):
    record(held, Anna=("part", dt.time(9, 10), dt.time(11, 30)), Bo="present")
    attendance.set_fee_rule(meeting=held, rule="hourly", by=mw.secretary.user, version=seen(held))
    held.refresh_from_db()
    basis = attendance.fee_basis(held)
    assert lines(basis)["Anna"] == (Decimal("2.33"), "hourly", Decimal("300"), Decimal("700.00"))
    assert lines(basis)["Bo"][3] == Decimal("1800.00")
    assert basis.total == Decimal("2500.00")
    assert history_for(held).filter(action="meetings.fees.rule_changed").get().changes == {
        "fee_rule": ["by_duration", "hourly"]
    }
    attendance.set_fee_rule(meeting=held, rule="full_day", by=SYSTEM, version=None)
    held.refresh_from_db()
    assert lines(attendance.fee_basis(held))["Anna"][1:] == (
        "full_day",
        Decimal("1900"),
        Decimal("1900"),
    )
    attendance.set_fee_rule(meeting=held, rule="none", by=SYSTEM, version=None)
    held.refresh_from_db()
    basis = attendance.fee_basis(held)
    assert basis.total == 0 and all(line.kind is None for line in basis.lines)


def test_the_rate_in_force_on_the_meeting_day(world, mw, held):
    FeeRate.objects.create(
        organisation=world.org, kind="full_day", amount=Decimal("2000"), valid_from=DAY
    )
    FeeRate.objects.create(
        organisation=world.org,
        kind="full_day",
        amount=Decimal("2500"),
        valid_from=DAY + dt.timedelta(days=1),
    )
    FeeRate.objects.create(
        organisation=world.other_org,
        kind="full_day",
        amount=Decimal("9999"),
        valid_from=DAY,
    )
    record(held, Anna="present")
    assert lines(attendance.fee_basis(held))["Anna"][2:] == (Decimal("2000"), Decimal("2000"))


def test_no_rate_in_force_is_shown_not_guessed(world, mw):
    held = make_held(mw)  # no rates at all
    record(held, Anna="present")
    basis = attendance.fee_basis(held)
    assert lines(basis)["Anna"] == (Decimal("6.00"), "full_day", None, None)
    assert basis.missing_rates and basis.total == 0


def test_fee_rule_refusals(world, mw, held):
    with pytest.raises(DomainError) as exc:
        attendance.set_fee_rule(meeting=held, rule="weekly", by=SYSTEM, version=None)
    assert exc.value.domain_code == "bad_rule"
    with pytest.raises(DomainError) as exc:
        attendance.set_fee_rule(
            meeting=held, rule="hourly", by=world.secretary_committee_b.user, version=seen(held)
        )
    assert exc.value.domain_code == "forbidden"
    with pytest.raises(DomainError) as exc:
        attendance.set_fee_rule(meeting=held, rule="hourly", by=SYSTEM, version=held.version - 1)
    assert exc.value.domain_code == "stale"
