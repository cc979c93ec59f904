"""iCalendar (RFC 5545) renderings of a selector's steps: feeds per cycle, body and person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def describe(step) -> str:
    """The six parts of a step as plain text, in the order the seeds write them."""
    parts = [
        (_("Participants"), _participants(step)),
        (_("Purpose"), step.purpose),
        (_("Input documents"), step.inputs),
        (_("Goal"), step.goal),
        (_("Documentation"), step.documentation),
        (_("Follow-up"), step.follow_up),
    ]
    lines = [f"{label}: {text}" for label, text in parts if text]
    if step.notes:
        lines.append(step.notes)
    lines.append(settings.SITE_URL + step.get_absolute_url())
    return "\n\n".join(lines)


def _participants(step) -> str:
    named = [b.name for b in step.participant_bodies.all()] + [
        p.title for p in step.participant_posts.all()
    ]
    text = step.participants.strip()
    if named and text:
        return f"{text} ({', '.join(named)})"
    return text or ", ".join(named)


def step_event(step) -> Event:
    event = Event()
    event.add("uid", f"{step.uid}@arshjul")
    event.add("dtstamp", step.updated.astimezone(dt.UTC))
    event.add("last-modified", step.updated.astimezone(dt.UTC))
    event.add("sequence", step.sequence)
    event.add("summary", step.title)
    event.add("description", describe(step))
    event.add("url", settings.SITE_URL + step.get_absolute_url())
    event.add("categories", [step.get_kind_display()])
    event.add("status", "CONFIRMED" if step.published else "TENTATIVE")
    if step.location:
        event.add("location", step.location)
    if step.start_time:
        begin = dt.datetime.combine(step.start, step.start_time, tzinfo=STOCKHOLM)
        if step.end_time:
            finish = dt.datetime.combine(step.end, step.end_time, tzinfo=STOCKHOLM)
        else:
            finish = begin + dt.timedelta(
                hours=1
            )  # an hour when no end is given, past midnight too
        event.add("dtstart", begin)
        event.add("dtend", max(finish, begin))
    else:
        event.add("dtstart", step.start)
        event.add("dtend", step.end + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    return event


def calendar_for(steps: Iterable, *, name: str, extra: Iterable = ()) -> bytes:
    """The steps as a calendar; `extra` adds other components (a person's meetings and
    follow-up tasks)."""
    cal = Calendar()
    cal.add("prodid", "-//Årshjul//Planerings- och budgetprocess//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Stockholm")
    cal.add("refresh-interval", vDuration(dt.timedelta(hours=1)), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for step in steps:
        cal.add_component(step_event(step))
    for component in extra:
        cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()


def generated_at() -> str:
    return timezone.now().isoformat()
