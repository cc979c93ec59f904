"""Feedback reports: started per committee under the six headings, text sanitised, lost updates
refused, and the dashboard's on time / late / missing against the cycle's deadlines."""

import datetime as dt

import pytest
from django.utils import timezone

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.documents import services as documents
from arshjul.documents.models import DocumentTransition
from arshjul.feedback import services
from arshjul.feedback.models import DEFAULT_HEADINGS, FeedbackHeading
from arshjul.feedback.selectors import due_step, feedback_dashboard


def start(world, body=None, by=SYSTEM):
    return services.start_report(
        cycle=world.cycle, body=body or world.committee_a, by=by or world.secretary_committee_a.user
    )


def test_report_has_the_six_headings_and_a_draft_document(world):
    report = start(world)
    assert [s.heading for s in report.sections.all()] == list(DEFAULT_HEADINGS)
    assert report.document.status == "draft"
    assert report.document.case_number == "HSN/1/2021"  # numbered in the year it is due
    assert report.document.produced_by == due_step(cycle=world.cycle, body=world.committee_a)


def test_template_headings_replace_the_defaults(world):
    FeedbackHeading.objects.create(template=world.template, order=1, title="Mål")
    FeedbackHeading.objects.create(template=world.template, order=2, title="Ekonomi")
    assert [s.heading for s in start(world).sections.all()] == ["Mål", "Ekonomi"]


def test_another_committees_secretary_may_not_start_or_write(world):
    with pytest.raises(DomainError) as exc:
        start(world, by=world.secretary_committee_b.user)
    assert exc.value.domain_code == "forbidden"
    report = start(world)
    with pytest.raises(DomainError):
        services.save_sections(
            report=report,
            texts={1: "x"},
            by=world.secretary_committee_b.user,
            version=report.version,
        )


def test_only_committees_answer(world):
    with pytest.raises(DomainError) as exc:
        services.start_report(cycle=world.cycle, body=world.rsau, by=world.finance_officer.user)
    assert exc.value.domain_code == "not_a_committee"


def test_text_is_sanitised_and_audited(world):
    report = start(world)
    services.save_sections(
        report=report,
        texts={
            1: '<p onclick="steal()">Vi bidrar <script>alert(1)</script><strong>mycket</strong></p>'
        },
        by=world.secretary_committee_a.user,
        version=report.version,
    )
    section = report.sections.get(order=1)
    assert section.text == "<p>Vi bidrar <strong>mycket</strong></p>"
    entry = AuditEntry.objects.get(action="feedback.report.edited")
    assert entry.changes[DEFAULT_HEADINGS[0]] == ["", "<p>Vi bidrar <strong>mycket</strong></p>"]


def test_second_save_on_a_stale_version_is_refused(world):
    report = start(world)
    seen = report.version
    services.save_sections(
        report=report, texts={1: "<p>Först</p>"}, by=world.secretary_committee_a.user, version=seen
    )
    with pytest.raises(DomainError) as exc:
        services.save_sections(
            report=report, texts={1: "<p>Sen</p>"}, by=world.finance_officer.user, version=seen
        )
    assert exc.value.domain_code == "stale"
    assert report.sections.get(order=1).text == "<p>Först</p>"


def test_text_is_frozen_once_treated(world):
    report = start(world)
    for to in ("prepared", "treated"):
        documents.change_status(document=report.document, to=to, by=SYSTEM, version=None)
    report.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services.save_sections(
            report=report,
            texts={1: "<p>x</p>"},
            by=world.finance_officer.user,
            version=report.version,
        )
    assert exc.value.domain_code == "frozen"


def _move(report, statuses, at):
    for to in statuses:
        extra = {"decision_date": at.date(), "decision_paragraph": "7"} if to == "decided" else {}
        documents.change_status(document=report.document, to=to, by=SYSTEM, version=None, **extra)
        DocumentTransition.objects.filter(document=report.document, to_status=to).update(at=at)


def test_dashboard_on_time_late_missing(world):
    on_time, late = (
        start(world),
        start(world, body=world.committee_b, by=world.finance_officer.user),
    )
    _move(
        on_time,
        ["prepared", "treated", "decided", "sent"],
        timezone.make_aware(dt.datetime(2021, 4, 12, 10)),
    )
    _move(
        late,
        ["prepared", "treated", "decided", "sent"],
        timezone.make_aware(dt.datetime(2021, 4, 19, 10)),
    )
    deadlines, rows = feedback_dashboard(cycle=world.cycle, today=dt.date(2021, 4, 20))
    states = {row.body.slug: [s.state for s in row.states] for row in rows}
    assert states == {"hsn": ["on_time"], "run": ["late"]}
    assert [d.key for d in deadlines] == ["aterkoppling"]


def test_dashboard_missing_and_open(world):
    from arshjul.organisation.tests.factories import BodyFactory

    pn = BodyFactory(organisation=world.org, name="Patientnämnden", short_name="PN", slug="pn")
    world.cycle.steps.get(key="aterkoppling").participant_bodies.add(pn)
    start(world)
    _, rows = feedback_dashboard(cycle=world.cycle, today=dt.date(2021, 4, 20))
    assert {r.body.slug: [s.state for s in r.states] for r in rows}["pn"] == ["missing"]
    _, rows = feedback_dashboard(cycle=world.cycle, today=dt.date(2021, 4, 1))
    assert {r.body.slug: [s.state for s in r.states] for r in rows}["hsn"] == ["open"]


def test_an_unanswered_report_is_not_prepared(world):
    from arshjul.core.errors import DomainError as Refused

    report = services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    with pytest.raises(Refused) as exc:
        services.move_report(report=report, to="prepared", by=SYSTEM, version=None)
    assert exc.value.domain_code == "empty"
    report.document.refresh_from_db()
    assert report.document.status == "draft"
    services.save_sections(report=report, texts={2: "Ett svar"}, by=SYSTEM, version=None)
    services.move_report(report=report, to="prepared", by=SYSTEM, version=None)
    report.document.refresh_from_db()
    assert report.document.status == "prepared"
