"""The meetings' core JSON API: the meetings a caller may read, one meeting with its six parts,
invitees and agenda, and the secretary's changes: making one from a meeting step or
stand-alone, its status (invited sends the invitations), moving, cancelling, invitees and the
majority's representatives.

Read: as the pages (meetings.permissions): those who run the meeting, its invitees and the
members of its body read it whole; anyone else only a published public step's meeting, its six
parts and times, with its invitees and attendance only where the body has made attendance
public. A meeting the caller may not see is a 404.
Change (POST, PUT, DELETE): signed-in callers with the web app's session and CSRF token; the
secretary of the meeting's body and the finance office (the majority's representatives: the
board's chair or someone acting for her). Others who may read the meeting get a 403. The rules
live in the services; a stale version answers 409.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from arshjul.accounts.roles import organisation_id_of
from arshjul.core.errors import DomainError
from arshjul.documents.models import Document
from arshjul.documents.permissions import documents_visible_to
from arshjul.organisation.models import Body, Person
from arshjul.process.models import Step
from arshjul.process.permissions import steps_visible_to

from . import services
from .choices import TRANSITIONS
from .models import AgendaItem, Invitee, Meeting
from .permissions import (
    can_read_meeting,
    can_run_meeting,
    can_see_attendance,
    is_public,
    meetings_listed_for,
)

router = Router(tags=["meetings"])

VERSION_HELP = (
    "The meeting's version as last read: a change made meanwhile is refused (409, code stale)."
)


class BodyRef(Schema):
    slug: str
    name: str
    short_name: str


class StepRef(Schema):
    cycle: str
    key: str
    url: str


class DocumentRef(Schema):
    id: int
    case_number: str
    title: str
    url: str


class InviteeOut(Schema):
    id: int
    person: int = Field(..., description="The person's id.")
    name: str
    source: str = Field(
        ..., description="member, presidium, post, chair, majority or hand (added by hand)."
    )
    source_label: str
    reason: str = Field(..., description="Why she is invited: her seat or post on the day.")
    attendance: str = Field(..., description="unknown, present, part or absent.")
    invited_sequence: int | None = Field(
        ..., description="The invitation's SEQUENCE last e-mailed to her; null: never sent."
    )


class MeetingItemOut(Schema):
    order: int
    title: str
    description: str
    on_invitation: bool
    state: str = Field(..., description="planned, handled, dropped or postponed.")
    outcome: str = Field(
        ..., description="given, with_changes, not_given, noted or empty (no decision)."
    )
    outcome_label: str
    decision_text: str
    documents: list[DocumentRef] = Field(..., description="The input documents the caller sees.")


class MeetingListOut(Schema):
    id: int
    title: str
    body: BodyRef
    step: StepRef | None = Field(..., description="The cycle's meeting step; null: stand-alone.")
    status: str = Field(..., description="planned, invited, held, documented, closed or cancelled.")
    status_label: str
    start: dt.datetime = Field(..., description="Local time (Europe/Stockholm) with its offset.")
    end: dt.datetime
    location: str
    uid: uuid.UUID = Field(..., description="The calendar UID is this value + “@arshjul”.")
    sequence: int = Field(..., description="The calendar revision (SEQUENCE).")
    version: int = Field(..., description=VERSION_HELP)
    url: str


class MeetingOut(MeetingListOut):
    participants: str
    purpose: str
    inputs: str
    goal: str
    documentation: str
    follow_up: str
    cancelled_reason: str
    can_run: bool = Field(..., description="Whether the caller may change the meeting.")
    next_statuses: list[str]
    invitees: list[InviteeOut] | None = Field(
        ..., description="null where the caller may not see the invitees and their attendance."
    )
    items: list[MeetingItemOut] = Field(..., description="The agenda; empty for the public.")


class MeetingQuery(Schema):
    body: str | None = Field(None, description="The body's short name in links, e.g. rsau.")
    cycle: str | None = Field(None, description="The cycle's slug: its meeting steps' meetings.")
    from_: dt.date | None = Field(None, alias="from", description="Meetings ending on or after.")
    to: dt.date | None = Field(None, description="Meetings starting on or before.")


class NewMeetingIn(Schema):
    body: str = Field(..., description="The body's short name in links, e.g. rsau.")
    title: str = Field(..., max_length=200)
    start: dt.datetime = Field(..., description="Local time (Europe/Stockholm) unless an offset.")
    end: dt.datetime
    location: str = Field("", max_length=200)
    purpose: str = ""


class MeetingStatusIn(Schema):
    to: str = Field(..., description="invited (sends the invitations), held, documented, closed.")
    version: int = Field(..., description=VERSION_HELP)


class MoveIn(Schema):
    start: dt.datetime = Field(..., description="Local time (Europe/Stockholm) unless an offset.")
    end: dt.datetime
    location: str | None = Field(None, max_length=200, description="null: the place stays.")
    version: int = Field(..., description=VERSION_HELP)


class CancelIn(Schema):
    reason: str = ""
    version: int = Field(..., description=VERSION_HELP)


class InviteeIn(Schema):
    person: int = Field(..., description="The id of a person of the meeting's organisation.")
    version: int = Field(..., description=VERSION_HELP)


class MajorityIn(Schema):
    people: list[int] = Field(
        ..., description="The ids of the people picked; replaces the last pick."
    )
    version: int = Field(..., description=VERSION_HELP)


def readable_meetings(user) -> QuerySet[Meeting]:
    """The meetings `user` may read, whole or (a public step's meeting) in part."""
    return meetings_listed_for(user, Meeting.objects.all())


def _meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("body", "organisation", "step__cycle").filter(pk=pk).first()
    )
    if meeting is None or not (can_read_meeting(request.user, meeting) or is_public(meeting)):
        raise Http404
    return meeting


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _day(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _person(meeting: Meeting, pk: int, field: str) -> Person:
    person = Person.objects.filter(pk=pk, organisation_id=meeting.organisation_id).first()
    if person is None:
        raise DomainError(
            _("There is no person %(id)s in the meeting's organisation."),
            code="unknown_person",
            params={"id": pk},
            field=field,
        )
    return person


def _summary(meeting: Meeting) -> dict:
    step = meeting.step
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "body": meeting.body,
        "step": (
            {"cycle": step.cycle.slug, "key": step.key, "url": step.get_absolute_url()}
            if step is not None
            else None
        ),
        "status": meeting.status,
        "status_label": str(meeting.get_status_display()),
        "start": timezone.localtime(meeting.start),
        "end": timezone.localtime(meeting.end),
        "location": meeting.location,
        "uid": meeting.uid,
        "sequence": meeting.sequence,
        "version": meeting.version,
        "url": meeting.get_absolute_url(),
    }


