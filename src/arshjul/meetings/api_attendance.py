"""Attendance and the fee basis in the JSON API: a meeting's invitees by body with their
attendance, recording it (every row in one go, a stale version answers 409), and the fee basis
with amounts as exact decimal strings.

Read the attendance: those who read the meeting; the public only for a published public
meeting whose body has made its attendance lists public (404 otherwise). Record it and read the
fee basis: those who run the meeting (403 for others who may read it; 404 for those who may not).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.security import django_auth

from arshjul.core.api_schema import ErrorOut, LocalTime
from arshjul.core.errors import DomainError

from . import attendance
from .models import Meeting
from .permissions import can_read_meeting, can_run_meeting, can_see_attendance, is_public

router = Router(tags=["meetings"])


class AttendanceRowOut(Schema):
    invitee: int = Field(..., description="The invitee's id: send it back when recording.")
    person: str
    group: str = Field(..., description="The body she sits in on the meeting day, or her post.")
    role: str = Field(..., description="Her seat's role or her post's title.")
    source: str = Field(..., description="Why she is invited: member, presidium, post, chair …")
    source_label: str
    attendance: str = Field(..., description="unknown, present, part or absent.")
    attendance_label: str
    arrived: LocalTime | None = Field(..., description="For part of the meeting.")
    left: LocalTime | None


class AttendanceOut(Schema):
    meeting: int
    status: str
    version: int = Field(..., description="Send it back when recording the attendance.")
    recordable: bool = Field(
        ..., description="Whether attendance may be recorded now (held or documented)."
    )
    rows: list[AttendanceRowOut]


class EntryIn(Schema):
    invitee: int
    attendance: str = Field(..., description="unknown, present, part or absent.")
    arrived: LocalTime | None = Field(None, description="Only for part.")
    left: LocalTime | None = None


class AttendanceIn(Schema):
    version: int = Field(..., description="The meeting's version as last read.")
    rows: list[EntryIn] = Field(..., description="The invitees to record; others are unchanged.")


class FeeLineOut(Schema):
    invitee: int
    person: str
    group: str
    source: str
    attendance: str
    arrived: LocalTime | None
    left: LocalTime | None
    minutes: int = Field(..., description="Whole minutes attended.")
    hours: Decimal = Field(..., description="The minutes as hours, two decimals.")
    elected: bool = Field(..., description="Only elected members are paid.")
    fee_kind: str | None = Field(..., description="full_day, half_day, hourly; null: no fee.")
    rate: Decimal | None = Field(..., description="The rate in force on the meeting day (SEK).")
    amount: Decimal | None = Field(..., description="SEK, exact to the öre.")
    note: str


class FeeBasisOut(Schema):
    meeting: int
    title: str
    date: dt.date
    fee_rule: str = Field(..., description="none, by_duration, full_day, half_day or hourly.")
    half_day_hours: Decimal = Field(
        ..., description="By duration: up to this many hours attended is a half day."
    )
    not_recorded: int = Field(..., description="Invitees whose attendance is not recorded.")
    total: Decimal
    lines: list[FeeLineOut]


def _meeting(pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("body", "organisation", "step").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def _attendance(meeting: Meeting) -> dict:
    groups = attendance.invitee_groups(meeting)
    return {
        "meeting": meeting.pk,
        "status": meeting.status,
        "version": meeting.version,
        "recordable": attendance.refusal_for_status(meeting) is None,
        "rows": [
            {
                "invitee": row.invitee.pk,
                "person": str(row.person),
                "group": group.name,
                "role": row.role,
                "source": row.invitee.source,
                "source_label": str(row.invitee.get_source_display()),
                "attendance": row.invitee.attendance,
                "attendance_label": str(row.invitee.get_attendance_display()),
                "arrived": row.invitee.arrived,
                "left": row.invitee.left,
            }
            for group in groups
            for row in group.rows
        ],
    }


@router.get(
    "/meetings/{pk}/attendance",
    response=AttendanceOut,
    summary="A meeting's invitees by body with their attendance",
    description=(
        "For those who read the meeting; for the public only where the meeting's body has made "
        "its attendance lists public."
    ),
)
def read_attendance(request: HttpRequest, pk: int):
    meeting = _meeting(pk)
    if not can_see_attendance(request.user, meeting):
        raise Http404
    return _attendance(meeting)


@router.put(
    "/meetings/{pk}/attendance",
    response=AttendanceOut,
    auth=django_auth,
    summary="Record a meeting's attendance",
    description=(
        "Present, part of the meeting (with the time of arrival or of leaving, or both) or "
        "absent, for any of its invitees, saved together or not at all. Once the meeting is held "
        "and until it is closed; never for a cancelled meeting. Send the meeting's version as "
        "last read: if someone changed the meeting meanwhile the answer is 409 (code stale)."
    ),
)
def record_attendance(request: HttpRequest, pk: int, payload: AttendanceIn):
    meeting = _meeting(pk)
    if not can_read_meeting(request.user, meeting):
        raise Http404
    attendance.record_attendance(
        meeting=meeting,
        entries=[
            attendance.Entry(
                invitee_id=row.invitee,
                attendance=row.attendance,
                arrived=row.arrived,
                left=row.left,
            )
            for row in payload.rows
        ],
        by=request.user,
        version=payload.version,
    )
    return _attendance(_meeting(pk))


@router.get(
    "/meetings/{pk}/fees",
    response={200: FeeBasisOut, 403: ErrorOut},
    summary="A meeting's fee basis",
    description=(
        "Each attendee's time attended, fee kind, the rate in force on the meeting day and the "
        "amount, as exact decimals. Only elected members are paid. For those who run the meeting."
    ),
)
def read_fee_basis(request: HttpRequest, pk: int):
    meeting = _meeting(pk)
    if not (can_read_meeting(request.user, meeting) or is_public(meeting)):
        raise Http404
    if not can_run_meeting(request.user, meeting):
        raise DomainError(
            _("Only the secretary of the meeting's body or the finance office may do this."),
            code="forbidden",
        )
    basis = attendance.fee_basis(meeting)
    return {
        "meeting": meeting.pk,
        "title": meeting.title,
        "date": basis.day,
        "fee_rule": basis.rule,
        "half_day_hours": basis.half_day_hours,
        "not_recorded": basis.not_recorded,
        "total": basis.total,
        "lines": [
            {
                "invitee": line.invitee.pk,
                "person": str(line.invitee.person),
                "group": line.group,
                "source": line.invitee.source,
                "attendance": line.invitee.attendance,
                "arrived": line.invitee.arrived,
                "left": line.invitee.left,
                "minutes": line.minutes,
                "hours": line.hours,
                "elected": line.elected,
                "fee_kind": line.kind,
                "rate": line.rate,
                "amount": line.amount,
                "note": line.note,
            }
            for line in basis.lines
        ],
    }
