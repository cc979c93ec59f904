"""Reminders of feedback-report deadlines, e-mailed to each committee's secretary and head of
administration a configurable number of days before, once for each, whenever the job runs; in
each recipient's language. The reminders are put in the outbox (notifications.outbox) in the
transaction that writes their marker, so overlapping runs queue each once and a failing mail
server loses none: `send_mail_outbox` sends them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arshjul.accounts.roles import SYSTEM
from arshjul.notifications import outbox
from arshjul.organisation.choices import PostKind
from arshjul.organisation.models import PostHolding
from arshjul.process.models import Cycle

from .models import ReminderSent
from .selectors import feedback_dashboard


def recipients(body, on: dt.date) -> dict[str, list[tuple[str, int]]]:
    """The e-mail addresses (with the person) of the committee's secretary and head of
    administration, by the language each is written to in."""
    holdings = (
        PostHolding.objects.on(on)
        .filter(
            post__body=body,
            post__kind__in=(PostKind.COMMITTEE_SECRETARY, PostKind.HEAD_OF_ADMINISTRATION),
        )
        .select_related("person")
    )
    by_language: dict[str, dict[str, int]] = {}
    for h in holdings:
        if h.person.email:
            by_language.setdefault(h.person.language, {}).setdefault(h.person.email, h.person.pk)
    return {language: sorted(emails.items()) for language, emails in sorted(by_language.items())}


def send_reminders(*, today: dt.date) -> int:
    """Queue what is due today and not queued before; returns how many e-mails were queued."""
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
    """One e-mail (per address) for the nearest reminder day not yet used; all due days are
    then marked. The marker is the claim: of two runs at once, the one whose insert wins
    queues the e-mails, the other finds the marker there (the unique constraint) and queues
    nothing."""
    _marker, created = ReminderSent.objects.get_or_create(
        body=body, step=state.step, days_before=min(due)
    )
    if not created:
        return 0
    for days in due:
        ReminderSent.objects.get_or_create(body=body, step=state.step, days_before=days)
    mails = [
        _mail(body, state, days_left, language, address, person_id)
        for language, addresses in recipients(body, today).items()
        for address, person_id in addresses
    ]
    outbox.queue(mails, by=SYSTEM)
    return len(mails)


def _mail(body, state, days_left: int, language: str, to: str, person_id: int) -> outbox.Mail:
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
    return outbox.Mail(
        organisation_id=body.organisation_id,
        to=to,
        subject=str(subject),
        text=str(text),
        language=language,
        event="feedback.reminder",
        about=f"process.step:{state.step.pk}",
        recipient_id=person_id,
    )
