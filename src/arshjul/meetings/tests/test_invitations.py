"""Invitations by e-mail: the lifecycle's messages read from Django's outbox with the .ics parsed
back (UID kept, SEQUENCE raised on a move, CANCEL on cancelling), the text in the recipient's
language with the six parts and the documents' links, people added or removed after the
invitations went out, the refusal for an invitee without an address, the personal feed, and
a number of queries that does not grow with the invitees."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from arshjul.accounts.roles import SYSTEM
from arshjul.accounts.services import feed_token_for
from arshjul.core.audit import history_for
from arshjul.core.errors import DomainError
from arshjul.core.tests.versions import seen
from arshjul.documents.tests.factories import make_document
from arshjul.meetings import invitations, services
from arshjul.meetings.models import Meeting
from arshjul.notifications.tests.outbox import sent
from arshjul.organisation.tests.factories import MembershipFactory, PersonFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def meeting(world, mw) -> Meeting:
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    item = meeting.items.get()
    item.documents.add(
        make_document(world, title="Budgetunderlag", type_code="tjansteskrivelse", year=2027)
    )
    return meeting


def invite(meeting, by, capture) -> Meeting:
    with capture(execute=True):
        return services.change_status(meeting=meeting, to="invited", by=by, version=seen(meeting))


def calendar_of(message) -> tuple[Calendar, object]:
    """The text/calendar part of the message as sent (serialised and parsed again)."""
    parsed = message_from_bytes(message.message().as_bytes())
    parts = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return Calendar.from_ical(parts[0].get_payload(decode=True)), parts[0]


def event_of(message):
    cal, _part = calendar_of(message)
    (event,) = cal.walk("VEVENT")
    return event


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def by_address(outbox) -> dict[str, object]:
    return {m.to[0]: m for m in outbox}


def test_the_invitation_goes_to_each_invitee_with_a_calendar_request(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    emailed = by_address(sent())
    assert set(emailed) == {
        "anna@example.se",
        "bo@example.se",
        "cecilia@example.se",
        "frida@example.se",
    }
    message = emailed["cecilia@example.se"]
    assert message.subject == "Inbjudan: Styrdialog, 20 april 2027"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.reply_to == [mw.secretary.email]
    cal, part = calendar_of(message)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part.get_filename() == "invite.ics"
    assert str(cal["METHOD"]) == "REQUEST"
    assert "Årshjul" in str(cal["PRODID"])
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == f"{meeting.uid}@arshjul"
    assert event["SEQUENCE"] == 0
    assert event.get("DTSTAMP") is not None
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Stockholm"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert start == timezone.localtime(meeting.start, STOCKHOLM)
    assert event.decoded("DTEND") == timezone.localtime(meeting.end, STOCKHOLM)
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Stockholm"
    assert str(event["SUMMARY"]) == "Styrdialog"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == settings.SITE_URL + meeting.get_absolute_url()
    assert str(event["ORGANIZER"]) == f"mailto:{mw.secretary.email}"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:cecilia@example.se"  # only the recipient is named
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION" and attendee.params["RSVP"] == "TRUE"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["CN"] == "Cecilia Presidie"
    # Every invitee's row says which revision she was sent.
    assert set(meeting.invitees.values_list("invited_sequence", flat=True)) == {0}
    entry = history_for(meeting).get(action="meetings.invitations.queued")
    assert entry.changes["method"] == [None, "REQUEST"]
    assert len(entry.changes["sent_to"][1]) == 4


def test_the_text_says_the_six_parts_and_links_the_input_documents(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(
        participants="RS AU och nämndernas presidier",
        purpose="Dialog om uppdragen",
        inputs="Budgetunderlaget",
        goal="Gemensam bild",
        documentation="Minnesanteckningar",
        follow_up="Uppdragen justeras",
        location="Regionens hus",
    )
    invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    message = by_address(sent())["anna@example.se"]
    document = meeting.items.get().documents.get()
    link = settings.SITE_URL + document.get_absolute_url()
    text, html, description = message.body, html_of(message), str(event_of(message)["DESCRIPTION"])
    for expected in (
        "Deltagare: RS AU och nämndernas presidier",
        "Syfte: Dialog om uppdragen",
        "Underlag: Budgetunderlaget",
        "Mål: Gemensam bild",
        "Dokumentation av möte: Minnesanteckningar",
        "Fortsatt arbete: Uppdragen justeras",
        f"{document.case_number} Budgetunderlag: {link}",
    ):
        assert expected in text
        assert expected in description
    assert "Regionens hus" in text and "tisdag 20 april 2027, 09:00–12:00" in text
    assert settings.SITE_URL + meeting.get_absolute_url() in text
    assert f'<a href="{link}">{document.case_number} Budgetunderlag</a>' in html
    assert "<dt>Syfte</dt><dd>Dialog om uppdragen</dd>" in html
    assert str(event_of(message)["LOCATION"]) == "Regionens hus"


def test_a_person_who_reads_english_gets_english(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    mw.au_chair.language = "en"
    mw.au_chair.save()
    Meeting.objects.filter(pk=meeting.pk).update(purpose="Dialog")
    invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    emailed = by_address(sent())
    english, swedish = emailed["anna@example.se"], emailed["bo@example.se"]
    assert english.subject == "Invitation: Styrdialog, 20 April 2027"
    assert "Hello Anna," in english.body and "Purpose: Dialog" in english.body
    assert "Purpose: Dialog" in str(event_of(english)["DESCRIPTION"])
    assert '<html lang="en">' in html_of(english)
    assert "Hej Bo," in swedish.body and "Syfte: Dialog" in swedish.body


def test_a_move_sends_an_update_with_the_same_uid_and_a_higher_sequence_then_a_cancel(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    meeting = invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    first = event_of(sent()[0])
    sent().clear()
    new_start = timezone.make_aware(dt.datetime(2027, 4, 22, 13, 0))
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.move(
            meeting=meeting,
            start=new_start,
            end=new_start + dt.timedelta(hours=2),
            location="Sal 3",
            by=mw.secretary.user,
            version=meeting.version,
        )
    assert len(sent()) == 4
    message = by_address(sent())["bo@example.se"]
    assert message.subject == "Ändrad: Styrdialog, 22 april 2027"
    assert "Tiden eller platsen för mötet har ändrats" in message.body
    update = event_of(message)
    assert str(update["UID"]) == str(first["UID"])
    assert update["SEQUENCE"] == first["SEQUENCE"] + 1 == 1
    assert update.decoded("DTSTART") == new_start
    assert str(update["LOCATION"]) == "Sal 3"
    assert set(meeting.invitees.values_list("invited_sequence", flat=True)) == {1}
    sent().clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(
            meeting=meeting,
            reason="Krockar med fullmäktige",
            by=mw.secretary.user,
            version=seen(meeting),
        )
    assert len(sent()) == 4
    message = by_address(sent())["frida@example.se"]
    assert message.subject == "Inställt: Styrdialog, 22 april 2027"
    assert "Krockar med fullmäktige" in message.body
    cal, part = calendar_of(message)
    assert part.get_param("method") == "CANCEL"
    assert str(cal["METHOD"]) == "CANCEL"
    (cancel,) = cal.walk("VEVENT")
    assert str(cancel["UID"]) == str(first["UID"])
    assert cancel["SEQUENCE"] == 2
    assert str(cancel["STATUS"]) == "CANCELLED"
    assert cal.walk("VTIMEZONE")


def test_a_planned_meeting_moved_or_cancelled_sends_nothing(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(meeting=meeting, reason="", by=SYSTEM, version=None)
    assert sent() == []


def test_an_invitee_without_an_email_address_stops_the_invitations(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    mw.au_member.email = ""
    mw.au_member.save()
    version = meeting.version
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as exc:
        services.change_status(
            meeting=meeting, to="invited", by=mw.secretary.user, version=seen(meeting)
        )
    assert exc.value.domain_code == "no_email"
    assert "Bo Ledamot" in exc.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.status == "planned" and meeting.version == version
    assert sent() == []
    assert not history_for(meeting).filter(action="meetings.meeting.status_changed").exists()


def test_the_no_email_refusal_on_the_page_in_english(world, mw, meeting, client_of):
    mw.au_member.email = ""
    mw.au_member.save()
    client = client_of(mw.secretary)
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/meetings/{meeting.pk}/status/",
        {"to": "invited", "version": meeting.version},
        follow=True,
    )
    page = response.content.decode()
    assert "These invitees have no e-mail address: Bo Ledamot." in page
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_moves_and_cancellations_go_to_those_with_an_address(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    meeting = invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    sent().clear()
    mw.au_member.email = ""
    mw.au_member.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(meeting=meeting, reason="", by=mw.secretary.user, version=seen(meeting))
    assert set(by_address(sent())) == {
        "anna@example.se",
        "cecilia@example.se",
        "frida@example.se",
    }


def test_someone_added_after_the_invitations_gets_hers_and_someone_removed_a_cancel(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    meeting = invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitee = services.add_invitee(
            meeting=meeting, person=mw.hsn_member, by=mw.secretary.user, version=seen(meeting)
        )
    (message,) = sent()
    assert message.to == ["david@example.se"] and message.subject.startswith("Inbjudan:")
    assert str(event_of(message)["ATTENDEE"]) == "mailto:david@example.se"
    invitee.refresh_from_db()
    assert invitee.invited_sequence == 0
    sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_invitee(
            invitee=invitee, by=mw.secretary.user, version=seen(invitee.meeting)
        )
    (message,) = sent()
    assert message.to == ["david@example.se"]
    assert "Du är inte längre inbjuden" in message.body
    cal, _part = calendar_of(message)
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(cal.walk("VEVENT")[0]["UID"]) == f"{meeting.uid}@arshjul"


def test_someone_without_an_address_cannot_be_added_once_invited(
    world, mw, meeting, django_capture_on_commit_callbacks
):
    meeting = invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    nobody = PersonFactory(organisation=world.org, first_name="Ingen", email="")
    with pytest.raises(DomainError) as exc:
        services.add_invitee(
            meeting=meeting, person=nobody, by=mw.secretary.user, version=seen(meeting)
        )
    assert exc.value.domain_code == "no_email"
    assert not meeting.invitees.filter(person=nobody).exists()


def test_the_organiser_falls_back_to_the_sites_address(world, mw, meeting, settings):
    settings.DEFAULT_FROM_EMAIL = "Årshjul <arshjul@example.se>"
    mw.secretary.email = ""
    mw.secretary.save()
    assert invitations.organizer_of(meeting) == ("Årshjul", "arshjul@example.se")


def feed(client, person) -> Calendar:
    url = f"/feeds/people/{feed_token_for(person.user).token}.ics"
    response = client.get(url)
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def test_the_personal_feed_carries_her_meeting_as_invited(
    world, mw, meeting, client_for, django_capture_on_commit_callbacks
):
    mw.styrdialog.published = True
    mw.styrdialog.save()
    client = client_for("anonymous")
    # Before the invitations go out her feed has the step, not yet the meeting.
    uids = {str(e["UID"]) for e in feed(client, mw.hsn_chair).walk("VEVENT")}
    assert f"{mw.styrdialog.uid}@arshjul" in uids and f"{meeting.uid}@arshjul" not in uids
    meeting = invite(meeting, mw.secretary.user, django_capture_on_commit_callbacks)
    new_start = timezone.make_aware(dt.datetime(2027, 4, 21, 10, 0))
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.move(
            meeting=meeting,
            start=new_start,
            end=new_start + dt.timedelta(hours=1),
            by=mw.secretary.user,
            version=seen(meeting),
        )
    invitation = event_of(by_address(sent())["cecilia@example.se"])
    cal = feed(client, mw.hsn_chair)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    # The meeting replaces its step, with the invitation's UID, SEQUENCE and time.
    assert f"{mw.styrdialog.uid}@arshjul" not in events
    event = events[f"{meeting.uid}@arshjul"]
    assert str(event["UID"]) == str(invitation["UID"])
    assert event["SEQUENCE"] == invitation["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == new_start
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert "ATTENDEE" not in event  # a published feed names no one
    # Someone not invited does not get it; a cancelled meeting leaves the feed.
    assert f"{meeting.uid}@arshjul" not in {
        str(e["UID"]) for e in feed(client, world.finance_officer).walk("VEVENT")
    }
    services.cancel(meeting=meeting, reason="", by=SYSTEM, version=None)
    assert f"{meeting.uid}@arshjul" not in {
        str(e["UID"]) for e in feed(client, mw.hsn_chair).walk("VEVENT")
    }


def _add_members(world, n: int) -> None:
    for _ in range(n):
        MembershipFactory(person=PersonFactory(organisation=world.org), body=world.rsau)


def _queries_to_send(meeting) -> int:
    with CaptureQueriesContext(connection) as ctx:
        invitations.queue(meeting.pk, method="REQUEST", by=SYSTEM)
    return len(ctx.captured_queries)


def test_sending_takes_as_many_queries_for_ten_times_the_invitees(world, mw):
    counts, emailed = [], []
    for n in (2, 20):
        _add_members(world, n if not counts else n - 2)
        meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
        Meeting.objects.filter(pk=meeting.pk).update(status="invited")
        sent().clear()
        counts.append(_queries_to_send(meeting))
        emailed.append(len(sent()))
        meeting.delete()
    assert emailed == [6, 24]
    assert counts[0] == counts[1]


def test_the_personal_feed_takes_as_many_queries_for_ten_times_the_meetings(world, mw, client_for):
    client = client_for("anonymous")
    feed_token_for(mw.hsn_chair.user)  # made before counting
    document = make_document(world, title="Underlag", type_code="tjansteskrivelse", year=2027)

    def grow(n: int) -> None:
        for _ in range(n):
            start = timezone.make_aware(dt.datetime(2027, 5, 3, 9, 0))
            meeting = services.create_meeting(
                body=world.rsau,
                title="Extra",
                start=start,
                end=start + dt.timedelta(hours=1),
                by=SYSTEM,
            )
            services.add_invitee(meeting=meeting, person=mw.hsn_chair, by=SYSTEM, version=None)
            meeting.items.create(order=1, title="Punkt").documents.add(document)
            Meeting.objects.filter(pk=meeting.pk).update(status="invited")

    counts = []
    for n in (2, 18):
        grow(n)
        with CaptureQueriesContext(connection) as ctx:
            cal = feed(client, mw.hsn_chair)
        counts.append(len(ctx.captured_queries))
    assert len(cal.walk("VEVENT")) >= 20
    assert counts[0] == counts[1]


def test_the_chairs_later_pick_sends_the_new_representative_her_invitation(
    world, mw, django_capture_on_commit_callbacks
):
    meeting = services.create_for_step(step=mw.beredning, by=SYSTEM)
    invite(meeting, SYSTEM, django_capture_on_commit_callbacks)
    sent().clear()
    chair = world.politician_majority.user
    with django_capture_on_commit_callbacks(execute=True):
        services.pick_majority(
            meeting=meeting, people=[mw.au_chair], by=chair, version=seen(meeting)
        )
    assert [m.to for m in sent()] == [[mw.au_chair.email]]
    assert event_of(sent()[0])["uid"] == f"{meeting.uid}@arshjul"
    sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.pick_majority(meeting=meeting, people=[], by=chair, version=seen(meeting))
    assert [m.to for m in sent()] == [[mw.au_chair.email]]
    cal, _part = calendar_of(sent()[0])
    assert cal["method"] == "CANCEL"
