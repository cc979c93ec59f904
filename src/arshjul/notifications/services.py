"""Notifications fanned out when something happens in a body, marking them read, each person's
e-mail language, and the e-mailed digest of what she has not been sent yet.

The fan-out functions are called by the documents and feedback services inside their
transactions: one query finds the recipients (the people serving the body, its members, and
the finance office when a committee's report is sent, limited to those who may read the
document by the register's own rule, documents.permissions.readers_of: a draft's members are
not told until it is prepared; never the person who caused it) and one bulk insert writes
their rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arshjul.accounts.roles import require_actor, user_or_none
from arshjul.core.audit import record
from arshjul.core.errors import DomainError
from arshjul.documents.choices import DocumentStatus
from arshjul.documents.models import Document
from arshjul.feedback.models import FeedbackReport
from arshjul.organisation.choices import FINANCE_OFFICE_POSTS, Language
from arshjul.organisation.models import Person

from .choices import NotificationKind
from .models import Notification
from .permissions import holders, readers_of, seated, serving

logger = logging.getLogger(__name__)

REPORT_SENT_STATUSES = (DocumentStatus.SENT, DocumentStatus.PUBLISHED)


def _fan_out(
    *,
    document: Document,
    kind: str,
    by,
    detail: str = "",
    report: FeedbackReport | None = None,
    finance_office: bool = False,
    coalesce: bool = False,
) -> int:
    body = document.owner_body
    today = timezone.localdate()
    audience = Q(pk__in=serving(body, on=today)) | Q(pk__in=seated(body, on=today))
    if finance_office:
        audience |= Q(pk__in=holders(FINANCE_OFFICE_POSTS, on=today))
    people = Person.objects.filter(
        audience,
        organisation_id=body.organisation_id,
        user__isnull=False,
        user__is_active=True,
    )
    causer = user_or_none(by)
    if causer is not None:
        people = people.exclude(user=causer)
    people = readers_of(document, people, on=today)
    if coalesce:  # one "edited" until she has read it or been sent it, not one per save
        people = people.exclude(
            pk__in=Notification.objects.filter(
                report=report, kind=kind, read_at__isnull=True, emailed_at__isnull=True
            ).values("recipient_id")
        )
    now = timezone.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=person_id,
                kind=kind,
                body=body,
                document=document,
                report=report,
                detail=detail,
                by=causer,
                created=now,
            )
            for person_id in people.values_list("pk", flat=True)
        ]
    )
    return len(rows)


def document_registered(*, document: Document, by) -> int:
    """Tell the body's people that a document was registered."""
    require_actor(by)
    return _fan_out(document=document, kind=NotificationKind.DOCUMENT_REGISTERED, by=by)


def version_added(*, document: Document, number: int, by) -> int:
    """Tell the body's people that a document has a new version."""
    require_actor(by)
    return _fan_out(
        document=document, kind=NotificationKind.VERSION_ADDED, by=by, detail=str(number)
    )


def status_changed(*, document: Document, by) -> int:
    """Tell the body's people the document's new status; a committee's report that is sent
    (or published) is told to the finance office as well."""
    require_actor(by)
    report = FeedbackReport.objects.filter(document=document).first()
    sent = report is not None and document.status in REPORT_SENT_STATUSES
    kind = (
        NotificationKind.REPORT_SENT
        if report is not None and document.status == DocumentStatus.SENT
        else NotificationKind.STATUS_CHANGED
    )
    return _fan_out(
        document=document,
        kind=kind,
        by=by,
        detail=document.status,
        report=report,
        finance_office=sent,
    )


def report_started(*, report: FeedbackReport) -> int:
    """A report's start is told instead of its document's registration (same people, same
    moment): the rows written by `document_registered` become "report started"."""
    return Notification.objects.filter(
        document_id=report.document_id, kind=NotificationKind.DOCUMENT_REGISTERED
    ).update(kind=NotificationKind.REPORT_STARTED, report=report)


def report_edited(*, report: FeedbackReport, by) -> int:
    """Tell the committee's people that its report's text changed (once until read or sent)."""
    require_actor(by)
    return _fan_out(
        document=report.document,
        kind=NotificationKind.REPORT_EDITED,
        by=by,
        report=report,
        coalesce=True,
    )


def mark_all_read(*, person: Person) -> int:
    """Mark every unread notification of the person read; returns how many."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


@transaction.atomic
def set_language(*, person: Person, language: str, by) -> Person:
    """The language the person's e-mails are written in."""
    require_actor(by)
    if language not in Language.values:
        raise DomainError(_("Choose Swedish or English."), code="bad_language", field="language")
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = person.language
    if before != language:
        person.language = language
        person.save(update_fields=["language"])
        record(
            person,
            action="organisation.person.language_changed",
            by=by,
            changes={"language": (before, language)},
        )
    return person


class ClaimedElsewhere(Exception):
    """Another run of the command is e-mailing these notifications."""


@dataclass
class DigestResult:
    sent: int = 0  # e-mails
    notifications: int = 0
    without_email: list[Person] = field(default_factory=list)


def send_digests(*, now: dt.datetime | None = None) -> DigestResult:
    """E-mail each person one digest of her notifications not e-mailed before, in her language.

    Each person's rows are taken under a row lock (skipped if another run holds them, on
    PostgreSQL) and marked e-mailed in the same transaction as the sending, so a notification
    goes out once however often, or however concurrently, the command runs. People without an
    e-mail address are skipped and reported; their notifications wait for an address.
    """
    result = DigestResult()
    pending = (
        Notification.objects.filter(emailed_at__isnull=True)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    people = Person.objects.filter(pk__in=pending).order_by("last_name", "first_name", "pk")
    for person in people:
        if not person.email:
            result.without_email.append(person)
            continue
        try:
            count = _send_digest(person, now=now or timezone.now())
        except ClaimedElsewhere:
            continue
        if count:
            result.sent += 1
            result.notifications += count
    return result


@transaction.atomic
def _send_digest(person: Person, *, now: dt.datetime) -> int:
    rows = list(
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(recipient=person, emailed_at__isnull=True)
        .select_related("body", "document")
        .order_by("created", "pk")
    )
    if not rows:
        return 0
    # Claim them before sending: a concurrent run that read the same rows (SQLite has no row
    # locks) updates nothing here, and its transaction fails rather than sending them again.
    claimed = Notification.objects.filter(
        pk__in=[n.pk for n in rows], emailed_at__isnull=True
    ).update(emailed_at=now)
    if claimed != len(rows):
        raise ClaimedElsewhere
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "Årshjul: %(count)s new in your bodies",
            "Årshjul: %(count)s new in your bodies",
            len(rows),
        ) % {"count": len(rows)}
        text = render_to_string(
            "notifications/email/digest.txt",
            {"person": person, "notifications": rows, "site_url": settings.SITE_URL},
        )
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [person.email])
    return len(rows)
