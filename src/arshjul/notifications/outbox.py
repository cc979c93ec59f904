"""The outbox: e-mail that is never lost and never sent twice.

Services call `queue(...)` in their own transaction, so an e-mail exists exactly when the change
that causes it does. `manage.py send_mail_outbox` (cron, every minute) calls `drain()`: it
claims one due row at a time with SELECT … FOR UPDATE SKIP LOCKED and marks it *sending* in a
short transaction of its own, so overlapping runs never take the same row; it then sends with
the SMTP timeout (EMAIL_TIMEOUT), outside any transaction, and marks the row *sent* — or, on an
error, records the error and queues it again with a doubling wait, until MAIL_MAX_ATTEMPTS
attempts have failed and it is *failed*. Rows already sent stay sent whatever happens to the
next one. The finance office sees its organisation's failures and can queue one again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.accounts.roles import is_system
from arshjul.core.audit import record
from arshjul.core.errors import DomainError

from .choices import MailState
from .models import OutgoingMail
from .permissions_outbox import can_retry_mail

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """A text attachment: a calendar part carries its iTIP method (REQUEST, CANCEL)."""

    filename: str
    mimetype: str
    content: str
    method: str = ""

    def as_json(self) -> dict:
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content": self.content,
            "method": self.method,
        }


@dataclass(frozen=True)
class Mail:
    """One e-mail to one address, as a service hands it to the outbox."""

    organisation_id: int
    to: str
    subject: str
    text: str
    event: str
    html: str = ""
    language: str = ""
    reply_to: str = ""
    about: str = ""
    recipient_id: int | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


def _user(by):
    return by if getattr(by, "is_authenticated", False) and not is_system(by) else None


def queue(mails: Iterable[Mail], *, by) -> list[OutgoingMail]:
    """Put e-mails in the outbox, in the caller's transaction (one query, however many)."""
    now = timezone.now()
    rows = [
        OutgoingMail(
            organisation_id=m.organisation_id,
            recipient_id=m.recipient_id,
            to=m.to,
            from_email=settings.DEFAULT_FROM_EMAIL,
            reply_to=m.reply_to,
            subject=m.subject[:500],
            text=m.text,
            html=m.html,
            attachments=[a.as_json() for a in m.attachments],
            language=m.language,
            event=m.event,
            about=m.about,
            created_by=_user(by),
            created_at=now,
            next_try=now,
        )
        for m in mails
    ]
    return OutgoingMail.objects.bulk_create(rows) if rows else []


def message_of(row: OutgoingMail) -> EmailMultiAlternatives:
    """The e-mail as Django sends it."""
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text,
        from_email=row.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[row.to],
        reply_to=[row.reply_to] if row.reply_to else None,
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    for item in row.attachments:
        maintype, _slash, subtype = item["mimetype"].partition("/")
        if maintype == "text":
            part = MIMEText(item["content"], subtype or "plain", "utf-8")
            if item.get("method"):
                part.set_param("method", item["method"])
            part.add_header("Content-Disposition", "attachment", filename=item["filename"])
            message.attach(part)
        else:
            message.attach(item["filename"], item["content"], item["mimetype"])
    return message


@dataclass
class DrainResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _stale_after() -> dt.timedelta:
    """A row *sending* for longer than this was taken by a run that died: queue it again."""
    return dt.timedelta(seconds=max(600, 10 * settings.EMAIL_TIMEOUT))


def _release_stale(now: dt.datetime) -> int:
    return OutgoingMail.objects.filter(
        state=MailState.SENDING, claimed_at__lt=now - _stale_after()
    ).update(state=MailState.QUEUED, next_try=now)


def _claim(now: dt.datetime) -> OutgoingMail | None:
    """Take the next due row, once: a row another run holds is skipped, not waited for."""
    with transaction.atomic():
        row = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(state=MailState.QUEUED, next_try__lte=now)
            .order_by("next_try", "pk")
            .first()
        )
        if row is None:
            return None
        row.state = MailState.SENDING
        row.attempts += 1
        row.claimed_at = now
        row.save(update_fields=["state", "attempts", "claimed_at"])
    return row


def retry_wait(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: MAIL_RETRY_SECONDS, doubled each time."""
    return dt.timedelta(seconds=settings.MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def _failed(row: OutgoingMail, error: Exception, now: dt.datetime, result: DrainResult) -> None:
    text = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= settings.MAIL_MAX_ATTEMPTS:
        state, next_try = MailState.FAILED, now
        result.failed += 1
    else:
        state, next_try = MailState.QUEUED, now + retry_wait(row.attempts)
        result.retrying += 1
    OutgoingMail.objects.filter(pk=row.pk, state=MailState.SENDING).update(
        state=state, next_try=next_try, last_error=text
    )
    result.errors.append(f"{row.to}: {text}")
    logger.warning("E-mail %s to %s failed (attempt %s): %s", row.pk, row.to, row.attempts, text)


def drain(*, now: dt.datetime | None = None, limit: int | None = None) -> DrainResult:
    """Send every e-mail due by `now` (at most `limit`), each once; see the module's doc."""
    now = now or timezone.now()
    result = DrainResult()
    _release_stale(now)
    connection = get_connection(fail_silently=False)
    try:
        while limit is None or result.sent + result.retrying + result.failed < limit:
            row = _claim(now)
            if row is None:
                break
            message = message_of(row)
            message.connection = connection
            try:
                message.send()
            except Exception as exc:  # anything the mail server or the network answers
                _failed(row, exc, now, result)
                try:
                    connection.close()  # the next send opens a fresh connection
                except Exception:
                    logger.debug("closing the e-mail connection failed", exc_info=True)
                continue
            OutgoingMail.objects.filter(pk=row.pk, state=MailState.SENDING).update(
                state=MailState.SENT, sent_at=timezone.now(), last_error=""
            )
            result.sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.debug("closing the e-mail connection failed", exc_info=True)
    return result


@transaction.atomic
def retry(*, mail: OutgoingMail, by) -> OutgoingMail:
    """Queue a failed e-mail again for a new round of attempts (the finance office)."""
    if not can_retry_mail(by, mail):
        raise DomainError(_("Only the finance office may send its e-mail again."), code="forbidden")
    locked = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if locked.state != MailState.FAILED:
        raise DomainError(_("Only a failed e-mail can be sent again."), code="not_failed")
    locked.state = MailState.QUEUED
    locked.attempts = 0
    locked.next_try = timezone.now()
    locked.save(update_fields=["state", "attempts", "next_try"])
    record(
        locked,
        action="notifications.mail.retried",
        by=by,
        changes={"state": (MailState.FAILED, MailState.QUEUED), "attempts": (mail.attempts, 0)},
    )
    return locked
