"""The notifications page: what is due for a committee secretary and what is new in her bodies,
marking read, opening one, the language form, who may see what, and its query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.core.tests.versions import seen
from arshjul.documents import services as documents
from arshjul.feedback import services as feedback
from arshjul.notifications.models import Notification
from arshjul.process.services import generate_cycle, publish_step


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def coming(world, today):
    """A cycle whose feedback deadline (16 April next year) is still ahead."""
    cycle = generate_cycle(template=world.template, budget_year=today.year + 2, by=SYSTEM)
    for step in cycle.steps.exclude(key="styrdialog"):  # as in the shared world
        publish_step(step=step, by=SYSTEM, version=None)
    return cycle


@pytest.fixture
def report(world, coming):
    return feedback.start_report(
        cycle=coming, body=world.committee_a, by=world.finance_officer.user
    )


def test_secretary_sees_what_is_due_and_what_is_new(world, cast, coming, report, client_for, today):
    document = documents.register_document(
        owner_body=world.committee_a,
        document_type=world.docs["protokoll"],
        title="Underlag till kickoff",
        by=SYSTEM,
        cycle=coming,
    )
    kickoff = coming.steps.get(key="kickoff")
    document.used_by.set([kickoff])
    html = english(client_for("secretary_committee_a")).get("/me/notifications/").content.decode()
    due, new = html.split('id="new-heading"')
    deadline = coming.steps.get(key="aterkoppling").end
    assert "Hälso- och sjukvårdsnämnden" in due and "Regionala utvecklingsnämnden" not in due
    assert f"<td>{(deadline - today).days}</td>" in due
    assert '<span class="state state-draft">Draft</span>' in due
    assert "Underlag till kickoff" in due and "Kickoff" in due
    assert "The feedback report of Hälso- och sjukvårdsnämnden was started." in new
    assert "was registered" in new and "Underlag till kickoff" in new
    assert "2 unread." in new and 'class="notification unread"' in new


def test_a_late_and_a_not_started_report(world, cast, coming, client_for, today):
    html = english(client_for("secretary_committee_a")).get("/me/notifications/").content.decode()
    assert '<span class="state state-not_started">Not started</span>' in html
    feedback_step = coming.steps.get(key="aterkoppling")
    feedback_step.start = feedback_step.end = today - dt.timedelta(days=3)
    feedback_step.save()
    html = english(client_for("secretary_committee_a")).get("/me/notifications/").content.decode()
    assert '<span class="state state-late">Missing</span>' in html and "3 days late" in html


def test_a_sent_report_is_no_longer_due(world, cast, coming, report, client_for):
    by = world.secretary_committee_a.user
    document = report.document
    for to in ("prepared", "treated"):
        document = documents.change_status(document=document, to=to, by=by, version=seen(document))
    document = documents.change_status(
        document=document,
        to="decided",
        by=by,
        version=seen(document),
        decision_date=dt.date.today(),
        decision_paragraph="1",
    )
    documents.change_status(document=document, to="sent", by=by, version=seen(document))
    html = english(client_for("secretary_committee_a")).get("/me/notifications/").content.decode()
    assert "Nothing is due for you right now." in html
    finance = english(client_for("finance_officer")).get("/me/notifications/").content.decode()
    assert "Hälso- och sjukvårdsnämnden sent its feedback report." in finance


def test_mark_all_as_read_only_marks_hers(world, cast, report, client_for):
    client = client_for("secretary_committee_a")
    response = client.post("/me/notifications/read/")
    assert response.status_code == 302
    assert not Notification.objects.filter(
        recipient=world.secretary_committee_a, read_at__isnull=True
    ).exists()
    assert Notification.objects.filter(recipient=cast.head_a, read_at__isnull=True).exists()
    html = client.get("/me/notifications/").content.decode()
    assert 'class="notification unread"' not in html


def test_opening_one_marks_it_read_and_leads_to_the_report(world, cast, report, client_for):
    notification = Notification.objects.get(recipient=world.secretary_committee_a)
    response = client_for("secretary_committee_a").get(f"/me/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_choosing_the_language_of_her_emails(world, client_for):
    client = client_for("secretary_committee_a")
    assert client.post("/me/notifications/language/", {"language": "en"}).status_code == 302
    world.secretary_committee_a.refresh_from_db()
    assert world.secretary_committee_a.language == "en"
    html = client.get("/me/notifications/").content.decode()
    assert '<option value="en" selected>English</option>' in html


def test_a_bad_language_is_explained(world, client_for):
    client = english(client_for("secretary_committee_a"))
    response = client.post("/me/notifications/language/", {"language": "xx"}, follow=True)
    assert "Choose Swedish or English." in response.content.decode()
    world.secretary_committee_a.refresh_from_db()
    assert world.secretary_committee_a.language == "sv"


def test_my_next_steps_sums_up_what_is_due(world, cast, coming, report, client_for):
    html = english(client_for("secretary_committee_a")).get("/me/").content.decode()
    assert "Due for me" in html
    assert "Feedback report of Hälso- och sjukvårdsnämnden, due" in html
    assert 'href="/me/notifications/"' in html


@pytest.mark.parametrize(
    ("persona", "method", "url", "status"),
    [
        ("anonymous", "get", "/me/notifications/", 302),
        ("anonymous", "post", "/me/notifications/read/", 302),
        ("anonymous", "post", "/me/notifications/language/", 302),
        ("anonymous", "get", "/me/notifications/{mine}/", 302),
        ("secretary_committee_a", "get", "/me/notifications/", 200),
        ("secretary_committee_a", "get", "/me/notifications/read/", 405),
        ("secretary_committee_a", "get", "/me/notifications/{mine}/", 302),
        ("secretary_committee_b", "get", "/me/notifications/{mine}/", 404),
        ("finance_officer", "get", "/me/notifications/{mine}/", 404),
        ("outsider_finance", "get", "/me/notifications/{mine}/", 404),
        ("politician_majority", "get", "/me/notifications/", 200),
    ],
)
def test_permissions(world, report, client_for, persona, method, url, status):
    mine = Notification.objects.get(recipient=world.secretary_committee_a)
    response = getattr(client_for(persona), method)(url.format(mine=mine.pk))
    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_a_user_without_a_person_is_told_so(client_for, django_user_model):
    from django.test import Client

    client = Client()
    client.force_login(django_user_model.objects.create_user("loner", password="x"))
    response = english(client).get("/me/notifications/")
    assert "not linked to a person" in response.content.decode()
    assert client.post("/me/notifications/read/").status_code == 404


def test_another_users_notifications_are_not_listed(world, cast, report, client_for):
    html = client_for("secretary_committee_b").get("/me/notifications/").content.decode()
    assert "Hälso- och sjukvårdsnämnden" not in html


def test_query_count_does_not_grow_with_notifications(world, cast, coming, client_for):
    client = client_for("secretary_committee_a")
    body = world.committee_a

    def add(n):
        for i in range(n):
            document = documents.register_document(
                owner_body=body,
                document_type=world.docs["protokoll"],
                title=f"Protokoll {i}",
                by=SYSTEM,
                cycle=coming,
            )
            document.used_by.set([coming.steps.get(key="kickoff")])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/me/notifications/").status_code == 200
        return len(ctx.captured_queries)

    add(3)
    client.get("/me/notifications/")
    at_n = count()
    add(27)
    assert Notification.objects.filter(recipient=world.secretary_committee_a).count() == 30
    assert count() == at_n