def _detail(request: HttpRequest, pk: int) -> dict:
    """One meeting as the caller may see it (the page's rules)."""
    meeting = _meeting_or_404(request, pk)
    user = request.user
    full = can_read_meeting(user, meeting)
    invitees = None
    if can_see_attendance(user, meeting):
        invitees = [
            {
                "id": i.pk,
                "person": i.person_id,
                "name": str(i.person),
                "source": i.source,
                "source_label": str(i.get_source_display()),
                "reason": i.reason,
                "attendance": i.attendance,
                "invited_sequence": i.invited_sequence,
            }
            for i in meeting.invitees.select_related("person").order_by(
                "source", "person__last_name", "person__first_name"
            )
        ]
    items = []
    if full:
        docs = documents_visible_to(user, Document.objects.all()).order_by("case_number")
        items = [
            {
                "order": item.order,
                "title": item.title,
                "description": item.description,
                "on_invitation": item.on_invitation,
                "state": item.state,
                "outcome": item.outcome,
                "outcome_label": str(item.get_outcome_display()),
                "decision_text": item.decision_text,
                "documents": [
                    {
                        "id": d.pk,
                        "case_number": d.case_number,
                        "title": d.title,
                        "url": d.get_absolute_url(),
                    }
                    for d in item.documents.all()
                ],
            }
            for item in AgendaItem.objects.filter(meeting=meeting)
            .prefetch_related(Prefetch("documents", queryset=docs))
            .order_by("order")
        ]
    return _summary(meeting) | {
        "participants": meeting.participants,
        "purpose": meeting.purpose,
        "inputs": meeting.inputs,
        "goal": meeting.goal,
        "documentation": meeting.documentation,
        "follow_up": meeting.follow_up,
        "cancelled_reason": meeting.cancelled_reason,
        "can_run": can_run_meeting(user, meeting),
        "next_statuses": [str(s) for s in TRANSITIONS[meeting.status]],
        "invitees": invitees,
        "items": items,
    }


