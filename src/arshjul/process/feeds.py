"""iCalendar feed views. Read: per cycle and per body, what the requester may see (calendar
clients are anonymous, so published public steps); per person, by a secret token that its
owner can renew, what that person may see."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from arshjul.accounts.models import FeedToken
from arshjul.accounts.roles import person_of
from arshjul.meetings.ical import feed_events, meetings_for_person
from arshjul.organisation.models import Body

from . import selectors
from .cache import public_cache
from .exports import calendar_for
from .models import Cycle


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
@public_cache
def cycle_feed(request: HttpRequest, slug: str) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.select_related("organisation"), slug=slug)
    steps = selectors.timeline_for_cycles(cycles=[cycle], user=request.user)
    return _ics(calendar_for(steps, name=f"{cycle.organisation} – {cycle}"), f"{cycle.slug}.ics")


@require_GET
@public_cache
def body_feed(request: HttpRequest, organisation: str, slug: str) -> HttpResponse:
    body = get_object_or_404(
        Body.objects.select_related("organisation"), organisation__slug=organisation, slug=slug
    )
    cycles = list(
        selectors.cycle_list().filter(
            organisation=body.organisation, end__gte=timezone.localdate().replace(month=1, day=1)
        )
    )
    steps = selectors.timeline_for_cycles(cycles=cycles, user=request.user).filter(
        participant_bodies=body
    )
    return _ics(calendar_for(steps, name=f"{body.organisation} – {body.name}"), f"{body.slug}.ics")


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = FeedToken.objects.select_related("user", "user__person").filter(token=token).first()
    person = person_of(feed.user) if feed and feed.user.is_active else None
    if person is None:
        raise Http404
    cycles = list(selectors.cycle_list().filter(organisation_id=person.organisation_id))
    steps = selectors.steps_for_person(
        selectors.timeline_for_cycles(cycles=cycles, user=feed.user), person
    )
    # Her meetings come as the invitation has them (its UID and SEQUENCE), in place of their steps.
    meetings = meetings_for_person(person)
    steps = steps.exclude(meeting__in=meetings.values("pk"))
    return _ics(
        calendar_for(
            steps,
            name=f"Årshjul – {person}",
            extra=[*feed_events(meetings), *task_events(person)],
        ),
        "arshjul.ics",
    )


def task_events(person) -> list:
    """The person's open follow-up tasks from meetings, each an all-day event on its due date
    (calendar clients show those; few show to-do entries) with the task's stable UID."""
    import datetime as dt

    from django.conf import settings
    from icalendar import Event

    from arshjul.meetings.models import Task

    events = []
    tasks = Task.objects.filter(owner=person, done__isnull=True).select_related("meeting")
    for task in tasks.order_by("due", "pk"):
        event = Event()
        event.add("uid", f"{task.uid}@arshjul")
        event.add("dtstamp", task.created.astimezone(dt.UTC))
        event.add("summary", f"{task.title} ({task.meeting.title})")
        event.add("dtstart", task.due)
        event.add("dtend", task.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Uppgift"])
        event.add("url", settings.SITE_URL + task.meeting.get_absolute_url())
        events.append(event)
    return events
