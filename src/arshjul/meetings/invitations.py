"""Invitations by e-mail with an iCalendar attachment (RFC 5546): REQUEST when invited or moved
(a higher SEQUENCE each time), CANCEL when cancelled or when someone is no longer invited. Put
in the outbox (notifications.outbox) in the transaction of the change, one message per person
in her language, and sent by `manage.py send_mail_outbox` — never from the request, with a
timeout, retries and a failure list; the revision each invitee was sent is kept on her row
(Invitee.invited_sequence)."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.notifications import outbox
from arshjul.organisation.choices import PostKind
from arshjul.organisation.models import Person, PostHolding

from . import ical
from .choices import MeetingStatus
from .models import Invitee, Meeting

REQUEST, CANCEL = ical.REQUEST, ical.CANCEL


def organizer_of(meeting: Meeting) -> tuple[str, str]:
    """(name, address) of the meeting's organiser: the secretary of its body (or of the body it
    belongs to) with an e-mail address today, else the site's sender address."""
    bodies = [meeting.body_id] + ([meeting.body.parent_id] if meeting.body.parent_id else [])
    holdings = (
        PostHolding.objects.on(timezone.localdate())
        .filter(post__kind=PostKind.COMMITTEE_SECRETARY, post__body_id__in=bodies)
        .exclude(person__email="")
        .select_related("person", "post")
        .order_by("post__title", "start")
    )
    found = sorted(holdings, key=lambda h: bodies.index(h.post.body_id))
    if found:
        return str(found[0].person), found[0].person.email
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return name or "Årshjul", address or settings.DEFAULT_FROM_EMAIL


def without_email(meeting: Meeting) -> list[Person]:
    """The invitees who cannot be sent an invitation."""
    return [
        i.person
        for i in meeting.invitees.select_related("person")
        .filter(person__email="")
        .order_by("person__last_name", "person__first_name")
    ]


def _recipients(meeting: Meeting, method: str, people: list[int] | None):
    if method == CANCEL and people is not None:
        # No longer invited: her row is gone, the person is still there.
        return [(p, None) for p in Person.objects.filter(pk__in=people).order_by("pk")]
    qs = meeting.invitees.select_related("person").order_by("pk")
    if people is not None:
        qs = qs.filter(person_id__in=people)
    return [(i.person, i) for i in qs]


def _mail(
    meeting: Meeting,
    *,
    method: str,
    person: Person,
    invitee: Invitee | None,
    organizer: tuple[str, str],
    agenda: list[ical.AgendaLine],
) -> outbox.Mail:
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        start, end = timezone.localtime(meeting.start), timezone.localtime(meeting.end)
        when = {
            "title": meeting.title,
            "date": date_format(start, "j F Y"),
        }
        if method == CANCEL:
            subject = _("Cancelled: %(title)s, %(date)s") % when
        elif invitee is not None and invitee.invited_sequence is not None:
            subject = _("Changed: %(title)s, %(date)s") % when
        else:
            subject = _("Invitation: %(title)s, %(date)s") % when
        context = {
            "meeting": meeting,
            "person": person,
            "method": method,
            "updated": method == REQUEST
            and invitee is not None
            and invitee.invited_sequence is not None,
            "uninvited": method == CANCEL and invitee is None,
            "because": (invitee.reason or invitee.get_source_display()) if invitee else "",
            "day": date_format(start, "l j F Y"),
            "start": date_format(start, "H:i"),
            "end": date_format(end, "H:i")
            if end.date() == start.date()
            else date_format(end, "j F Y H:i"),
            "parts": ical.parts_of(meeting),
            "agenda": agenda,
            "url": ical.absolute(meeting.get_absolute_url()),
            "organizer": organizer,
        }
        text = render_to_string("meetings/email/invitation.txt", context)
        html = render_to_string("meetings/email/invitation.html", context)
        ics = ical.invitation_ics(
            meeting, method=method, attendee=person, organizer=organizer, agenda=agenda
        )
    return outbox.Mail(
        organisation_id=meeting.organisation_id,
        to=person.email,
        subject=str(subject),
        text=text,
        html=html,
        language=language,
        reply_to=organizer[1],
        event=f"meetings.invitation.{method.lower()}",
        about=f"meetings.meeting:{meeting.pk}",
        recipient_id=person.pk,
        attachments=(
            outbox.Attachment(
                filename="invite.ics",
                mimetype="text/calendar",
                content=ics.decode("utf-8"),
                method=method,
            ),
        ),
    )


def queue(meeting_id: int, *, method: str, people: list[int] | None = None, by) -> int:
    """Put the meeting's invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) in the
    outbox for every invitee with an address, or only for `people` (person ids: one added or
    removed once the invitations went out); returns how many were queued. Call it in the
    transaction of the change. A REQUEST is queued only while the meeting stands invited. A
    fixed number of queries, whatever the number of invitees."""
    require_actor(by)
    if method not in ical.METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    meeting = (
        Meeting.objects.select_related("body", "organisation", "step")
        .prefetch_related(ical.agenda_items())
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return 0
    if method == REQUEST and meeting.status != MeetingStatus.INVITED:
        return 0
    if method == CANCEL and people is None and meeting.status != MeetingStatus.CANCELLED:
        return 0
    recipients = [(p, i) for p, i in _recipients(meeting, method, people) if p.email.strip()]
    if not recipients:
        return 0
    organizer = organizer_of(meeting)
    agenda = ical.agenda_of(meeting)
    outbox.queue(
        [
            _mail(
                meeting,
                method=method,
                person=person,
                invitee=invitee,
                organizer=organizer,
                agenda=agenda,
            )
            for person, invitee in recipients
        ],
        by=by,
    )
    rows = [i.pk for _p, i in recipients if i is not None]
    if rows:
        Invitee.objects.filter(pk__in=rows).update(invited_sequence=meeting.sequence)
    record(
        meeting,
        action="meetings.invitations.queued",
        by=by,
        changes={
            "method": (None, method),
            "sequence": (None, meeting.sequence),
            "sent_to": (None, sorted(str(p) for p, _i in recipients)),
        },
    )
    return len(recipients)
