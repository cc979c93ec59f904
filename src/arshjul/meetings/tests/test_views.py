"""Meeting pages: who reads and who runs them, made from the step's page, the secretary's
changes with their messages, and bounded query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import services
from arshjul.meetings.models import Meeting
from arshjul.organisation.tests.factories import MembershipFactory, PersonFactory


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def meeting(world, mw):
    return services.create_for_step(step=mw.styrdialog, by=SYSTEM)


def test_made_from_the_steps_page_by_the_bodys_secretary(world, mw, client_of):
    mw.styrdialog.published = True
    mw.styrdialog.save()
    client = client_of(mw.secretary)
    page = client.get(mw.styrdialog.get_absolute_url()).content.decode()
    assert f"/meetings/from-step/{mw.styrdialog.pk}/" in page
    response = client.post(f"/meetings/from-step/{mw.styrdialog.pk}/")
    meeting = Meeting.objects.get(step=mw.styrdialog)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    page = client.get(mw.styrdialog.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in page


def test_another_committees_secretary_cannot_make_it(world, mw, client_for):
    response = client_for("secretary_committee_b").post(f"/meetings/from-step/{mw.styrdialog.pk}/")
    assert response.status_code in (403, 404)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretary", 200),
        ("au_member", 200),
        ("hsn_chair", 200),
        ("hsn_member", 404),
        ("anonymous", 404),
    ],
)
def test_who_reads_an_unpublished_steps_meeting(world, mw, meeting, client_of, who, status):
    person = None if who == "anonymous" else getattr(mw, who)
    if who == "au_member":
        person.user = None  # Bo has no account; give him one
        from arshjul.organisation.tests.factories import UserFactory

        person.user = UserFactory(username="bo")
        person.save()
    assert client_of(person).get(meeting.get_absolute_url()).status_code == status


def test_the_public_sees_a_published_public_meeting_without_its_invitees(
    world, mw, meeting, client_for
):
    mw.styrdialog.published = True
    mw.styrdialog.save()
    html = client_for("anonymous").get(meeting.get_absolute_url()).content.decode()
    assert mw.styrdialog.title in html and "Cecilia" not in html
    world.rsau.attendance_public = True
    world.rsau.save()
    html = client_for("anonymous").get(meeting.get_absolute_url()).content.decode()
    assert "Cecilia" in html  # the body made its attendance lists public


def test_secretary_sends_the_invitations_and_moves_the_meeting(world, mw, meeting, client_of):
    client = english(client_of(mw.secretary))
    response = client.post(
        f"/meetings/{meeting.pk}/status/",
        {"to": "invited", "version": meeting.version},
        follow=True,
    )
    assert "The meeting&#x27;s status was changed." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "invited"
    response = client.post(
        f"/meetings/{meeting.pk}/when/",
        {
            "version": meeting.version,
            "day": "2020-01-01",
            "start_time": "09:00",
            "end_time": "12:00",
            "location": "",
        },
    )
    assert response.status_code == 400
    assert "cannot be moved into the past" in response.content.decode()
    response = client.post(
        f"/meetings/{meeting.pk}/when/",
        {
            "version": meeting.version,
            "day": "2027-04-21",
            "start_time": "13:00",
            "end_time": "15:00",
            "location": "Sal B",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.location == "Sal B"


def test_a_member_may_read_but_not_run_it(world, mw, meeting, client_of):
    response = client_of(mw.hsn_chair).post(
        f"/meetings/{meeting.pk}/status/", {"to": "invited", "version": meeting.version}
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_secretary_adds_and_removes_an_invitee(world, mw, meeting, client_of):
    client = client_of(mw.secretary)
    client.post(
        f"/meetings/{meeting.pk}/invitees/add/",
        {"version": meeting.version, "person": mw.hsn_member.pk},
    )
    invitee = meeting.invitees.get(person=mw.hsn_member)
    meeting.refresh_from_db()
    client.post(
        f"/meetings/{meeting.pk}/invitees/{invitee.pk}/remove/", {"version": meeting.version}
    )
    assert not meeting.invitees.filter(person=mw.hsn_member).exists()


def test_stand_alone_meeting_from_the_list(world, mw, client_of):
    client = english(client_of(mw.secretary))
    assert "/meetings/new/" in client.get("/meetings/").content.decode()
    response = client.post(
        "/meetings/new/",
        {
            "body": world.rsau.pk,
            "title": "Extra AU",
            "day": "2027-06-01",
            "start_time": "10:00",
            "end_time": "09:00",
        },
    )
    assert response.status_code == 400 and "ends before it starts" in response.content.decode()
    response = client.post(
        "/meetings/new/",
        {
            "body": world.committee_a.pk,
            "title": "Fel organ",
            "day": "2027-06-01",
            "start_time": "09:00",
            "end_time": "10:00",
        },
    )
    assert response.status_code == 400  # not a body she serves
    response = client.post(
        "/meetings/new/",
        {
            "body": world.rsau.pk,
            "title": "Extra AU",
            "day": "2027-06-01",
            "start_time": "09:00",
            "end_time": "10:00",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get(title="Extra AU").body == world.rsau


def test_detail_query_count_does_not_grow_with_invitees(world, mw, meeting, client_of, settings):
    client = client_of(mw.secretary)
    client.get(meeting.get_absolute_url())

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    at_n = count()
    for _ in range(30):
        MembershipFactory(
            person=PersonFactory(organisation=world.org),
            body=world.rsau,
            role="substitute",
            start=dt.date(2020, 1, 1),
        )
    services.refresh_invitees(meeting=meeting, by=SYSTEM)
    assert meeting.invitees.count() > 30
    assert count() == at_n


def test_the_meetings_secretary_reads_the_agendas_documents(world, mw, meeting, client_of):
    from arshjul.documents.tests.factories import make_document

    draft = make_document(world, title="HSN:s rapport", type_code="aterkopplingsrapport", year=2027)
    assert draft.owner_body != world.rsau and draft.status == "draft"
    client = client_of(mw.secretary)
    assert client.get(draft.get_absolute_url()).status_code == 404
    meeting.items.get().documents.add(draft)
    assert client.get(draft.get_absolute_url()).status_code == 404  # a draft: its writers'
    from arshjul.accounts.roles import SYSTEM
    from arshjul.documents.services import change_status

    change_status(document=draft, to="prepared", by=SYSTEM, version=draft.version)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "HSN:s rapport" in client.get(meeting.get_absolute_url()).content.decode()
