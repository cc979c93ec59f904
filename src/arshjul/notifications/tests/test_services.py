"""The fan-out: who is told of each event in a body, never the causer, never a reader who may
not read; and each person's language."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.core.tests.versions import seen
from arshjul.documents import services as documents
from arshjul.feedback import services as feedback
from arshjul.notifications import services
from arshjul.notifications.models import Notification

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def told(**filters) -> set[str]:
    return {
        n.recipient.user.username
        for n in Notification.objects.filter(**filters).select_related("recipient__user")
    }


def register(world, body, by):
    return documents.register_document(
        owner_body=body,
        document_type=world.docs["protokoll"],
        title="Protokoll",
        by=by,
        year=2021,
    )


def decide(document, by):
    for to in ("prepared", "treated"):
        document = documents.change_status(document=document, to=to, by=by, version=seen(document))
    return documents.change_status(
        document=document,
        to="decided",
        by=by,
        version=seen(document),
        decision_date=dt.date(2021, 4, 8),
        decision_paragraph="45",
    )


COMMITTEE_A_MEMBERS = {"member_a"}  # the cast's (conftest): the world's members gave up seats


def test_registering_a_draft_tells_its_writers_but_not_the_registrar(world, cast):
    """A draft belongs to those who write it: the committee's members are told once it is
    prepared (they were told of every draft before)."""
    document = register(world, world.committee_a, by=world.secretary_committee_a.user)
    assert told(document=document, kind="document_registered") == {"head_a"}
    row = Notification.objects.filter(document=document).first()
    assert row.by == world.secretary_committee_a.user
    assert row.body == world.committee_a


def test_a_draft_is_not_told_to_those_who_may_not_read_it(world, cast):
    register(world, world.committee_a, by=SYSTEM)
    told_of_draft = told()
    # Secretary and head of committee A; not its members (they read from prepared on), the
    # other committee's secretary, the board's chair or its head of administration, nor the
    # finance office, who may read it but is not told until a report is sent; and no one
    # without an account.
    assert told_of_draft == {"secretary_committee_a", "head_a"}


def test_a_named_co_author_is_told_of_the_draft(world, cast):
    document = register(world, world.committee_a, by=SYSTEM)
    documents.set_access(
        document=document,
        secret=False,
        secrecy_paragraph="",
        co_authors=[cast.member_a],
        by=SYSTEM,
        version=document.version,
    )
    Notification.objects.all().delete()
    upload = SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf")
    documents.add_version(
        document=document, upload=upload, by=cast.head_a.user, version=seen(document)
    )
    assert told(kind="version_added") == {"secretary_committee_a", "member_a"}


def test_a_working_committees_document_goes_to_the_boards_officials(world, cast):
    register(world, world.rsau, by=SYSTEM)
    assert told() == {"head_rs"}  # the board's chair has no seat in its working committee


def test_a_new_version_is_told(world, cast):
    document = register(world, world.committee_a, by=SYSTEM)
    upload = SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf")
    documents.add_version(
        document=document, upload=upload, by=cast.head_a.user, version=seen(document)
    )
    assert told(kind="version_added") == {"secretary_committee_a"}  # a draft: its writers
    assert Notification.objects.filter(kind="version_added").first().detail == "1"


def test_each_status_change_is_told_to_the_body(world, cast):
    document = register(world, world.committee_a, by=SYSTEM)
    decide(document, by=world.secretary_committee_a.user)
    rows = Notification.objects.filter(kind="status_changed", recipient=cast.member_a)
    assert sorted(rows.values_list("detail", flat=True)) == ["decided", "prepared", "treated"]
    assert told(kind="status_changed") == COMMITTEE_A_MEMBERS | {"head_a"}


def test_a_report_started_is_told_once_as_a_report(world, cast):
    report = feedback.start_report(
        cycle=world.cycle, body=world.committee_a, by=world.finance_officer.user
    )
    assert told() == {"secretary_committee_a", "head_a"}
    assert set(Notification.objects.values_list("kind", flat=True)) == {"report_started"}
    assert set(Notification.objects.values_list("report", flat=True)) == {report.pk}


def test_edits_are_told_once_until_read(world, cast):
    report = feedback.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    by = world.secretary_committee_a.user
    report = feedback.save_sections(report=report, texts={1: "Ett"}, by=by, version=report.version)
    report = feedback.save_sections(report=report, texts={1: "Två"}, by=by, version=report.version)
    assert Notification.objects.filter(kind="report_edited", recipient=cast.head_a).count() == 1
    assert told(kind="report_edited") == {"head_a"}  # a draft: not its members
    services.mark_all_read(person=cast.head_a)
    report = feedback.save_sections(report=report, texts={1: "Tre"}, by=by, version=report.version)
    assert Notification.objects.filter(kind="report_edited", recipient=cast.head_a).count() == 2
    assert not Notification.objects.filter(kind="report_edited", recipient=cast.member_a)
    documents.change_status(
        document=report.document, to="prepared", by=by, version=report.document.version
    )
    feedback.save_sections(report=report, texts={1: "Fyra"}, by=by, version=report.version)
    assert Notification.objects.filter(kind="report_edited", recipient=cast.member_a).count() == 1


def test_a_sent_report_is_told_to_the_finance_office_too(world, cast):
    report = feedback.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    by = world.secretary_committee_a.user
    document = decide(report.document, by=by)
    assert "finance_officer" not in told()
    documents.change_status(document=document, to="sent", by=by, version=seen(document))
    assert told(kind="report_sent") == {"finance_officer", "head_a"} | COMMITTEE_A_MEMBERS
    assert told(kind="report_sent", report=report) == told(kind="report_sent")


def test_fan_out_is_two_queries_however_many_are_told(world, cast):
    from arshjul.organisation.tests.factories import MembershipFactory, PersonFactory

    document = register(world, world.committee_a, by=SYSTEM)
    document = documents.change_status(
        document=document, to="prepared", by=SYSTEM, version=document.version
    )
    for _ in range(20):
        MembershipFactory(
            person=PersonFactory(organisation=world.org), body=world.committee_a, role="member"
        )
    with CaptureQueriesContext(connection) as ctx:
        count = services.version_added(document=document, number=1, by=SYSTEM)
    assert count == 23  # secretary, head, member_a, the twenty new ones (none for a draft)
    assert len(ctx.captured_queries) == 2


def test_choosing_the_language_is_audited(world):
    person = world.secretary_committee_a
    services.set_language(person=person, language="en", by=person.user)
    person.refresh_from_db()
    assert person.language == "en"
    entry = AuditEntry.objects.get(action="organisation.person.language_changed")
    assert entry.changes == {"language": ["sv", "en"]}
    assert entry.by == person.user


def test_an_unknown_language_is_refused(world):
    with pytest.raises(DomainError) as error:
        services.set_language(person=world.secretary_committee_a, language="de", by=SYSTEM)
    assert error.value.domain_code == "bad_language"
