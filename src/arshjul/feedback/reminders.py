"""Reminders of feedback-report deadlines, e-mailed to each committee's secretary and head of
administration a configurable number of days before, once for each, whenever the job runs; in
each recipient's language (one e-mail per language)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arshjul.organisation.choices import PostKind
from arshjul.organisation.models import PostHolding
from arshjul.process.models import Cycle

from .models import ReminderSent
from .selectors import feedback_dashboard


def recipients(body, on: dt.date) -> dict[str, list[str]]:
    """The e-mail addresses of the committee's secretary and head of administration, by the
    language each is written to in."""
    holdings = (
        PostHolding.objects.on(on)
        .filter(
            post__body=body,
            post__kind__in=(PostKind.COMMITTEE_SECRETARY, PostKind.HEAD_OF_ADMINISTRATION),
        )
        .select_related("person")
    )
    by_language: dict[str, set[str]] = {}
    for h in holdings:
        if h.person.email:
            by_language.setdefault(h.person.language, set()).add(h.person.email)
    return {language: sorted(emails) for language, emails in sorted(by_language.items())}


def send_reminders(*, today: dt.date) -> int:
    """Send what is due today and not sent before; returns how many e-mails went out."""
    sent = 0
    for cycle in Cycle.objects.filter(start__lte=today, end__gte=today):
        _deadlines, rows = feedback_dashboard(cycle=cycle, today=today)
        for row in rows:
            for state in row.states:
                if state.state != "open":
                    continue
                days_left = (state.step.end - today).days
                due = [d for d in settings.REMINDER_DAYS if days_left <= d]
                if not due:
                    continue
                sent += _remind(row.body, state, days_left, due, today)
    return sent


@transaction.atomic
def _remind(body, state, days_left: int, due: list[int], today: dt.date) -> int:
    """One e-mail (per language) for the nearest reminder day not yet used; all due days are
    then marked."""
    if ReminderSent.objects.filter(body=body, step=state.step, days_before=min(due)).exists():
        return 0
    to = recipients(body, today)
    for days in due:
        ReminderSent.objects.get_or_create(body=body, step=state.step, days_before=days)
    sent = 0
    for language, emails in to.items():
        _send(body, state, days_left, language, emails)
        sent += 1
    return sent


def _send(body, state, days_left: int, language: str, to: list[str]) -> None:
    with translation.override(language):
        needs = _("prepared") if state.needs == "prepared" else _("sent")
        subject = _("Reminder: %(step)s on %(date)s") % {
            "step": state.step.title,
            "date": date_format(state.step.end, "j F Y"),
        }
        text = _(
            "%(body)s's feedback report must be %(needs)s by %(date)s (%(days)s days from today).\n\n%(url)s"
        ) % {
            "body": body.name,
            "needs": needs,
            "date": date_format(state.step.end, "j F Y"),
            "days": days_left,
            "url": settings.SITE_URL + state.step.get_absolute_url(),
        }
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, to)
