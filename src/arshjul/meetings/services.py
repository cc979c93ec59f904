"""Changes to meetings: making one (from a meeting step or stand-alone), its invitees, moving,
cancelling and its status. Each runs in a transaction, checks who may do it, refuses a stale
version and writes the audit trail. E-mails (invitations, updates, cancellations) are put in the
outbox in the same transaction (meetings/invitations.py, notifications/outbox.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.accounts.roles import require_actor, user_or_none
from arshjul.core import revision
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.organisation.choices import BodyKind
from arshjul.organisation.models import Body, Person
from arshjul.process.models import Step

from . import selectors
from .choices import BEFORE_HELD, TRANSITIONS, InviteeSource, MeetingStatus
from .models import AgendaItem, Invitee, Meeting
from .permissions import can_run_meeting

SIX_PARTS = ("participants", "purpose", "inputs", "goal", "documentation", "follow_up")
# Which body runs a step's meeting: the first of its (whole) bodies in this order.
RUNNING_ORDER = (
    BodyKind.WORKING_COMMITTEE,
    BodyKind.BOARD,
    BodyKind.COUNCIL,
    BodyKind.COMMITTEE,
    BodyKind.OTHER,
)
DEFAULT_START = dt.time(9, 0)
DEFAULT_HOURS = 3


def _require_runner(by, meeting: Meeting) -> None:
    require_actor(by)
    if not can_run_meeting(by, meeting):
        raise DomainError(
            _("Only the secretary of the meeting's body or the finance office may do this."),
            code="forbidden",
        )


def _user(by):
    return user_or_none(require_actor(by))


def lock(meeting: Meeting, version: int | None, *, by) -> Meeting:
    # of=self: PostgreSQL locks no row on the nullable side of the outer join to the step.
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("body", "step")
        .get(pk=meeting.pk)
    )
    if require_version(version, by) is not None and locked.version != version:
        raise DomainError(
            _(
                "Someone else changed this meeting while you were working on it. Nothing was "
                "saved: reload the page to see their change, then try again."
            ),
            code="stale",
        )
    return locked


def _touch(meeting: Meeting, *fields: str) -> None:
    meeting.version += 1
    meeting.save(update_fields=["version", "updated", *fields])
    revision.bump()


def running_body(step: Step) -> Body:
    """The body that runs a step's meeting: of the bodies taking part as a whole, the working
    committee before the board before the council before a committee; else the board."""
    presidium = {b.pk for b in step.presidium_only.all()}
    whole = [b for b in step.participant_bodies.all() if b.pk not in presidium]
    for kind in RUNNING_ORDER:
        for body in sorted(whole, key=lambda b: b.name):
            if body.kind == kind:
                return body
    board = (
        Body.objects.filter(organisation_id=step.cycle.organisation_id, kind=BodyKind.BOARD)
        .order_by("name")
        .first()
    )
    if board is None:
        raise DomainError(
            _("The step names no body to run its meeting, and the organisation has no board."),
            code="no_body",
        )
    return board


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


@transaction.atomic
def create_for_step(*, step: Step, by) -> Meeting:
    """Make the meeting of a cycle's meeting step: its times, place and six parts from the step,
    one agenda item with the documents the step uses, and the invitees as of its day."""
    require_actor(by)
    step = (
        Step.objects.select_for_update()
        .select_related("cycle")
        .prefetch_related("participant_bodies", "presidium_only", "documents_used")
        .get(pk=step.pk)
    )
    if step.kind != "meeting":
        raise DomainError(_("Only a meeting step has a meeting."), code="not_a_meeting")
    if Meeting.objects.filter(step=step).exists():
        raise DomainError(_("This step already has its meeting."), code="duplicate")
    start_time = step.start_time or DEFAULT_START
    start = _aware(step.start, start_time)
    if step.end_time and step.end_time > start_time:
        end = _aware(step.start, step.end_time)
    else:
        end = start + dt.timedelta(hours=DEFAULT_HOURS)
    meeting = Meeting(
        organisation_id=step.cycle.organisation_id,
        body=running_body(step),
        step=step,
        title=step.title,
        start=start,
        end=end,
        location=step.location,
        **{f: getattr(step, f) for f in SIX_PARTS},
    )
    _require_runner(by, meeting)
    meeting.save()
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, title=step.title, description=step.goal
    )
    item.documents.set(step.documents_used.all())
    record(meeting, action="meetings.meeting.created", by=by)
    refresh_invitees(meeting=meeting, by=by)
    meeting.refresh_from_db()
    return meeting


@transaction.atomic
def create_meeting(
    *,
    body: Body,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    by,
    location: str = "",
    purpose: str = "",
) -> Meeting:
    """A stand-alone meeting of a body, outside the cycle's steps."""
    require_actor(by)
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Give the meeting a title."), code="required", field="title")
    if end <= start:
        raise DomainError(
            _("The meeting ends before it starts."), code="end_before_start", field="end"
        )
    meeting = Meeting(
        organisation_id=body.organisation_id,
        body=body,
        title=title,
        start=start,
        end=end,
        location=location,
        purpose=purpose,
    )
    _require_runner(by, meeting)
    meeting.save()
    record(meeting, action="meetings.meeting.created", by=by)
    revision.bump()
    return meeting


