"""The outbox: services queue e-mail in their transaction, `send_mail_outbox` sends each once
(two runs at once on PostgreSQL too), a failure keeps what was already sent and is retried with
back-off until it is marked failed, and the finance office sees and retries its failures."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from arshjul.accounts.roles import SYSTEM
from arshjul.core.audit import history_for
from arshjul.core.errors import DomainError
from arshjul.feedback.models import ReminderSent
from arshjul.feedback.reminders import send_reminders
from arshjul.notifications import outbox
from arshjul.notifications.models import OutgoingMail
from arshjul.notifications.tests import backends
from arshjul.organisation.models import Person

REFUSING = "arshjul.notifications.tests.backends.RefusingBackend"


def mails(world, n: int, *, org=None) -> list[outbox.Mail]:
    return [
        outbox.Mail(
            organisation_id=(org or world.org).pk,
            to=f"person{i}@example.se",
            subject=f"Ämne {i}",
            text=f"Text {i}",
            event="test",
        )
        for i in range(n)
    ]


@pytest.fixture
def refused():
    backends.REFUSED.clear()
    yield backends.REFUSED
    backends.REFUSED.clear()


def states(world) -> dict[str, str]:
    return dict(OutgoingMail.objects.filter(organisation=world.org).values_list("to", "state"))


def test_a_queued_mail_exists_only_if_the_transaction_commits(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.queue(mails(world, 2), by=SYSTEM)
        raise RuntimeError("the change fails")
    assert not OutgoingMail.objects.exists()
    outbox.queue(mails(world, 2), by=SYSTEM)
    assert mail.outbox == []  # nothing leaves until the outbox is drained
    call_command("send_mail_outbox")
    assert sorted(m.to[0] for m in mail.outbox) == ["person0@example.se", "person1@example.se"]
    assert set(states(world).values()) == {"sent"}
    assert all(m.sent_at for m in OutgoingMail.objects.all())


def test_a_refused_address_keeps_the_others_sent_and_is_retried_with_back_off(
    world, settings, refused
):
    settings.EMAIL_BACKEND = REFUSING
    settings.MAIL_MAX_ATTEMPTS = 3
    settings.MAIL_RETRY_SECONDS = 60
    outbox.queue(mails(world, 3), by=SYSTEM)
    refused.add("person1@example.se")
    now = timezone.now()
    result = outbox.drain(now=now)
    assert (result.sent, result.retrying, result.failed) == (2, 1, 0)
    assert states(world) == {
        "person0@example.se": "sent",
        "person1@example.se": "queued",
        "person2@example.se": "sent",
    }
    bad = OutgoingMail.objects.get(to="person1@example.se")
    assert bad.attempts == 1 and "SMTPRecipientsRefused" in bad.last_error
    assert bad.next_try == now + dt.timedelta(seconds=60)
    # Not before its time; then twice the wait; then failed after the third attempt.
    assert outbox.drain(now=now + dt.timedelta(seconds=59)).retrying == 0
    assert outbox.drain(now=now + dt.timedelta(seconds=61)).retrying == 1
    bad.refresh_from_db()
    assert bad.attempts == 2 and bad.next_try == now + dt.timedelta(seconds=61 + 120)
    assert outbox.drain(now=now + dt.timedelta(seconds=200)).failed == 1
    bad.refresh_from_db()
    assert bad.state == "failed" and bad.attempts == 3
    assert outbox.drain(now=now + dt.timedelta(days=1)).failed == 0  # given up: not tried again
    assert len(mail.outbox) == 2  # the two good ones, once each


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_mail_server_that_refuses_the_connection_is_recorded(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nobody listens
    outbox.queue(mails(world, 2), by=SYSTEM)
    result = outbox.drain()
    assert (result.sent, result.retrying) == (0, 2)
    assert all("ConnectionRefusedError" in row.last_error for row in OutgoingMail.objects.all())


def test_a_mail_server_that_never_answers_times_out(world, settings):
    """A server that takes the connection and says nothing: the send gives up after
    EMAIL_TIMEOUT, the request never waited for it, and the row is queued again."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepted by the kernel, never answered
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", listener.getsockname()[1]
        settings.EMAIL_TIMEOUT = 1
        outbox.queue(mails(world, 1), by=SYSTEM)
        started = time.monotonic()
        result = outbox.drain()
        assert time.monotonic() - started < 10
    finally:
        listener.close()
    assert result.retrying == 1
    row = OutgoingMail.objects.get()
    assert row.state == "queued" and "timed out" in row.last_error.lower()


def test_a_run_that_died_while_sending_is_taken_up_again(world):
    (row,) = outbox.queue(mails(world, 1), by=SYSTEM)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    OutgoingMail.objects.filter(pk=row.pk).update(state="sending", claimed_at=long_ago)
    assert outbox.drain().sent == 1


