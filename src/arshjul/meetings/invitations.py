"""Invitations by e-mail with an iCalendar attachment (RFC 5546): REQUEST when invited or moved
(a higher SEQUENCE each time), CANCEL when cancelled or when someone is no longer invited. Sent
after the change has committed, one message per person in her language; the revision each
invitee was sent is kept on her row (Invitee.invited_sequence)."""

from __future__ import annotations

import logging
from email.mime.text import MIMEText
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.organisation.choices import PostKind
from arshjul.organisation.models import Person, PostHolding

from . import ical
from .choices import MeetingStatus
from .models import Invitee, Meeting

logger = logging.getLogger(__name__)

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


def _calendar_part(ics: bytes, method: str) -> MIMEText:
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def _message(
    meeting: Meeting,
    *,
    method: str,
    person: Person,
    invitee: Invitee | None,
    organizer: tuple[str, str],
    agenda: list[ical.AgendaLine],
) -> EmailMultiAlternatives:
    with translation.override(person.language or settings.LANGUAGE_CODE):
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
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        reply_to=[organizer[1]],
    )
    message.attach_alternative(html, "text/html")
    message.attach(_calendar_part(ics, method))
    return message


def send(meeting_id: int, *, method: str, people: list[int] | None = None, by) -> int:
    """E-mail the meeting's invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) to
    every invitee with an address, or only to `people` (person ids: one added or removed once
    the invitations went out); returns how many went out. A REQUEST goes out only while the
    meeting stands invited. A fixed number of queries, whatever the number of invitees."""
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
    sent_to: list[tuple[Person, Invitee | None]] = []
    with get_connection() as connection:
        for person, invitee in recipients:
            message = _message(
                meeting,
                method=method,
                person=person,
                invitee=invitee,
                organizer=organizer,
                agenda=agenda,
            )
            message.connection = connection
            try:
                message.send()
            except Exception:  # one bad address or a hiccup must not stop the others
                logger.exception("Could not e-mail the invitation of meeting %s", meeting.pk)
                continue
            sent_to.append((person, invitee))
    rows = [i.pk for _p, i in sent_to if i is not None]
    if rows:
        Invitee.objects.filter(pk__in=rows).update(invited_sequence=meeting.sequence)
    if sent_to:
        record(
            meeting,
            action="meetings.invitations.sent",
            by=by,
            changes={
                "method": (None, method),
                "sequence": (None, meeting.sequence),
                "sent_to": (None, sorted(str(p) for p, _i in sent_to)),
            },
        )
    return len(sent_to)
