"""A meeting as iCalendar (RFC 5545/5546): the event of its invitation (METHOD:REQUEST or
CANCEL, one attendee: the recipient) and of the personal feed (METHOD:PUBLISH), with the same
stable UID and SEQUENCE, so that a calendar holds one event per meeting whichever way it came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from arshjul.documents.models import Document
from arshjul.organisation.models import Person

from .choices import MeetingStatus
from .models import AgendaItem, Meeting

PRODID = "-//Årshjul//Planerings- och budgetprocess//SV"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (REQUEST, CANCEL)
SIX_PARTS = ("participants", "purpose", "inputs", "goal", "documentation", "follow_up")


def meeting_uid(meeting: Meeting) -> str:
    """The meeting's UID in every calendar: the same for the invitation, its updates, its
    cancellation and the personal feed (not tied to the site's address, which may change)."""
    return f"{meeting.uid}@arshjul"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def part_labels() -> dict[str, str]:
    """The six parts' labels in the active language (the same words as the steps' feeds)."""
    return {
        "participants": _("Participants"),
        "purpose": _("Purpose"),
        "inputs": _("Input documents"),
        "goal": _("Goal"),
        "documentation": _("Documentation"),
        "follow_up": _("Follow-up"),
    }


@dataclass(frozen=True)
class AgendaLine:
    order: int
    title: str
    documents: list[tuple[str, str]] = field(default_factory=list)  # (name, absolute URL)


def agenda_items() -> Prefetch:
    """Prefetch a meeting's agenda as invited, with its input documents (two queries)."""
    return Prefetch(
        "items",
        queryset=AgendaItem.objects.filter(on_invitation=True)
        .order_by("order")
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.order_by("case_number", "title"))
        ),
        to_attr="invitation_items",
    )


def agenda_of(meeting: Meeting) -> list[AgendaLine]:
    """The agenda as invited: items and the absolute links of their input documents. Reads the
    `agenda_items()` prefetch when present."""
    items = getattr(meeting, "invitation_items", None)
    if items is None:
        items = (
            Meeting.objects.filter(pk=meeting.pk).prefetch_related(agenda_items()).get()
        ).invitation_items
    return [
        AgendaLine(
            order=item.order,
            title=item.title,
            documents=[
                (f"{doc.case_number} {doc.title}".strip(), absolute(doc.get_absolute_url()))
                for doc in item.documents.all()
            ],
        )
        for item in items
    ]


def parts_of(meeting: Meeting) -> list[tuple[str, str]]:
    """The meeting's six parts that have a text, labelled in the active language."""
    labels = part_labels()
    return [(labels[f], getattr(meeting, f).strip()) for f in SIX_PARTS if getattr(meeting, f)]


def describe(meeting: Meeting, agenda: list[AgendaLine]) -> str:
    """The event's DESCRIPTION: the six parts, the agenda with its documents' links, the page."""
    lines = [f"{label}: {text}" for label, text in parts_of(meeting)]
    if agenda:
        rows = [_("Agenda") + ":"]
        for item in agenda:
            rows.append(f"{item.order}. {item.title}")
            rows += [f"   – {name}: {url}" for name, url in item.documents]
        lines.append("\n".join(rows))
    if meeting.status == MeetingStatus.CANCELLED and meeting.cancelled_reason:
        lines.append(_("Reason for cancelling") + ": " + meeting.cancelled_reason)
    lines.append(absolute(meeting.get_absolute_url()))
    return "\n\n".join(lines)


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key.replace("_", "-").upper()] = vText(value)
    return address


def meeting_event(
    meeting: Meeting,
    *,
    agenda: list[AgendaLine],
    stamp: dt.datetime,
    cancelled: bool = False,
) -> Event:
    """The meeting's VEVENT, its times in Europe/Stockholm (the calendar adds the VTIMEZONE)."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("last-modified", meeting.updated.astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(meeting.start))
    event.add("dtend", timezone.localtime(meeting.end))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", describe(meeting, agenda))
    event.add("url", absolute(meeting.get_absolute_url()))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def _calendar(method: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    return cal


def invitation_ics(
    meeting: Meeting,
    *,
    method: str,
    attendee: Person,
    organizer: tuple[str, str],
    agenda: list[AgendaLine],
) -> bytes:
    """The invitation (REQUEST) or cancellation (CANCEL) for one attendee (RFC 5546): only the
    recipient is named, so no one learns the other invitees' addresses."""
    if method not in METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    cancelled = method == CANCEL
    cal = _calendar(method)
    event = meeting_event(meeting, agenda=agenda, stamp=timezone.now(), cancelled=cancelled)
    name, email = organizer
    event.add("organizer", _address(email, name))
    event.add(
        "attendee",
        _address(
            attendee.email,
            str(attendee),
            cutype="INDIVIDUAL",
            role="REQ-PARTICIPANT",
            partstat="NEEDS-ACTION",
            rsvp="FALSE" if cancelled else "TRUE",
        ),
    )
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def meetings_for_person(person: Person) -> QuerySet[Meeting]:
    """The meetings she has been invited to (the invitations have gone out; cancelled ones
    left out), with their agenda as invited."""
    return (
        Meeting.objects.filter(invitees__person=person)
        .exclude(status__in=(MeetingStatus.PLANNED, MeetingStatus.CANCELLED))
        .prefetch_related(agenda_items())
        .order_by("start")
    )


def feed_events(meetings: Iterable[Meeting]) -> list[Event]:
    """Meetings as events for a personal feed (UID and SEQUENCE as in the invitation)."""
    return [meeting_event(m, agenda=agenda_of(m), stamp=m.updated) for m in meetings]
