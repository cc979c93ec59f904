"""Reminders: sent once for each committee and deadline, whenever the job runs."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from arshjul.accounts.roles import SYSTEM
from arshjul.documents import services as documents
from arshjul.documents.models import DocumentTransition
from arshjul.feedback import services
from arshjul.feedback.reminders import send_reminders
from arshjul.notifications.tests.outbox import sent
from arshjul.organisation.models import Person


def _emails(world):
    Person.objects.filter(pk=world.secretary_committee_a.pk).update(email="sek.a@example.se")
    Person.objects.filter(pk=world.secretary_committee_b.pk).update(email="sek.b@example.se")


def test_reminder_goes_out_once_within_the_window(world, settings):
    settings.REMINDER_DAYS = [14, 3]
    _emails(world)
    # 16 April 2021 is the due day; 2 April is 14 days before.
    assert send_reminders(today=dt.date(2021, 3, 20)) == 0
    assert send_reminders(today=dt.date(2021, 4, 2)) == 2
    assert send_reminders(today=dt.date(2021, 4, 2)) == 0
    assert send_reminders(today=dt.date(2021, 4, 10)) == 0  # 6 days left: the 3-day one is later
    assert send_reminders(today=dt.date(2021, 4, 13)) == 2
    assert send_reminders(today=dt.date(2021, 4, 14)) == 0
    assert len(sent()) == 4
    assert {tuple(m.to) for m in sent()} == {("sek.a@example.se",), ("sek.b@example.se",)}
    assert "Återkopplingsrapport" in sent()[0].subject


def test_a_late_first_run_sends_one_not_two(world, settings):
    settings.REMINDER_DAYS = [14, 3]
    _emails(world)
    assert send_reminders(today=dt.date(2021, 4, 14)) == 2  # one each, not one per missed day
    assert send_reminders(today=dt.date(2021, 4, 15)) == 0


def test_no_reminder_once_the_report_is_sent(world, settings):
    settings.REMINDER_DAYS = [14]
    _emails(world)
    report = services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    for to in ("prepared", "treated"):
        documents.change_status(document=report.document, to=to, by=SYSTEM, version=None)
    documents.change_status(
        document=report.document,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date(2021, 3, 30),
        decision_paragraph="4",
        version=None,
    )
    documents.change_status(document=report.document, to="sent", by=SYSTEM, version=None)
    # The transitions happened "today" (after the due day), so give the command a day before it:
    # committee A's report is recorded as sent, so only committee B is reminded.

    DocumentTransition.objects.filter(document=report.document).update(
        at=timezone.make_aware(dt.datetime(2021, 3, 31, 9))
    )
    assert send_reminders(today=dt.date(2021, 4, 5)) == 1
    assert sent()[0].to == ["sek.b@example.se"]


def test_command(world, settings, capsys):
    settings.REMINDER_DAYS = [14]
    _emails(world)
    call_command("send_reminders", "--today", "2021-04-05")
    assert "2 reminder(s) queued" in capsys.readouterr().out


def test_reminders_go_out_in_each_recipients_language(world, settings):
    from arshjul.organisation.tests.factories import PostFactory, PostHoldingFactory

    settings.REMINDER_DAYS = [14]
    _emails(world)
    Person.objects.filter(pk=world.secretary_committee_b.pk).update(language="en")
    head = Person.objects.create(
        organisation=world.org, first_name="Chef", last_name="B", email="chef.b@example.se"
    )
    post = PostFactory(
        organisation=world.org, kind="head_of_administration", body=world.committee_b
    )
    PostHoldingFactory(post=post, person=head)
    assert send_reminders(today=dt.date(2021, 4, 5)) == 3  # A in Swedish; B in both
    by_to = {tuple(m.to): m for m in sent()}
    assert by_to[("sek.b@example.se",)].subject == "Reminder: Återkopplingsrapport on 16 April 2021"
    assert "must be sent by 16 April 2021 (11 days from today)" in by_to[("sek.b@example.se",)].body
    assert by_to[("chef.b@example.se",)].subject.startswith("Påminnelse: Återkopplingsrapport")
    assert "16 april 2021" in by_to[("sek.a@example.se",)].body
