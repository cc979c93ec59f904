"""The feedback reports' and the chief executive's summaries' permission matrix: every persona ×
committee A's report and the cycle's summary in each state (draft, prepared, decided, sent,
published, secret and sent, another organisation's) × list, read, history, download, change,
move × page, API, Word and PDF. Built once for the module (one cycle per state); each cell runs
in its own transaction, rolled back after it.

The rule is the register's (documents.permissions): a report's draft is committee A's
secretary's and the finance office's; from prepared on committee A's members and the chief
executive's office read it too; decided or sent (without a "publish") it is public unless
secret. The summary is the executive board's document: the chief executive's office and the
finance office write it; the board's members read it from prepared on; the public once decided.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction
from tests.fixtures import build_world
from tests.matrix import (
    HIDDEN,
    PERSONAS,
    SHOWN,
    Row,
    api,
    assert_channels_agree,
    cells,
    check,
    get,
    post,
)

from arshjul.accounts.roles import SYSTEM
from arshjul.documents import services as documents
from arshjul.documents.models import Document
from arshjul.documents.tests.factories import PATH_TO
from arshjul.feedback import services
from arshjul.feedback.models import FeedbackSection, FeedbackSummary
from arshjul.organisation.tests.factories import BodyFactory
from arshjul.process.models import Cycle
from arshjul.process.tests.factories import ProcessTemplateFactory

STATES = ("draft", "prepared", "decided", "sent", "published", "secret", "other")
YEARS = dict(zip(STATES, range(2023, 2030), strict=True))
NEXT = {
    "draft": "prepared",
    "prepared": "treated",
    "decided": "sent",
    "sent": "published",
    "published": "published",  # nothing follows: refused
    "secret": "published",
    "other": "treated",
}
EDITABLE = ("draft", "prepared", "other")

PUBLIC = set(PERSONAS)
REPORT_WRITERS = {"finance_officer", "secretary_committee_a"}
REPORT_PREPARED = REPORT_WRITERS | {"executive_staff", "member_majority_a", "member_opposition_a"}
REPORT_READERS = {
    "draft": REPORT_WRITERS,
    "prepared": REPORT_PREPARED,
    "decided": PUBLIC,
    "sent": PUBLIC,
    "published": PUBLIC,
    "secret": REPORT_PREPARED,
    "other": {"outsider_finance"},
}
SUMMARY_WRITERS = {"finance_officer", "executive_staff"}
SUMMARY_READERS = {
    "draft": SUMMARY_WRITERS,
    "prepared": SUMMARY_WRITERS,  # and the board's members; none of the personas sits there
    "decided": PUBLIC,
    "sent": PUBLIC,
    "published": PUBLIC,
    "secret": SUMMARY_WRITERS,
    "other": {"outsider_finance"},
}


def _move(document: Document, state: str) -> None:
    path = PATH_TO["sent" if state == "secret" else "prepared" if state == "other" else state]
    for to in path:
        document = Document.objects.get(pk=document.pk)
        extra = {}
        if to == "decided":
            extra = {"decision_date": dt.date(2021, 4, 1), "decision_paragraph": "86"}
        documents.change_status(
            document=document, to=to, by=SYSTEM, version=document.version, **extra
        )
    if state == "secret":
        document = Document.objects.get(pk=document.pk)
        documents.set_access(
            document=document,
            secret=True,
            secrecy_paragraph="OSL 19 kap. 1 §",
            co_authors=[],
            by=SYSTEM,
            version=document.version,
        )


def _cycle(world, state: str) -> Cycle:
    organisation, template = world.org, world.template
    if state == "other":
        organisation = world.other_org
        template = ProcessTemplateFactory(organisation=organisation, name="Grann")
    year = YEARS[state]
    return Cycle.objects.create(
        organisation=organisation,
        template=template,
        budget_year=year,
        slug=f"m-{state}",
        start=dt.date(year - 2, 8, 1),
        end=dt.date(year, 12, 31),
    )


def _subject(world, state: str, committee) -> SimpleNamespace:
    cycle = _cycle(world, state)
    report = services.start_report(cycle=cycle, body=committee, by=SYSTEM)
    FeedbackSection.objects.filter(report=report, order=1).update(text=f"<p>Svar {state} X</p>")
    summary = services.start_summary(cycle=cycle, by=SYSTEM)
    FeedbackSummary.objects.filter(pk=summary.pk).update(introduction=f"<p>Bild {state} X</p>")
    _move(report.document, state)
    _move(summary.document, state)
    report.refresh_from_db()
    return SimpleNamespace(
        cycle=cycle,
        report=report,
        document=Document.objects.get(pk=report.document_id),
        summary=summary,
    )


@pytest.fixture(scope="module")
def subjects(django_db_setup, django_db_blocker):
    """The shared world, one cycle per state with committee A's report and the summary in
    that state; rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        BodyFactory(organisation=world.other_org, name="Grannstyrelsen", kind="board")
        other_committee = BodyFactory(organisation=world.other_org, name="Grannämnden")
        by_state = {
            state: _subject(
                world, state, other_committee if state == "other" else world.committee_a
            )
            for state in STATES
        }
        yield SimpleNamespace(world=world, **by_state)
        transaction.set_rollback(True)


@pytest.fixture
def world(subjects, db):
    """The module's world stands in for the shared fixture, so that `client_for` signs in its
    personas."""
    return subjects.world