def _names(invitees) -> list[str]:
    return sorted(str(i.person) for i in invitees)


@transaction.atomic
def refresh_invitees(*, meeting: Meeting, by) -> Meeting:
    """Invite whom the step's bodies and posts name on the meeting day: new ones added, those
    no longer named (a post that changed hands) dropped; people added by hand and the
    majority's representatives kept. Only before the meeting is held."""
    _require_runner(by, meeting)
    # Not a user's edit: the invitees follow the body's memberships, whatever the version.
    meeting = lock(
        meeting, Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk), by=by
    )
    if meeting.status not in BEFORE_HELD:
        raise DomainError(
            _("The meeting has been held; its invitees are what they were."), code="held"
        )
    current = {i.person_id: i for i in meeting.invitees.select_related("person")}
    wanted = {c.person.pk: c for c in selectors.resolve_invitees(meeting)}
    gone = [i for pid, i in current.items() if i.source in selectors.DERIVED and pid not in wanted]
    new = [
        Invitee(
            meeting=meeting,
            person=c.person,
            source=c.source,
            reason=c.reason[:200],
            added_by=_user(by),
        )
        for pid, c in wanted.items()
        if pid not in current
    ]
    if gone:
        Invitee.objects.filter(pk__in=[i.pk for i in gone]).delete()
    if new:
        Invitee.objects.bulk_create(new)
    if gone or new:
        record(
            meeting,
            action="meetings.invitees.changed",
            by=by,
            changes={"invitees": (_names(gone) or None, _names(new) or None)},
        )
        _touch(meeting)
        _tell_changed_invitees(meeting, new=new, gone=gone, by=by)
    return meeting


def _tell_changed_invitees(meeting: Meeting, *, new: list, gone: list, by) -> None:
    """Once the invitations have gone out, a person added gets hers and a person dropped who
    had been sent one gets the cancellation."""
    require_actor(by)
    if meeting.status != MeetingStatus.INVITED:
        return
    added = [i.person_id for i in new if i.person.email]
    dropped = [i.person_id for i in gone if i.invited_sequence is not None]
    if added:
        _queue_invitations(meeting, method="REQUEST", people=added, by=by)
    if dropped:
        _queue_invitations(meeting, method="CANCEL", people=dropped, by=by)


@transaction.atomic
def add_invitee(*, meeting: Meeting, person: Person, by, version: int | None) -> Invitee:
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    if meeting.status not in BEFORE_HELD:
        raise DomainError(
            _("The meeting has been held; its invitees are what they were."), code="held"
        )
    if person.organisation_id != meeting.organisation_id:
        raise DomainError(
            _("The person belongs to another organisation."), code="other_organisation"
        )
    if meeting.invitees.filter(person=person).exists():
        raise DomainError(
            _("%(name)s is already invited."), code="duplicate", params={"name": str(person)}
        )
    invited = meeting.status == MeetingStatus.INVITED
    if invited and not person.email.strip():
        raise DomainError(
            _("%(name)s has no e-mail address to send the invitation to."),
            code="no_email",
            params={"name": str(person)},
        )
    invitee = Invitee.objects.create(
        meeting=meeting, person=person, source=InviteeSource.HAND, added_by=_user(by)
    )
    record(
        meeting,
        action="meetings.invitees.changed",
        by=by,
        changes={"invitees": (None, [str(person)])},
    )
    _touch(meeting)
    if invited:  # the invitations went out before her: she gets hers now
        _queue_invitations(meeting, method="REQUEST", people=[person.pk], by=by)
    return invitee


