"""Who may read and run meetings (used by pages, API, e-mails and exports alike).

Run (change): the finance office of the meeting's organisation, and the secretary or head of
administration of the meeting's body (or of the board it belongs to).
Read the whole meeting (invitees, agenda, its documents, decisions, tasks): those who run it,
its invitees, and the members of its body.
The public: a meeting whose step is public and published shows its six parts and its published
minutes; its attendance only where the body has made attendance lists public. A stand-alone
meeting is not public.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from arshjul.accounts.roles import (
    in_organisation,
    is_finance_office,
    is_finance_office_of,
    organisation_id_of,
    person_of,
    served_bodies,
    serving_or_seated_bodies,
)
from arshjul.process.choices import Visibility

from .models import Meeting


def can_run_meeting(user, meeting: Meeting) -> bool:
    if is_finance_office_of(user, meeting.organisation_id):
        return True
    return in_organisation(user, meeting.organisation_id) and meeting.body_id in served_bodies(user)


def meetings_visible_to(user, qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings `user` may read in full."""
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_superuser:
        return qs
    org = organisation_id_of(user)
    if org is None:
        return qs.none()
    qs = qs.filter(organisation_id=org)
    if is_finance_office(user):
        return qs
    person = person_of(user)
    bodies = serving_or_seated_bodies(user)
    return qs.filter(Q(body_id__in=bodies) | Q(invitees__person=person)).distinct()


def meetings_listed_for(user, qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings of `qs` that `user` may open: those she reads in full and the public
    steps' meetings (shown in part). The list page and the API's list both use this."""
    whole = meetings_visible_to(user, Meeting.objects.all()).values("pk")
    public = Q(step__published=True, step__visibility=Visibility.PUBLIC) & ~Q(status="cancelled")
    return qs.filter(Q(pk__in=whole) | public)


def can_read_meeting(user, meeting: Meeting) -> bool:
    return meetings_visible_to(user, Meeting.objects.filter(pk=meeting.pk)).exists()


def is_public(meeting: Meeting) -> bool:
    step = meeting.step
    return bool(
        step is not None
        and step.published
        and step.visibility == Visibility.PUBLIC
        and meeting.status != "cancelled"
    )


def can_see_attendance(user, meeting: Meeting) -> bool:
    """Attendance is for those who read the meeting, and public only where its body says so."""
    return can_read_meeting(user, meeting) or (
        is_public(meeting) and meeting.body.attendance_public
    )
