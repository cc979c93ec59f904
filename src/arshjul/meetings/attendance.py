"""Attendance at a meeting and the fee basis (arvodesunderlag) it gives: the invitees grouped by
the body they sit in on the meeting day (or the post they hold), the secretary's record of who was
present, there for part of it or absent, and for each attendee the hours, the fee kind, the rate
in force on the day and the amount (fees.py does the arithmetic).

Who: the attendance is recorded by those who run the meeting (permissions.can_run_meeting), once
it is held and until it is closed; it is read by those who read the meeting, and by the public
only where the meeting's body has made its attendance lists public. The fee basis is for those who
run the meeting only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.core.audit import record
from arshjul.core.errors import DomainError
from arshjul.organisation.choices import BodyKind, MembershipRole, PostKind
from arshjul.organisation.models import Membership, PostHolding

from . import fees
from .choices import Attendance, MeetingStatus
from .models import FeeRate, FeeRule, Invitee, Meeting
from .selectors import meeting_day
from .services import _require_runner, _touch, lock

# Attendance is recorded once the meeting is held, until it is closed.
RECORDABLE = (MeetingStatus.HELD, MeetingStatus.DOCUMENTED)
# Groups of bodies in this order; a person who sits in several is listed under the first.
GROUP_ORDER = (
    BodyKind.COUNCIL,
    BodyKind.BOARD,
    BodyKind.WORKING_COMMITTEE,
    BodyKind.COMMITTEE,
    BodyKind.OTHER,
)
PICK_ORDER = (
    BodyKind.BOARD,
    BodyKind.WORKING_COMMITTEE,
    BodyKind.COMMITTEE,
    BodyKind.COUNCIL,
    BodyKind.OTHER,
)
ROLE_ORDER = tuple(MembershipRole.values)
POST_ORDER = tuple(PostKind.values)


# --- Reading ---------------------------------------------------------------------------------


@dataclass
class Row:
    """An invitee as listed: her seat's role or post's title in the group she is listed under."""

    invitee: Invitee
    role: str = ""
    order: int = len(ROLE_ORDER)

    @property
    def person(self):
        return self.invitee.person

    @property
    def times(self) -> str:
        """09:00–12:00, –12:00 or 09:00– for part of the meeting; empty otherwise."""
        invitee = self.invitee
        if invitee.attendance != Attendance.PART:
            return ""
        start = time_format(invitee.arrived, "H:i") if invitee.arrived else ""
        end = time_format(invitee.left, "H:i") if invitee.left else ""
        return f"{start}–{end}"


@dataclass
class Group:
    key: str
    name: str
    rows: list[Row] = field(default_factory=list)
    order: tuple = ()


def _sort_key(row: Row) -> tuple:
    return (row.order, row.person.last_name, row.person.first_name)


def invitee_groups(meeting: Meeting) -> list[Group]:
    """The meeting's invitees by body (council, board, working committee, committees, others),
    then by post (political secretaries, heads of administration …), then the rest; within a
    group the presidium first. Seats and posts as of the meeting day; a person who sits in several
    of the step's bodies is listed under the board before a committee before the council.
    A fixed number of queries, whatever the number of invitees."""
    invitees = list(meeting.invitees.select_related("person"))
    if not invitees:
        return []
    day = meeting_day(meeting)
    step_bodies: set[int] = set()
    step_posts: set[int] = set()
    if meeting.step_id:
        step_bodies = set(
            meeting.step.participant_bodies.through.objects.filter(
                step_id=meeting.step_id
            ).values_list("body_id", flat=True)
        )
        step_posts = set(
            meeting.step.participant_posts.through.objects.filter(
                step_id=meeting.step_id
            ).values_list("post_id", flat=True)
        )
    seats: dict[int, list[Membership]] = {}
    for seat in (
        Membership.objects.on(day)
        .filter(person__invitations__meeting=meeting, body__organisation_id=meeting.organisation_id)
        .select_related("body")
    ):
        seats.setdefault(seat.person_id, []).append(seat)
    holdings: dict[int, list[PostHolding]] = {}
    for holding in (
        PostHolding.objects.on(day)
        .filter(person__invitations__meeting=meeting, post__organisation_id=meeting.organisation_id)
        .select_related("post")
    ):
        holdings.setdefault(holding.person_id, []).append(holding)

    groups: dict[str, Group] = {}

    def group(key: str, name: str, order: tuple) -> Group:
        if key not in groups:
            groups[key] = Group(key=key, name=name, order=order)
        return groups[key]

    for invitee in invitees:
        own_seats = seats.get(invitee.person_id, [])
        own_posts = holdings.get(invitee.person_id, [])
        if invitee.source == "post" and own_posts:
            own_seats = []  # invited for her post: listed with it
        if own_seats:
            seat = min(
                own_seats,
                key=lambda s: (
                    s.body_id not in step_bodies,
                    PICK_ORDER.index(s.body.kind) if s.body.kind in PICK_ORDER else 99,
                    ROLE_ORDER.index(s.role) if s.role in ROLE_ORDER else 99,
                    s.body.name,
                ),
            )
            body = seat.body
            kind_order = GROUP_ORDER.index(body.kind) if body.kind in GROUP_ORDER else 99
            g = group(
                f"body-{body.pk}", f"{body.name} ({body.short_name})", (0, kind_order, body.name)
            )
            g.rows.append(
                Row(
                    invitee,
                    role=str(seat.get_role_display()),
                    order=ROLE_ORDER.index(seat.role) if seat.role in ROLE_ORDER else 99,
                )
            )
        elif own_posts:
            holding = min(
                own_posts, key=lambda h: (h.post_id not in step_posts, h.post.kind, h.post.title)
            )
            post = holding.post
            kind_order = POST_ORDER.index(post.kind) if post.kind in POST_ORDER else 99
            g = group(f"post-{post.kind}", str(post.get_kind_display()), (1, kind_order, ""))
            g.rows.append(Row(invitee, role=post.title + (" (tf.)" if holding.acting else "")))
        else:
            g = group("other", _("Others"), (2, 0, ""))
            g.rows.append(Row(invitee, role=invitee.reason))
    ordered = sorted(groups.values(), key=lambda g: g.order)
    for g in ordered:
        g.rows.sort(key=_sort_key)
    return ordered


@dataclass(frozen=True)
class FeeLine:
    """One attendee's fee basis."""

    row: Row
    group: str
    elected: bool
    minutes: int
    kind: str | None
    rate: Decimal | None
    amount: Decimal | None

    @property
    def invitee(self) -> Invitee:
        return self.row.invitee

    @property
    def hours(self) -> Decimal:
        return fees.hours(self.minutes)

    @property
    def hours_shown(self) -> str:
        return fees.swedish(self.hours)

    @property
    def rate_shown(self) -> str:
        return f"{fees.swedish(self.rate)} kr" if self.rate is not None else ""

    @property
    def amount_shown(self) -> str:
        return f"{fees.swedish(self.amount)} kr" if self.amount is not None else ""

    @property
    def kind_label(self) -> str:
        return str(fees.FeeKind(self.kind).label) if self.kind else ""

    @property
    def note(self) -> str:
        if not self.elected:
            return _("Official or added by hand: no fee")
        if self.kind is None:
            return _("No fee at this meeting")
        if self.rate is None:
            return _("No rate in force on the meeting day")
        return ""