@router.get(
    "/meetings",
    response=list[MeetingListOut],
    summary="List meetings",
    description=(
        "The meetings the caller may read, by start. Filter by body (its short name in links), "
        "cycle (its slug) and dates (from, to: ISO days, local time)."
    ),
)
def list_meetings(request: HttpRequest, filters: Query[MeetingQuery]):
    qs = readable_meetings(request.user).select_related("body", "step__cycle")
    if filters.body:
        qs = qs.filter(body__slug=filters.body)
    if filters.cycle:
        qs = qs.filter(step__cycle__slug=filters.cycle)
    if filters.from_:
        qs = qs.filter(end__gte=_day(filters.from_, dt.time.min))
    if filters.to:
        qs = qs.filter(start__lte=_day(filters.to, dt.time.max))
    return [_summary(m) for m in qs.order_by("start", "pk")]


@router.get("/meetings/{pk}", response=MeetingOut, summary="One meeting")
def get_meeting(request: HttpRequest, pk: int):
    return _detail(request, pk)


@router.post(
    "/meetings",
    response={201: MeetingOut},
    auth=django_auth,
    summary="Make a stand-alone meeting",
    description="A meeting of a body outside the cycle's steps; its secretary or the finance office.",
)
def create_meeting(request: HttpRequest, payload: NewMeetingIn):
    org = organisation_id_of(request.user)
    bodies = Body.objects.filter(slug=payload.body)
    if not request.user.is_superuser:
        bodies = bodies.filter(organisation_id=org)
    body = bodies.order_by("pk").first()
    if body is None:
        raise DomainError(
            _("There is no body “%(slug)s” in your organisation."),
            code="unknown_body",
            params={"slug": payload.body},
            field="body",
        )
    meeting = services.create_meeting(
        body=body,
        title=payload.title,
        start=_aware(payload.start),
        end=_aware(payload.end),
        location=payload.location,
        purpose=payload.purpose,
        by=request.user,
    )
    return Status(201, _detail(request, meeting.pk))


@router.post(
    "/cycles/{slug}/steps/{key}/meeting",
    response={201: MeetingOut},
    auth=django_auth,
    summary="Make a meeting step's meeting",
    description=(
        "Its time, place and six parts from the step, an agenda item with the step's documents, "
        "and the invitees resolved from its bodies and posts on the meeting day."
    ),
)
def create_for_step(request: HttpRequest, slug: str, key: str):
    step = (
        steps_visible_to(request.user, Step.objects.filter(cycle__slug=slug, key=key))
        .select_related("cycle")
        .first()
    )
    if step is None:
        raise Http404
    meeting = services.create_for_step(step=step, by=request.user)
    return Status(201, _detail(request, meeting.pk))


@router.post(
    "/meetings/{pk}/status",
    response=MeetingOut,
    auth=django_auth,
    summary="Move a meeting's status on",
    description=(
        "planned → invited → held → documented → closed. Invited e-mails the invitations (with "
        "an .ics); it is refused while an invitee has no e-mail address (code no_email)."
    ),
)
def change_status(request: HttpRequest, pk: int, payload: MeetingStatusIn):
    meeting = _meeting_or_404(request, pk)
    services.change_status(meeting=meeting, to=payload.to, by=request.user, version=payload.version)
    return _detail(request, pk)