@transaction.atomic
def remove_invitee(*, invitee: Invitee, by, version: int | None) -> None:
    meeting = invitee.meeting
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    if meeting.status not in BEFORE_HELD:
        raise DomainError(
            _("The meeting has been held; its invitees are what they were."), code="held"
        )
    name, person_id = str(invitee.person), invitee.person_id
    was_sent = (
        meeting.status == MeetingStatus.INVITED
        and Invitee.objects.filter(pk=invitee.pk, invited_sequence__isnull=False).exists()
    )
    invitee.delete()
    record(meeting, action="meetings.invitees.changed", by=by, changes={"invitees": ([name], None)})
    _touch(meeting)
    if was_sent:  # she had the invitation: her calendar is told she is no longer invited
        _queue_invitations(meeting, method="CANCEL", people=[person_id], by=by)


def may_pick_majority(user, meeting: Meeting) -> bool:
    """The board's chair picks the majority's representatives; her vice chairs act for her, and
    the meeting's secretary or the finance office records her choice."""
    from arshjul.accounts.roles import person_of
    from arshjul.organisation.choices import PRESIDIUM_ROLES

    if can_run_meeting(user, meeting):
        return True
    person = person_of(user)
    if person is None:
        return False
    return (
        person.memberships.on(selectors.meeting_day(meeting))
        .filter(
            body__organisation_id=meeting.organisation_id,
            body__kind=BodyKind.BOARD,
            role__in=PRESIDIUM_ROLES,
        )
        .exists()
    )


@transaction.atomic
def pick_majority(*, meeting: Meeting, people: list[Person], by, version: int | None) -> Meeting:
    """The majority's representatives, as the board's chair picks them from the majority
    parties' members on the meeting day; replaces her earlier choice."""
    require_actor(by)
    if not may_pick_majority(by, meeting):
        raise DomainError(
            _(
                "The board's chair, or someone acting for her, picks the majority's representatives."
            ),
            code="forbidden",
        )
    meeting = lock(meeting, version, by=by)
    if meeting.step is None or not meeting.step.chair_picks_majority:
        raise DomainError(
            _("This meeting's step does not ask the chair to pick representatives."),
            code="no_majority_pick",
        )
    if meeting.status not in BEFORE_HELD:
        raise DomainError(
            _("The meeting has been held; its invitees are what they were."), code="held"
        )
    allowed = {m.person_id: m for m in selectors.majority_candidates(meeting)}
    strangers = [p for p in people if p.pk not in allowed]
    if strangers:
        raise DomainError(
            _("%(name)s is not a member for a majority party on the meeting day."),
            code="not_majority",
            params={"name": str(strangers[0])},
        )
    current = {i.person_id: i for i in meeting.invitees.all()}
    before = [i for i in current.values() if i.source == InviteeSource.MAJORITY]
    wanted = {p.pk for p in people}
    dropped = [i for i in before if i.person_id not in wanted]
    Invitee.objects.filter(pk__in=[i.pk for i in dropped]).delete()
    added = Invitee.objects.bulk_create(
        [
            Invitee(
                meeting=meeting,
                person=allowed[pid].person,
                source=InviteeSource.MAJORITY,
                reason=(
                    f"{allowed[pid].party.abbreviation if allowed[pid].party else ''}, "
                    f"{allowed[pid].body.short_name}"
                ).strip(", ")[:200],
                added_by=_user(by),
            )
            for pid in wanted
            if pid not in current
        ]
    )
    record(
        meeting,
        action="meetings.majority.picked",
        by=by,
        changes={
            "representatives": (_names(before) or None, sorted(str(p) for p in people) or None)
        },
    )
    _touch(meeting)
    _tell_changed_invitees(meeting, new=added, gone=dropped, by=by)
    return meeting