def test_reminders_are_queued_and_an_smtp_error_keeps_the_markers_of_those_sent(
    world, settings, refused
):
    settings.REMINDER_DAYS = [14]
    settings.EMAIL_BACKEND = REFUSING
    Person.objects.filter(pk=world.secretary_committee_a.pk).update(email="sek.a@example.se")
    Person.objects.filter(pk=world.secretary_committee_b.pk).update(email="sek.b@example.se")
    refused.add("sek.a@example.se")
    assert send_reminders(today=dt.date(2021, 4, 5)) == 2
    assert mail.outbox == []  # queued, not sent from the job that decides them
    outbox.drain()
    assert [m.to for m in mail.outbox] == [["sek.b@example.se"]]
    assert ReminderSent.objects.count() == 2  # B's marker was not rolled back by A's failure
    assert send_reminders(today=dt.date(2021, 4, 5)) == 0
    assert states(world) == {"sek.a@example.se": "queued", "sek.b@example.se": "sent"}


# --- two runs at once (PostgreSQL) ----------------------------------------------------------


def _at_once(work, n: int = 2) -> list:
    barrier = threading.Barrier(n)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_overlapping_drains_send_each_mail_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's shared in-memory test database locks whole tables between threads")
    outbox.queue(mails(world, 30), by=SYSTEM)
    results = _at_once(outbox.drain, n=3)
    assert sum(r.sent for r in results) == 30
    assert len(mail.outbox) == 30
    assert len({m.to[0] for m in mail.outbox}) == 30
    assert set(states(world).values()) == {"sent"}


@pytest.mark.django_db(transaction=True)
def test_overlapping_reminder_runs_queue_each_reminder_once(world, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's shared in-memory test database locks whole tables between threads")
    settings.REMINDER_DAYS = [14]
    Person.objects.filter(pk=world.secretary_committee_a.pk).update(email="sek.a@example.se")
    Person.objects.filter(pk=world.secretary_committee_b.pk).update(email="sek.b@example.se")
    results = _at_once(lambda: send_reminders(today=dt.date(2021, 4, 5)))
    assert sum(results) == 2
    assert OutgoingMail.objects.count() == 2
    outbox.drain()
    assert sorted(m.to[0] for m in mail.outbox) == ["sek.a@example.se", "sek.b@example.se"]


# --- the failure list -----------------------------------------------------------------------

OUTBOX = "/me/notifications/outbox/"


@pytest.fixture
def failed(world):
    mine, theirs = (
        outbox.queue(mails(world, 1), by=SYSTEM)[0],
        outbox.queue(mails(world, 1, org=world.other_org), by=SYSTEM)[0],
    )
    OutgoingMail.objects.filter(pk__in=[mine.pk, theirs.pk]).update(
        state="failed", attempts=5, last_error="SMTPRecipientsRefused: 550 Mailbox unavailable"
    )
    OutgoingMail.objects.filter(pk=theirs.pk).update(subject="Grannens ämne")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    return mine, theirs


@pytest.mark.parametrize(
    "persona, status",
    [
        ("anonymous", 302),
        ("no_person", 404),
        ("finance_officer", 200),
        ("executive_staff", 404),
        ("secretary_committee_a", 404),
        ("member_majority_a", 404),
        ("politician_opposition", 404),
        ("outsider_finance", 200),
    ],
)
def test_the_failure_list_is_the_finance_offices(client_for, failed, persona, status):
    response = client_for(persona).get(OUTBOX)
    assert response.status_code == status
    text = response.content.decode()
    if persona == "finance_officer":
        assert "Ämne 0" in text and "Mailbox unavailable" in text
        assert "Grannens ämne" not in text
    elif persona == "outsider_finance":
        assert "Grannens ämne" in text and "Ämne 0" not in text
    else:
        assert "Ämne 0" not in text


@pytest.mark.parametrize(
    "persona, status",
    [
        ("anonymous", 302),
        ("no_person", 404),
        ("finance_officer", 302),
        ("secretary_committee_a", 404),
        ("outsider_finance", 404),  # another organisation's e-mail
    ],
)
def test_only_the_finance_office_sends_its_failed_mail_again(client_for, failed, persona, status):
    mine, _theirs = failed
    response = client_for(persona).post(f"{OUTBOX}{mine.pk}/retry/")
    assert response.status_code == status
    mine.refresh_from_db()
    if persona == "finance_officer":
        assert response["Location"] == OUTBOX
        assert mine.state == "queued" and mine.attempts == 0
        assert history_for(mine).get().action == "notifications.mail.retried"
        outbox.drain()
        mine.refresh_from_db()
        assert mine.state == "sent"
    else:
        assert mine.state == "failed"


def test_only_a_failed_mail_is_sent_again(world, personas):
    (row,) = outbox.queue(mails(world, 1), by=SYSTEM)
    with pytest.raises(DomainError) as exc:
        outbox.retry(mail=row, by=personas["finance_officer"])
    assert exc.value.domain_code == "not_failed"


def test_the_notifications_page_links_the_finance_office_to_its_failures(client_for, failed):
    assert OUTBOX in client_for("finance_officer").get("/me/notifications/").content.decode()
    assert (
        OUTBOX not in client_for("secretary_committee_a").get("/me/notifications/").content.decode()
    )
