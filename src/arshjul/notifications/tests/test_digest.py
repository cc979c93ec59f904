"""The e-mailed digest: one per person, in her language, each notification once."""

import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from arshjul.accounts.roles import SYSTEM
from arshjul.core.tests.versions import seen
from arshjul.feedback import services as feedback
from arshjul.notifications import services
from arshjul.notifications.models import Notification
from arshjul.organisation.models import Person


@pytest.fixture
def report(world, cast):
    report = feedback.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    feedback.save_sections(
        report=report, texts={1: "Text"}, by=world.secretary_committee_a.user, version=seen(report)
    )
    return report


def test_one_digest_per_person_in_swedish(world, cast, report):
    result = services.send_digests()
    assert result.sent == 3  # secretary (started), head_a and member_a (started, edited)
    message = next(m for m in mail.outbox if m.to == ["head_a@example.se"])
    assert message.subject == "Årshjul: 2 nya händelser i dina organ"
    assert "Återkopplingsrapporten från Hälso- och sjukvårdsnämnden har påbörjats." in message.body
    assert "Hej Head_A," in message.body
    assert (
        f"/me/notifications/{Notification.objects.filter(recipient=cast.head_a).first().pk}/"
        in (message.body)
    )


def test_digest_in_english_for_who_chose_it(world, cast, report):
    Person.objects.filter(pk=cast.member_a.pk).update(language="en")
    services.send_digests()
    message = next(m for m in mail.outbox if m.to == ["member_a@example.se"])
    assert message.subject == "Årshjul: 2 new in your bodies"
    assert "The feedback report of Hälso- och sjukvårdsnämnden was edited." in message.body
    swedish = next(m for m in mail.outbox if m.to == ["head_a@example.se"])
    assert "nya händelser i dina organ" in swedish.subject


def test_sent_once_when_run_twice(world, cast, report):
    first = services.send_digests()
    outbox = len(mail.outbox)
    second = services.send_digests()
    assert (first.sent, second.sent) == (3, 0)
    assert len(mail.outbox) == outbox
    assert (
        not Notification.objects.filter(emailed_at__isnull=True)
        .exclude(recipient__email="")
        .exists()
    )


def test_new_notifications_go_in_the_next_digest(world, cast, report):
    services.send_digests()
    mail.outbox.clear()
    services.mark_all_read(person=cast.member_a)
    feedback.save_sections(
        report=report, texts={1: "Mer"}, by=world.secretary_committee_a.user, version=seen(report)
    )
    assert services.send_digests().sent == 2
    assert {m.to[0] for m in mail.outbox} == {"member_a@example.se", "head_a@example.se"}


def test_people_without_an_email_are_skipped_and_reported(world, cast, report, capsys):
    Person.objects.filter(pk=cast.member_a.pk).update(email="")
    call_command("send_notifications")
    out = capsys.readouterr().out
    assert "2 digest(s) sent with 3 notification(s)" in out
    assert "1 person(s) skipped, no e-mail address: Member_A" in out
    assert Notification.objects.filter(recipient=cast.member_a, emailed_at__isnull=True).count()


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_digest_once(world, cast, report):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's shared in-memory test database locks whole tables between threads")
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(services.send_digests())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.sent for r in results) == 3
    assert len(mail.outbox) == 3