@transaction.atomic
def move(
    *,
    meeting: Meeting,
    start: dt.datetime,
    end: dt.datetime,
    by,
    location: str | None = None,
    version: int | None,
) -> Meeting:
    """Move the meeting (and its place). Once invited, the invitees get an update with a
    higher SEQUENCE. A held meeting keeps its time; no meeting moves into the past."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    if meeting.status not in BEFORE_HELD:
        raise DomainError(
            _("The meeting has been held; it cannot be moved."), code="held", field="start"
        )
    if end <= start:
        raise DomainError(
            _("The meeting ends before it starts."), code="end_before_start", field="end"
        )
    if start < timezone.now():
        raise DomainError(
            _("A meeting cannot be moved into the past."), code="in_the_past", field="start"
        )
    before = {"start": meeting.start, "end": meeting.end, "location": meeting.location}
    meeting.start, meeting.end = start, end
    if location is not None:
        meeting.location = location
    changes = {k: (v, getattr(meeting, k)) for k, v in before.items() if v != getattr(meeting, k)}
    if not changes:
        return meeting
    if meeting.status == MeetingStatus.INVITED:
        meeting.sequence += 1
    _touch(meeting, "start", "end", "location", "sequence")
    record(meeting, action="meetings.meeting.moved", by=by, changes=changes)
    if meeting.status == MeetingStatus.INVITED:
        _queue_invitations(meeting, method="REQUEST", by=by)
    return meeting


@transaction.atomic
def cancel(*, meeting: Meeting, reason: str, by, version: int | None) -> Meeting:
    """Cancel a meeting not yet held; the invited get a CANCEL."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    if meeting.status not in BEFORE_HELD:
        raise DomainError(_("The meeting has been held; it cannot be cancelled."), code="held")
    was_invited = meeting.status == MeetingStatus.INVITED
    before = meeting.status
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = (reason or "").strip()
    if was_invited:
        meeting.sequence += 1
    _touch(meeting, "status", "cancelled_reason", "sequence")
    record(
        meeting,
        action="meetings.meeting.cancelled",
        by=by,
        changes={"status": (before, meeting.status)},
    )
    if was_invited:
        _queue_invitations(meeting, method="CANCEL", by=by)
    return meeting


def _refuse_status(meeting: Meeting, to: str) -> None:
    if to == MeetingStatus.INVITED and not meeting.invitees.exists():
        raise DomainError(_("Invite someone before sending the invitations."), code="no_invitees")
    if to == MeetingStatus.INVITED:
        from .invitations import without_email

        if missing := without_email(meeting):
            raise DomainError(
                _(
                    "These invitees have no e-mail address: %(names)s. Add their addresses, or "
                    "remove them from the invitees, before sending the invitations."
                ),
                code="no_email",
                params={"names": ", ".join(str(p) for p in missing)},
            )
    if to == MeetingStatus.HELD and meeting.start > timezone.now():
        raise DomainError(
            _("The meeting has not begun yet; it can be marked held once it has."),
            code="not_yet",
        )
    if to == MeetingStatus.DOCUMENTED and meeting.minutes_id is None:
        raise DomainError(
            _("Write or upload the minutes before marking the meeting documented."),
            code="no_minutes",
        )


@transaction.atomic
def change_status(*, meeting: Meeting, to: str, by, version: int | None) -> Meeting:
    """Move the meeting on: invited (the invitations go out), held, documented, closed."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    if to not in TRANSITIONS.get(meeting.status, ()):
        raise DomainError(
            _("A meeting that is “%(current)s” cannot become “%(to)s”."),
            code="bad_transition",
            params={
                "current": MeetingStatus(meeting.status).label,
                "to": MeetingStatus(to).label if to in MeetingStatus.values else to,
            },
        )
    _refuse_status(meeting, to)
    before = meeting.status
    meeting.status = to
    _touch(meeting, "status")
    record(
        meeting, action="meetings.meeting.status_changed", by=by, changes={"status": (before, to)}
    )
    if to == MeetingStatus.INVITED:
        _queue_invitations(meeting, method="REQUEST", by=by)
    return meeting


def _queue_invitations(
    meeting: Meeting, *, method: str, people: list[int] | None = None, by
) -> None:
    """In the change's transaction: the e-mails exist exactly when the change does."""
    require_actor(by)
    from . import invitations

    invitations.queue(meeting.pk, method=method, people=people, by=by)
