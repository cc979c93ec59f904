"""The agenda as invited and as handled, decisions and the go-ahead a later step shows, minutes
filed in the register (written: a PDF/A version; uploaded), the invitees' reading of the agenda's
documents, follow-up tasks on "my next steps" and in the personal feed, and query counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from arshjul.accounts.models import FeedToken
from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.core.tests.versions import seen
from arshjul.documents import services as documents
from arshjul.documents.models import Document, DocumentType
from arshjul.documents.permissions import can_view_document
from arshjul.meetings import agenda, services
from arshjul.meetings.models import AgendaItem, Meeting, Task
from arshjul.organisation.tests.factories import PersonFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def english(client):
    client.cookies["django_language"] = "en"
    return client


def held(meeting: Meeting, *, days_ago: int = 1) -> Meeting:
    """The meeting as held: in the past, marked held (tests cannot wait for the day)."""
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=days_ago)
    Meeting.objects.filter(pk=meeting.pk).update(
        start=start, end=start + dt.timedelta(hours=2), status="held"
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def meeting(world, mw):
    return services.create_for_step(step=mw.styrdialog, by=SYSTEM)


@pytest.fixture
def secretary(mw, client_of):
    return english(client_of(mw.secretary))


def last_entry(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


# --- The agenda -----------------------------------------------------------------------------


def test_runner_builds_the_agenda_before_the_meeting(world, mw, meeting):
    user = mw.secretary.user
    second = agenda.add_item(
        meeting=meeting, title="  Budget  2028 ", by=user, version=seen(meeting)
    )
    assert second.order == 2 and second.title == "Budget 2028" and second.on_invitation
    assert last_entry("meetings.agenda.item_added").changes["title"] == [None, "Budget 2028"]
    third = agenda.add_item(meeting=meeting, title="Övrigt", by=user, version=seen(meeting))
    agenda.edit_item(
        item=second,
        title="Budget 2028–2030",
        description="Ramarna",
        by=user,
        version=seen(second.meeting),
    )
    assert last_entry("meetings.agenda.item_edited").changes["title"] == [
        "Budget 2028",
        "Budget 2028–2030",
    ]
    agenda.move_item(item=third, up=True, by=user, version=seen(third.meeting))
    assert list(meeting.items.values_list("title", flat=True)) == [
        "Styrdialog",
        "Övrigt",
        "Budget 2028–2030",
    ]
    assert last_entry("meetings.agenda.reordered").changes["items"][0] == [
        "1. Styrdialog",
        "2. Budget 2028–2030",
        "3. Övrigt",
    ]
    agenda.remove_item(
        item=AgendaItem.objects.get(title="Övrigt"),
        by=user,
        version=seen(AgendaItem.objects.get(title="Övrigt").meeting),
    )
    assert list(meeting.items.values_list("order", "title")) == [
        (1, "Styrdialog"),
        (2, "Budget 2028–2030"),
    ]
    assert last_entry("meetings.agenda.item_removed").changes["items"] == [["2. Övrigt"], None]
    meeting.refresh_from_db()
    assert meeting.version > 1


def test_a_stale_version_or_an_empty_title_saves_nothing(world, mw, meeting):
    with pytest.raises(DomainError) as exc:
        agenda.add_item(
            meeting=meeting, title="X", by=mw.secretary.user, version=meeting.version - 1
        )
    assert exc.value.domain_code == "stale"
    with pytest.raises(DomainError) as exc:
        agenda.add_item(meeting=meeting, title="  ", by=mw.secretary.user, version=seen(meeting))
    assert exc.value.domain_code == "required"
    assert meeting.items.count() == 1


def test_agenda_as_invited_and_as_handled(world, mw, meeting, secretary):
    user = mw.secretary.user
    budget = agenda.add_item(meeting=meeting, title="Budget", by=user, version=seen(meeting))
    extra = agenda.add_item(meeting=meeting, title="Lokaler", by=user, version=seen(meeting))
    held(meeting)
    with pytest.raises(DomainError) as exc:
        agenda.edit_item(item=budget, title="Annat", by=user, version=seen(budget.meeting))
    assert exc.value.domain_code == "held"
    with pytest.raises(DomainError):
        agenda.reorder_items(
            meeting=meeting, ids=[extra.pk, budget.pk], by=user, version=seen(meeting)
        )
    added = agenda.add_item(
        meeting=meeting, title="Sjukvårdens lokaler", by=user, version=seen(meeting)
    )
    assert not added.on_invitation
    agenda.mark_item(item=budget, state="postponed", by=user, version=seen(budget.meeting))
    agenda.mark_item(item=extra, state="dropped", by=user, version=seen(extra.meeting))
    assert last_entry("meetings.agenda.item_handled").changes["state"] == ["planned", "dropped"]
    html = secretary.get(meeting.get_absolute_url()).content.decode()
    invited = html.split("As invited")[1].split("As handled")[0]
    assert "Budget" in invited and "Lokaler" in invited and "Sjukvårdens lokaler" not in invited
    handled = html.split("As handled")[1]
    assert "Sjukvårdens lokaler" in handled and "added at the meeting" in handled
    assert "Postponed" in handled and "Dropped" in handled


def test_runner_adds_and_handles_items_through_the_page(world, mw, meeting, secretary):
    response = secretary.post(
        f"/meetings/{meeting.pk}/agenda/add/",
        {"title": "Ekonomi", "description": "", "version": meeting.version},
    )
    assert response.status_code == 302
    item = meeting.items.get(title="Ekonomi")
    meeting.refresh_from_db()
    response = secretary.post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/decision/",
        {"outcome": "given", "decision_text": "", "version": meeting.version},
        follow=True,
    )
    assert "A decision on a meeting not yet held" in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == ""
    held(meeting)
    secretary.post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/state/",
        {"state": "handled", "version": meeting.version},
    )
    item.refresh_from_db()
    assert item.state == "handled"


def test_input_documents_from_the_register_by_search(world, mw, meeting, secretary):
    doc = documents.register_document(
        owner_body=world.rsau,
        document_type=DocumentType.objects.get(code="tjansteskrivelse"),
        title="Regiondirektörens sammanfattning",
        by=SYSTEM,
    )
    other = documents.register_document(
        owner_body=world.committee_b,
        document_type=DocumentType.objects.get(code="tjansteskrivelse"),
        title="Hemlig sammanfattning",
        by=SYSTEM,
    )
    item = meeting.items.get()
    html = secretary.get(
        f"{meeting.get_absolute_url()}?find_for={item.pk}&q=sammanfattning"
    ).content.decode()
    assert "Regiondirektörens sammanfattning" in html
    assert "Hemlig sammanfattning" not in html  # RS AU's secretary may not see RUN's drafts
    secretary.post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/documents/add/",
        {"document": doc.pk, "version": meeting.version},
    )
    assert list(item.documents.all()) == [doc]
    meeting.refresh_from_db()
    response = secretary.post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/documents/add/",
        {"document": other.pk, "version": meeting.version},
    )
    assert response.status_code == 404 and list(item.documents.all()) == [doc]


# --- Decisions and the go-ahead -------------------------------------------------------------


def test_decision_refused_before_held_and_on_a_cancelled_meeting(world, mw, meeting):
    item = meeting.items.get()
    with pytest.raises(DomainError) as exc:
        agenda.decide(
            item=item, outcome="given", text="", by=mw.secretary.user, version=seen(item.meeting)
        )
    assert exc.value.domain_code == "not_held"
    services.cancel(meeting=meeting, reason="", by=SYSTEM, version=None)
    with pytest.raises(DomainError) as exc:
        agenda.decide(
            item=item, outcome="given", text="", by=mw.secretary.user, version=seen(item.meeting)
        )
    assert exc.value.domain_code == "cancelled"
    item.refresh_from_db()
    assert item.outcome == "" and not AuditEntry.objects.filter(action="meetings.agenda.decided")


def test_decision_with_changes_needs_its_text_and_marks_the_item_handled(world, mw, meeting):
    held(meeting)
    item = meeting.items.get()
    with pytest.raises(DomainError) as exc:
        agenda.decide(
            item=item,
            outcome="with_changes",
            text=" ",
            by=mw.secretary.user,
            version=seen(item.meeting),
        )
    assert exc.value.domain_code == "required"
    agenda.decide(
        item=item,
        outcome="with_changes",
        text="Utan ramhöjning",
        by=mw.secretary.user,
        version=seen(item.meeting),
    )
    item.refresh_from_db()
    assert item.state == "handled" and item.decided_at is not None
    assert last_entry("meetings.agenda.decided").changes["outcome"] == ["", "with_changes"]


@pytest.mark.parametrize(
    ("outcome", "text", "shown"),
    [
        ("given", "", "Go-ahead given at"),
        ("with_changes", "Med lägre ram", "Go-ahead given at"),
        ("not_given", "Omarbetas", "Go-ahead NOT given at"),
    ],
)
def test_the_later_step_shows_the_go_ahead(world, mw, client_for, outcome, text, shown):
    mw.kickoff.go_ahead_from = "beredning"
    mw.kickoff.published = True
    mw.kickoff.save()
    client = english(client_for("finance_officer"))
    page = client.get(mw.kickoff.get_absolute_url()).content.decode()
    assert "not recorded yet" in page
    beredning = services.create_for_step(step=mw.beredning, by=SYSTEM)
    held(beredning)
    client.post(
        f"/meetings/{beredning.pk}/agenda/{beredning.items.get().pk}/decision/",
        {"outcome": outcome, "decision_text": text, "version": beredning.version},
    )
    page = client.get(mw.kickoff.get_absolute_url()).content.decode()
    assert shown in page
    if text:
        assert text in page
    kickoff_meeting = services.create_for_step(step=mw.kickoff, by=SYSTEM)
    assert shown in client.get(kickoff_meeting.get_absolute_url()).content.decode()


# --- Minutes --------------------------------------------------------------------------------


def test_written_minutes_become_a_register_document_with_a_pdf(world, mw, meeting, secretary):
    Meeting.objects.filter(pk=meeting.pk).update(documentation="Mötesprotokoll")
    held(meeting)
    response = secretary.post(
        f"/meetings/{meeting.pk}/status/",
        {"to": "documented", "version": meeting.version},
        follow=True,
    )
    assert "Write or upload the minutes" in response.content.decode()
    response = secretary.post(
        f"/meetings/{meeting.pk}/minutes/write/",
        {
            "text": "<p>Dialogen fördes.</p><script>alert(1)</script><ul><li>Ramarna</li></ul>",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    document = meeting.minutes
    assert document.document_type.code == "protokoll"
    assert document.owner_body == world.rsau and document.produced_by == mw.styrdialog
    assert "<script>" not in meeting.minutes_text and "<li>Ramarna</li>" in meeting.minutes_text
    version = document.versions.get()
    assert version.kind == "pdf"
    reader = PdfReader(io.BytesIO(version.file.read()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Dialogen fördes." in text and "Ramarna" in text and document.case_number in text
    assert last_entry("meetings.minutes.written").changes["minutes_text"][0] == ""
    response = secretary.post(
        f"/meetings/{meeting.pk}/status/", {"to": "documented", "version": meeting.version}
    )
    meeting.refresh_from_db()
    assert meeting.status == "documented"


def test_notes_for_a_preparation_meeting_and_the_runner_chooses_when_unsaid(world, mw):
    beredning = held(services.create_for_step(step=mw.beredning, by=SYSTEM))
    agenda.write_minutes(meeting=beredning, text="Klartecken.", by=SYSTEM, version=None)
    beredning.refresh_from_db()
    assert beredning.minutes.document_type.code == "minnesanteckningar"
    stand_alone = services.create_meeting(
        body=world.rsau,
        title="Extra",
        start=timezone.now() - dt.timedelta(days=2),
        end=timezone.now() - dt.timedelta(days=2, hours=-1),
        by=SYSTEM,
    )
    held(stand_alone)
    with pytest.raises(DomainError) as exc:
        agenda.write_minutes(meeting=stand_alone, text="Text", by=SYSTEM, version=None)
    assert exc.value.domain_code == "required" and stand_alone.minutes_id is None
    assert not Document.objects.filter(title__contains="Extra").exists()
    agenda.write_minutes(
        meeting=stand_alone, text="Text", document_type="protokoll", by=SYSTEM, version=None
    )
    stand_alone.refresh_from_db()
    assert stand_alone.minutes.document_type.code == "protokoll"
    assert stand_alone.minutes.produced_by is None


def test_minutes_refused_before_the_meeting_is_held(world, mw, meeting):
    with pytest.raises(DomainError) as exc:
        agenda.write_minutes(
            meeting=meeting, text="Text", document_type="protokoll", by=SYSTEM, version=None
        )
    assert exc.value.domain_code == "not_held"
    assert not Document.objects.filter(document_type__code="protokoll").exists()


def test_uploaded_minutes(world, mw, meeting, secretary):
    held(meeting)
    response = secretary.post(
        f"/meetings/{meeting.pk}/minutes/upload/",
        {
            "file": SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf"),
            "document_type": "protokoll",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes.versions.get().original_name == "protokoll.pdf"
    response = secretary.post(
        f"/meetings/{meeting.pk}/minutes/upload/",
        {
            "file": SimpleUploadedFile("virus.pdf", b"MZ....", content_type="application/pdf"),
            "version": meeting.version,
        },
    )
    assert response.status_code == 400 and "is not a PDF" in response.content.decode()
    assert meeting.minutes.versions.count() == 1


def test_the_public_sees_the_minutes_only_once_published(world, mw, meeting, client_for):
    mw.styrdialog.published = True
    mw.styrdialog.save()
    held(meeting)
    agenda.write_minutes(
        meeting=meeting, text="Protokollet", document_type="protokoll", by=SYSTEM, version=None
    )
    meeting.refresh_from_db()
    anonymous = english(client_for("anonymous"))
    assert (
        meeting.minutes.case_number
        not in anonymous.get(meeting.get_absolute_url()).content.decode()
    )
    for to in ("prepared", "treated"):
        documents.change_status(document=meeting.minutes, to=to, by=SYSTEM, version=None)
    documents.change_status(
        document=meeting.minutes,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date.today(),
        decision_paragraph="12",
        version=None,
    )
    documents.change_status(document=meeting.minutes, to="published", by=SYSTEM, version=None)
    assert meeting.minutes.case_number in anonymous.get(meeting.get_absolute_url()).content.decode()


# --- Invitees read the agenda's documents ---------------------------------------------------


def test_an_invitee_from_another_body_reads_the_agenda_documents(world, mw, meeting, client_of):
    doc = documents.register_document(
        owner_body=world.rsau,
        document_type=DocumentType.objects.get(code="tjansteskrivelse"),
        title="Underlag till styrdialogen",
        by=SYSTEM,
    )
    meeting.items.get().documents.add(doc)
    invitee = mw.hsn_chair  # presidium of HSN: invited, not a member of RS AU
    assert meeting.invitees.filter(person=invitee).exists()
    assert not can_view_document(invitee.user, doc)  # a draft is its writers' (issue 11)
    doc = documents.change_status(document=doc, to="prepared", by=SYSTEM, version=doc.version)
    assert can_view_document(invitee.user, doc)
    assert client_of(invitee).get(doc.get_absolute_url()).status_code == 200
    assert (
        "Underlag till styrdialogen"
        in client_of(invitee).get(meeting.get_absolute_url()).content.decode()
    )
    outsider = mw.hsn_member  # HSN's member, not invited
    assert not can_view_document(outsider.user, doc)
    assert client_of(outsider).get(doc.get_absolute_url()).status_code == 404


# --- Follow-up tasks ------------------------------------------------------------------------


def test_a_task_due_before_the_meeting_is_refused(world, mw, meeting):
    day = timezone.localtime(meeting.start).date()
    with pytest.raises(DomainError) as exc:
        agenda.add_task(
            meeting=meeting,
            title="Skriv",
            owner=mw.hsn_chair,
            due=day - dt.timedelta(days=1),
            by=mw.secretary.user,
            version=seen(meeting),
        )
    assert exc.value.domain_code == "due_before_meeting"
    assert not Task.objects.exists()


def test_a_task_due_before_the_meeting_is_explained_on_the_page(world, mw, meeting, secretary):
    response = secretary.post(
        f"/meetings/{meeting.pk}/tasks/add/",
        {
            "title": "Skriv",
            "owner": mw.hsn_chair.pk,
            "due": "2020-01-01",
            "version": meeting.version,
        },
    )
    assert response.status_code == 400
    assert "A task cannot be due before the meeting" in response.content.decode()
    assert not Task.objects.exists()


def test_tasks_on_my_page_and_in_my_feed(world, mw, meeting, client_of):
    day = timezone.localtime(meeting.start).date()
    task = agenda.add_task(
        meeting=meeting,
        title="Sammanställ inspelen",
        owner=mw.hsn_chair,
        due=day + dt.timedelta(days=7),
        by=mw.secretary.user,
        version=seen(meeting),
    )
    assert last_entry("meetings.task.added").changes["title"] == [None, "Sammanställ inspelen"]
    client = english(client_of(mw.hsn_chair))
    page = client.get("/me/").content.decode()
    assert "My tasks" in page and "Sammanställ inspelen" in page
    token = FeedToken.objects.get(user=mw.hsn_chair.user)  # made by the page
    cal = Calendar.from_ical(client.get(reverse("process:person_feed", args=[token.token])).content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    event = events[f"{task.uid}@arshjul"]
    assert "Sammanställ inspelen" in str(event["summary"])
    assert event.decoded("dtstart") == day + dt.timedelta(days=7)
    # The owner marks it done from her page: gone from the page and the feed.
    meeting.refresh_from_db()
    client.post(
        f"/meetings/{meeting.pk}/tasks/{task.pk}/done/",
        {"done": "1", "version": meeting.version, "next": "mine"},
    )
    task.refresh_from_db()
    assert task.done == timezone.localdate()
    assert "Sammanställ inspelen" not in client.get("/me/").content.decode()
    cal = Calendar.from_ical(client.get(reverse("process:person_feed", args=[token.token])).content)
    assert f"{task.uid}@arshjul" not in {str(e["uid"]) for e in cal.walk("VEVENT")}


def test_someone_else_may_not_mark_a_task_done(world, mw, meeting, client_of):
    task = agenda.add_task(
        meeting=meeting,
        title="X",
        owner=mw.hsn_chair,
        due=timezone.localtime(meeting.start).date(),
        by=SYSTEM,
        version=None,
    )
    meeting.refresh_from_db()
    response = client_of(mw.au_chair).post(
        f"/meetings/{meeting.pk}/tasks/{task.pk}/done/", {"done": "1", "version": meeting.version}
    )
    assert response.status_code in (403, 404)
    task.refresh_from_db()
    assert task.done is None


# --- Query counts ---------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_meeting_page_queries_do_not_grow_with_items_documents_and_tasks(
    world, mw, meeting, secretary
):
    held(meeting)
    url = meeting.get_absolute_url()
    secretary.get(url)
    doc_type = DocumentType.objects.get(code="tjansteskrivelse")

    def grow(n: int) -> None:
        for i in range(n):
            item = agenda.add_item(meeting=meeting, title=f"Punkt {i}", by=SYSTEM, version=None)
            doc = documents.register_document(
                owner_body=world.rsau, document_type=doc_type, title=f"Underlag {i}", by=SYSTEM
            )
            item.documents.add(doc)
            agenda.decide(item=item, outcome="noted", text="", by=SYSTEM, version=None)
            agenda.add_task(
                meeting=meeting,
                title=f"Uppgift {i}",
                owner=mw.hsn_chair,
                due=timezone.localdate() + dt.timedelta(days=1),
                by=SYSTEM,
                version=None,
            )

    grow(2)
    search = f"{url}?find_for={meeting.items.first().pk}&q=Underlag"
    at_n, search_at_n = count_queries(secretary, url), count_queries(secretary, search)
    grow(18)
    assert count_queries(secretary, url) == at_n
    assert count_queries(secretary, search) == search_at_n


def test_mine_page_queries_do_not_grow_with_tasks(world, mw, meeting, client_of):
    client = client_of(mw.hsn_chair)
    day = timezone.localtime(meeting.start).date()

    def grow(n: int) -> None:
        for i in range(n):
            agenda.add_task(
                meeting=meeting, title=f"U{i}", owner=mw.hsn_chair, due=day, by=SYSTEM, version=None
            )

    grow(2)
    client.get("/me/")
    at_n = count_queries(client, "/me/")
    grow(18)
    assert count_queries(client, "/me/") == at_n


def test_runner_of_another_body_may_not_change_the_agenda(world, mw, meeting, client_for):
    response = client_for("secretary_committee_b").post(
        f"/meetings/{meeting.pk}/agenda/add/", {"title": "X", "version": meeting.version}
    )
    assert response.status_code == 404
    other = PersonFactory(organisation=world.org, user=UserFactory(username="invited_only"))
    services.add_invitee(meeting=meeting, person=other, by=SYSTEM, version=None)
    from django.test import Client

    client = Client()
    client.force_login(other.user)
    meeting.refresh_from_db()
    response = client.post(
        f"/meetings/{meeting.pk}/agenda/add/", {"title": "X", "version": meeting.version}
    )
    assert response.status_code == 403 and meeting.items.count() == 1