@router.post(
    "/meetings/{pk}/move",
    response=MeetingOut,
    auth=django_auth,
    summary="Move a meeting or change its place",
    description="Once invited, the invitees get an update with a higher SEQUENCE.",
)
def move(request: HttpRequest, pk: int, payload: MoveIn):
    meeting = _meeting_or_404(request, pk)
    services.move(
        meeting=meeting,
        start=_aware(payload.start),
        end=_aware(payload.end),
        location=payload.location,
        by=request.user,
        version=payload.version,
    )
    return _detail(request, pk)


@router.post(
    "/meetings/{pk}/cancel",
    response=MeetingOut,
    auth=django_auth,
    summary="Cancel a meeting",
    description="Only before it is held; once invited, the invitees get a CANCEL.",
)
def cancel(request: HttpRequest, pk: int, payload: CancelIn):
    meeting = _meeting_or_404(request, pk)
    services.cancel(
        meeting=meeting, reason=payload.reason, by=request.user, version=payload.version
    )
    return _detail(request, pk)


@router.post(
    "/meetings/{pk}/invitees",
    response={201: MeetingOut},
    auth=django_auth,
    summary="Invite someone by hand",
    description="Once the invitations have gone out she is sent hers.",
)
def add_invitee(request: HttpRequest, pk: int, payload: InviteeIn):
    meeting = _meeting_or_404(request, pk)
    person = _person(meeting, payload.person, "person")
    services.add_invitee(meeting=meeting, person=person, by=request.user, version=payload.version)
    return Status(201, _detail(request, pk))


@router.post(
    "/meetings/{pk}/invitees/refresh",
    response=MeetingOut,
    auth=django_auth,
    summary="Bring the invitees up to date",
    description="From the step's bodies and posts on the meeting day; people added by hand stay.",
)
def refresh_invitees(request: HttpRequest, pk: int):
    meeting = _meeting_or_404(request, pk)
    services.refresh_invitees(meeting=meeting, by=request.user)
    return _detail(request, pk)


@router.delete(
    "/meetings/{pk}/invitees/{invitee_id}",
    response=MeetingOut,
    auth=django_auth,
    summary="Remove an invitee",
    description="Once the invitations have gone out she is sent a CANCEL. Send ?version=.",
)
def remove_invitee(request: HttpRequest, pk: int, invitee_id: int, version: int):
    meeting = _meeting_or_404(request, pk)
    invitee = (
        Invitee.objects.select_related("person", "meeting")
        .filter(pk=invitee_id, meeting=meeting)
        .first()
    )
    if invitee is None or not can_read_meeting(request.user, meeting):
        raise Http404
    services.remove_invitee(invitee=invitee, by=request.user, version=version)
    return _detail(request, pk)


@router.put(
    "/meetings/{pk}/majority",
    response=MeetingOut,
    auth=django_auth,
    summary="Pick the majority's representatives",
    description=(
        "Where the step asks the board's chair to pick them: she (or a vice chair acting for "
        "her, or the meeting's secretary recording her choice) names members of the majority "
        "parties on the meeting day."
    ),
)
def pick_majority(request: HttpRequest, pk: int, payload: MajorityIn):
    meeting = _meeting_or_404(request, pk)
    ids = list(dict.fromkeys(payload.people))
    found = Person.objects.filter(pk__in=ids, organisation_id=meeting.organisation_id).in_bulk()
    if missing := [pk for pk in ids if pk not in found]:
        _person(meeting, missing[0], "people")  # refuses, naming the first unknown id
    people = [found[pk] for pk in ids]
    services.pick_majority(meeting=meeting, people=people, by=request.user, version=payload.version)
    return _detail(request, pk)