def _answer(readers, writers=None):
    if writers is None:
        return {p: (200 if p in readers else 404) for p in PERSONAS}
    return {p: (SHOWN if p in writers else HIDDEN if p in readers else 404) for p in PERSONAS}


def _report_rows(state: str) -> list[Row]:
    readers = REPORT_READERS[state]
    writers = {"outsider_finance"} if state == "other" else REPORT_WRITERS
    listed = {p: (SHOWN if p in readers else HIDDEN) for p in PERSONAS}
    text = lambda s: f"Svar {state} X"  # noqa: E731
    url = lambda s: getattr(s, state).report.get_absolute_url()  # noqa: E731
    api_url = lambda s: f"/api/v1/feedback-reports/{getattr(s, state).report.pk}"  # noqa: E731
    refused = {p: (403 if p in readers else 404) for p in PERSONAS}
    saved_page, saved_api = (302, 200) if state in EDITABLE else (400, 400)
    moved_api = 400 if state == "published" else 200
    return [
        Row(
            "report",
            state,
            "list",
            "page",
            lambda s: get(f"/feedback/cycles/{getattr(s, state).cycle.slug}/compilation/"),
            listed,
            text,
        ),
        Row(
            "report",
            state,
            "list",
            "api",
            lambda s: get(f"/api/v1/cycles/{getattr(s, state).cycle.slug}/feedback-compilation"),
            listed,
            text,
        ),
        Row("report", state, "read", "page", lambda s: get(url(s)), _answer(readers), text),
        Row("report", state, "read", "api", lambda s: get(api_url(s)), _answer(readers), text),
        Row(
            "report",
            state,
            "history",
            "page",
            lambda s: get(url(s)),
            _answer(readers, writers),
            lambda s: 'id="history-heading"',
        ),
        Row(
            "report",
            state,
            "change",
            "page",
            lambda s: post(
                url(s), {"version": getattr(s, state).report.version, "section_1": "Nytt"}
            ),
            refused | {p: saved_page for p in writers},
        ),
        Row(
            "report",
            state,
            "change",
            "api",
            lambda s: api(
                "PUT",
                f"{api_url(s)}/sections",
                {
                    "version": getattr(s, state).report.version,
                    "sections": [{"order": 1, "text": "Nytt"}],
                },
            ),
            refused | {p: saved_api for p in writers} | {"anonymous": 401},
        ),
        Row(
            "report",
            state,
            "move",
            "page",
            lambda s: post(
                f"{url(s)}status/",
                {"to": NEXT[state], "version": getattr(s, state).document.version},
            ),
            refused | {p: 302 for p in writers},
        ),
        Row(
            "report",
            state,
            "move",
            "api",
            lambda s: api(
                "POST",
                f"{api_url(s)}/status",
                {"to": NEXT[state], "version": getattr(s, state).document.version},
            ),
            refused | {p: moved_api for p in writers} | {"anonymous": 401},
        ),
    ]


def _summary_rows(state: str) -> list[Row]:
    readers = SUMMARY_READERS[state]
    writers = {"outsider_finance"} if state == "other" else SUMMARY_WRITERS
    page = lambda s: f"/feedback/cycles/{getattr(s, state).cycle.slug}/summary/"  # noqa: E731
    text = lambda s: f"Bild {state} X"  # noqa: E731
    rows = [
        Row("summary", state, "read", "page", lambda s: get(page(s)), _answer(readers), text),
        Row(
            "summary",
            state,
            "history",
            "page",
            lambda s: get(page(s)),
            _answer(readers, writers),
            lambda s: 'id="history-heading"',
        ),
        Row(
            "summary",
            state,
            "download",
            "word",
            lambda s: get(page(s).rstrip("/") + ".docx"),
            _answer(readers),
        ),
    ]
    if state in ("draft", "secret", "other"):  # PDF/A is slow to render: the refusals
        rows.append(
            Row(
                "summary",
                state,
                "download",
                "pdf",
                lambda s: get(page(s).rstrip("/") + ".pdf"),
                _answer(readers),
            )
        )
    return rows


ROWS = [row for state in STATES for row in (*_report_rows(state), *_summary_rows(state))]
READS = ("list", "read", "history", "download")


def check_write(cell, client, subjects) -> None:
    """`check`, where a 302 that is not the anonymous's is a change done: redirected to the
    report's page, not to the sign-in page."""
    if cell.expected != 302 or cell.persona == "anonymous":
        return check(cell, client, subjects)
    req = cell.row.request(subjects)
    response = client.post(req.path, req.data)
    assert response.status_code == 302, f"{cell}: got {response.status_code}"
    assert response["Location"].startswith("/feedback/"), f"{cell}: {response['Location']}"


@pytest.mark.parametrize("cell", cells(ROWS))
def test_cell(cell, client_for, subjects):
    check_write(cell, client_for(cell.persona), subjects)


def test_page_and_api_agree():
    """Reads agree cell by cell. Writes agree once a success is read as one (the page
    redirects, the API answers the report) and apart from the anonymous (the API wants a
    session: 401). The page's status move always redirects (a refusal is a message on the
    report), so only saving the text is compared."""
    assert_channels_agree([r for r in ROWS if r.action in READS])
    for state in STATES:
        rows = {
            r.channel: r.answers
            for r in ROWS
            if r.obj == "report" and r.state == state and r.action == "change"
        }
        for persona in PERSONAS:
            if persona == "anonymous":
                continue
            page = {302: 200}.get(rows["page"][persona], rows["page"][persona])
            assert page == rows["api"][persona], (state, persona)