@dataclass(frozen=True)
class FeeBasis:
    meeting: Meeting
    day: dt.date
    rule: str
    half_day_hours: Decimal
    lines: list[FeeLine]
    not_recorded: int

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.amount is not None), Decimal(0))

    @property
    def total_shown(self) -> str:
        return f"{fees.swedish(self.total)} kr"

    @property
    def half_day_hours_shown(self) -> str:
        return fees.swedish(self.half_day_hours).removesuffix(",00")

    @property
    def missing_rates(self) -> list[str]:
        """The fee kinds someone is owed but which have no rate in force on the day."""
        kinds = {
            line.kind for line in self.lines if line.elected and line.kind and line.rate is None
        }
        return [str(fees.FeeKind(k).label) for k in sorted(kinds)]

    @property
    def rule_label(self) -> str:
        return str(FeeRule(self.rule).label)


def fee_basis(meeting: Meeting, groups: list[Group] | None = None) -> FeeBasis:
    """The fee basis of everyone who attended (present or part of the meeting), by group: the
    time attended, the fee kind the meeting's rule gives, the rate in force on the meeting day and
    the amount. Only elected members (invited as members, presidium, the majority's
    representatives or the board's chair) are paid; officials invited for their post are not."""
    if groups is None:
        groups = invitee_groups(meeting)
    day = meeting_day(meeting)
    start, end = timezone.localtime(meeting.start), timezone.localtime(meeting.end)
    half_day_hours = meeting.organisation.fee_half_day_hours
    rates = list(
        FeeRate.objects.filter(
            organisation_id=meeting.organisation_id, valid_from__lte=day
        ).values_list("kind", "valid_from", "amount")
    )
    lines = []
    not_recorded = 0
    for g in groups:
        for row in g.rows:
            invitee = row.invitee
            if invitee.attendance == Attendance.UNKNOWN:
                not_recorded += 1
            if invitee.attendance not in fees.ATTENDED:
                continue
            minutes = fees.minutes_attended(
                start=start,
                end=end,
                attendance=invitee.attendance,
                arrived=invitee.arrived,
                left=invitee.left,
            )
            elected = invitee.source in fees.ELECTED_SOURCES
            kind = (
                fees.fee_kind(rule=meeting.fee_rule, minutes=minutes, half_day_hours=half_day_hours)
                if elected
                else None
            )
            rate = fees.rate_on(rates, kind=kind, day=day) if kind else None
            amount = (
                fees.fee_amount(kind=kind, rate=rate, minutes=minutes)
                if kind and rate is not None
                else None
            )
            lines.append(
                FeeLine(
                    row=row,
                    group=g.name,
                    elected=elected,
                    minutes=minutes,
                    kind=kind,
                    rate=rate,
                    amount=amount,
                )
            )
    return FeeBasis(
        meeting=meeting,
        day=day,
        rule=meeting.fee_rule,
        half_day_hours=half_day_hours,
        lines=lines,
        not_recorded=not_recorded,
    )


# --- Recording -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What the secretary records for one invitee."""

    invitee_id: int
    attendance: str
    arrived: dt.time | None = None
    left: dt.time | None = None


def _shown(attendance: str, arrived: dt.time | None, left: dt.time | None) -> str:
    """Attendance as the audit trail keeps it: in the organisation's language (the default), so
    that the history reads the same whoever recorded it."""
    with translation.override(settings.LANGUAGE_CODE):
        label = str(Attendance(attendance).label)
    if attendance != Attendance.PART:
        return label
    start = arrived.strftime("%H:%M") if arrived else ""
    end = left.strftime("%H:%M") if left else ""
    return f"{label} {start}–{end}"


def refusal_for_status(meeting: Meeting) -> DomainError | None:
    """Why the attendance of this meeting cannot be recorded now; None when it can."""
    if meeting.status == MeetingStatus.CANCELLED:
        return DomainError(
            gettext_lazy("The meeting was cancelled: there is no attendance to record."),
            code="cancelled",
        )
    if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        return DomainError(
            gettext_lazy(
                "Attendance is recorded once the meeting has been held: mark it held first."
            ),
            code="not_held",
        )
    if meeting.status not in RECORDABLE:
        return DomainError(
            gettext_lazy("The meeting is closed: its attendance can no longer be changed."),
            code="closed",
        )
    return None


def _check(entry: Entry, name: str) -> None:
    if entry.attendance not in Attendance.values:
        raise DomainError(
            gettext_lazy("Choose the attendance of %(name)s."),
            code="bad_attendance",
            params={"name": name},
            field=f"attendance-{entry.invitee_id}",
        )
    if entry.attendance != Attendance.PART:
        return
    if entry.arrived is None and entry.left is None:
        raise DomainError(
            gettext_lazy(
                "%(name)s was there for part of the meeting: give the time of arrival or of "
                "leaving."
            ),
            code="times_required",
            params={"name": name},
            field=f"arrived-{entry.invitee_id}",
        )
    if entry.arrived is not None and entry.left is not None and entry.left <= entry.arrived:
        raise DomainError(
            gettext_lazy("%(name)s: the time of leaving is not after the time of arrival."),
            code="left_before_arrived",
            params={"name": name},
            field=f"left-{entry.invitee_id}",
        )


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, entries: Iterable[Entry], by, version: int | None
) -> Meeting:
    """Record who was present, there for part of the meeting (with the times she arrived and
    left) or absent, for any of its invitees, in one go. Once the meeting is held and until it is
    closed; refused for a cancelled meeting and when someone changed the meeting meanwhile. The
    audit trail keeps each changed person's attendance before and after."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    refusal = refusal_for_status(meeting)
    if refusal is not None:
        raise refusal
    invitees = {i.pk: i for i in meeting.invitees.select_related("person")}
    changes: dict[str, tuple[str, str]] = {}
    changed: list[Invitee] = []
    for entry in entries:
        invitee = invitees.get(entry.invitee_id)
        if invitee is None:
            raise DomainError(
                gettext_lazy("Someone in the list is not invited to this meeting."),
                code="not_invited",
            )
        _check(entry, str(invitee.person))
        arrived, left = (
            (entry.arrived, entry.left) if entry.attendance == Attendance.PART else (None, None)
        )
        before = (invitee.attendance, invitee.arrived, invitee.left)
        if before == (entry.attendance, arrived, left):
            continue
        changes[str(invitee.person)] = (_shown(*before), _shown(entry.attendance, arrived, left))
        invitee.attendance, invitee.arrived, invitee.left = entry.attendance, arrived, left
        changed.append(invitee)
    if changed:
        Invitee.objects.bulk_update(changed, ["attendance", "arrived", "left"])
        record(meeting, action="meetings.attendance.recorded", by=by, changes=changes)
        _touch(meeting)
    return meeting


@transaction.atomic
def set_fee_rule(*, meeting: Meeting, rule: str, by, version: int | None) -> Meeting:
    """How the meeting's attendees are paid: no fees, half or full day by the time attended, a
    full day, a half day, or by the hour. Not for a cancelled or closed meeting."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    if rule not in FeeRule.values:
        raise DomainError(
            gettext_lazy("Choose how the attendees are paid."), code="bad_rule", field="fee_rule"
        )
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.CLOSED):
        raise DomainError(
            gettext_lazy("The meeting is cancelled or closed: its fees can no longer change."),
            code="closed",
        )
    before = meeting.fee_rule
    if before == rule:
        return meeting
    meeting.fee_rule = rule
    _touch(meeting, "fee_rule")
    record(
        meeting, action="meetings.fees.rule_changed", by=by, changes={"fee_rule": (before, rule)}
    )
    return meeting
