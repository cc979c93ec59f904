"""The chief executive's summary: written by the finance office under the report headings, a
document of the executive board in the register, read by those who may read that document."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as WordDocument
from pypdf import PdfReader

from arshjul.accounts.roles import SYSTEM
from arshjul.core.audit import history_for
from arshjul.core.errors import DomainError
from arshjul.core.tests.versions import seen
from arshjul.documents import services as documents
from arshjul.feedback import services
from arshjul.feedback.models import DEFAULT_HEADINGS, FeedbackSummary

URL = "/feedback/cycles/test-2022/summary/"


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def summary(world):
    return services.start_summary(cycle=world.cycle, by=world.finance_officer.user)


def test_started_from_the_compilation_as_a_board_document(client_for, world):
    client = client_for("finance_officer")
    page = client.get("/feedback/cycles/test-2022/compilation/").content.decode()
    assert "/feedback/cycles/test-2022/summary/start/" in page
    response = client.post("/feedback/cycles/test-2022/summary/start/")
    assert response.status_code == 302 and response["Location"] == URL
    summary = FeedbackSummary.objects.get(cycle=world.cycle)
    doc = summary.document
    assert doc.owner_body == world.rs
    assert doc.document_type.code == "tjansteskrivelse"
    assert doc.case_number.startswith("RS/")
    assert doc.status == "draft"
    assert [s["heading"] for s in summary.sections] == list(DEFAULT_HEADINGS)
    # The compilation now links the summary instead of offering to start one.
    page = client.get("/feedback/cycles/test-2022/compilation/").content.decode()
    assert URL in page and "summary/start/" not in page


@pytest.mark.parametrize(
    "persona", ["secretary_committee_a", "politician_majority", "anonymous", "outsider_finance"]
)
def test_only_the_finance_office_starts_it(client_for, world, persona):
    response = client_for(persona).post("/feedback/cycles/test-2022/summary/start/")
    assert response.status_code == 403
    assert not FeedbackSummary.objects.exists()


def test_a_second_summary_is_refused(world, summary):
    with pytest.raises(DomainError) as exc:
        services.start_summary(cycle=world.cycle, by=world.finance_officer.user)
    assert exc.value.domain_code == "duplicate"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("finance_officer", 200),
        ("executive_staff", 200),  # the chief executive's office writes it
        ("politician_majority", 404),  # a member of the board reads it from prepared on
        ("secretary_committee_a", 404),
        ("anonymous", 404),
        ("outsider_finance", 404),
    ],
)
def test_who_reads_the_draft(client_for, summary, persona, status):
    assert client_for(persona).get(URL).status_code == status


def test_the_boards_opposition_reads_the_summary_from_prepared_on(client_for, world, summary):
    """Issue 11 point 5: an opposition member of the board read the chief executive's draft."""
    from arshjul.organisation.tests.factories import MembershipFactory

    MembershipFactory(
        person=world.politician_opposition, body=world.rs, role="member", party=world.opposition
    )
    client = client_for("politician_opposition")
    assert client.get(URL).status_code == 404
    assert client.get(URL.rstrip("/") + ".pdf").status_code == 404
    assert client.get(URL.rstrip("/") + ".docx").status_code == 404
    documents.change_status(
        document=summary.document,
        to="prepared",
        by=world.finance_officer.user,
        version=summary.document.version,
    )
    page = client.get(URL)
    assert page.status_code == 200
    assert 'id="history-heading"' not in page.content.decode()  # the history is the writers'


def test_published_summary_is_public_and_read_only(client_for, world, summary):
    for to in ("prepared", "treated"):
        documents.change_status(document=summary.document, to=to, by=SYSTEM, version=None)
    import datetime as dt

    documents.change_status(
        document=summary.document,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date(2021, 4, 20),
        decision_paragraph="12",
        version=None,
    )
    documents.change_status(document=summary.document, to="published", by=SYSTEM, version=None)
    response = client_for("anonymous").get(URL)
    assert response.status_code == 200
    assert "<textarea" not in response.content.decode()
    assert client_for("anonymous").post(URL, {"version": 1}).status_code == 403


def test_finance_office_writes_with_the_answers_at_hand(client_for, world, summary):
    report = services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    services.save_sections(report=report, texts={1: "Vårdens mål först."}, by=SYSTEM, version=None)
    client = client_for("finance_officer")
    page = client.get(URL).content.decode()
    assert "Vårdens mål först." in page  # the committee's answer under heading 1
    response = client.post(
        URL,
        {
            "version": summary.version,
            "introduction": "<p>Nämnderna är <b>eniga</b>.</p><script>alert(1)</script>",
            "section_1": "Målen delas.",
        },
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.introduction == "<p>Nämnderna är <b>eniga</b>.</p>"
    assert summary.sections[0]["text"] == "<p>Målen delas.</p>"
    entry = history_for(summary).filter(action="feedback.summary.edited").get()
    assert entry.action == "feedback.summary.edited" and entry.by == world.finance_officer.user
    assert entry.changes[DEFAULT_HEADINGS[0]] == ["", "<p>Målen delas.</p>"]


def test_a_committee_secretary_cannot_write_it(client_for, world, summary):
    documents.change_status(document=summary.document, to="prepared", by=SYSTEM, version=None)
    response = client_for("politician_majority").post(
        URL, {"version": summary.version, "section_1": "x"}
    )
    assert response.status_code == 403
    summary.refresh_from_db()
    assert summary.sections[0]["text"] == ""


def test_a_lost_update_is_refused_and_her_text_kept(client_for, summary):
    client = english(client_for("finance_officer"))
    client.post(URL, {"version": summary.version, "section_1": "Först"})
    response = client.post(URL, {"version": summary.version, "section_1": "Min text"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone else saved this summary" in html and "Min text" in html
    summary.refresh_from_db()
    assert summary.sections[0]["text"] == "<p>Först</p>"


def test_frozen_once_treated(world, summary):
    for to in ("prepared", "treated"):
        documents.change_status(document=summary.document, to=to, by=SYSTEM, version=None)
    with pytest.raises(DomainError) as exc:
        services.save_summary(
            summary=summary,
            introduction="x",
            texts=[],
            by=world.finance_officer.user,
            version=seen(summary),
        )
    assert exc.value.domain_code == "frozen"


def test_status_moves_from_its_page(client_for, summary):
    client = english(client_for("finance_officer"))
    response = client.post(
        URL + "status/", {"to": "prepared", "version": summary.document.version}, follow=True
    )
    assert "The summary&#x27;s status was changed." in response.content.decode()
    summary.document.refresh_from_db()
    assert summary.document.status == "prepared"
    response = client.post(
        URL + "status/", {"to": "sent", "version": summary.document.version}, follow=True
    )
    assert "cannot become" in response.content.decode()


def test_filed_as_a_pdf_version_in_the_register(client_for, summary):
    client = client_for("finance_officer")
    client.post(URL, {"version": summary.version, "section_2": "Utvecklingen fortsätter."})
    assert client.post(URL + "file/").status_code == 302
    version = summary.document.versions.get()
    assert version.kind == "pdf" and version.original_name.startswith("sammanfattning-test-2022")
    text = "".join(p.extract_text() for p in PdfReader(version.file.open("rb")).pages)
    assert "Utvecklingen fortsätter." in text
    assert DEFAULT_HEADINGS[1] in text.replace("\n", " ")


def test_word_and_pdf_downloads(client_for, summary):
    client = client_for("finance_officer")
    client.post(URL, {"version": summary.version, "introduction": "Inledningen."})
    word = WordDocument(io.BytesIO(client.get("/feedback/cycles/test-2022/summary.docx").content))
    texts = [p.text for p in word.paragraphs]
    assert "Inledningen." in texts
    assert all(any(h in t for t in texts) for h in DEFAULT_HEADINGS)
    pdf = client.get("/feedback/cycles/test-2022/summary.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert (
        client_for("secretary_committee_a")
        .get("/feedback/cycles/test-2022/summary.pdf")
        .status_code
        == 404
    )


def test_summary_page_query_count_does_not_grow_with_committees(
    client_for, world, summary, settings
):
    from arshjul.organisation.tests.factories import BodyFactory

    settings.PUBLIC_CACHE_SECONDS = 0
    client = client_for("finance_officer")
    services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    client.get(URL)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    at_n = count()
    step = world.cycle.steps.get(key="aterkoppling")
    for i in range(9):
        body = BodyFactory(
            organisation=world.org, name=f"Nämnd {i}", short_name=f"N{i}", slug=f"n{i}"
        )
        step.participant_bodies.add(body)
        services.start_report(cycle=world.cycle, body=body, by=SYSTEM)
    assert count() == at_n


def test_compilation_query_count_does_not_grow_with_committees(client_for, world, settings):
    from arshjul.organisation.tests.factories import BodyFactory

    settings.PUBLIC_CACHE_SECONDS = 0
    client = client_for("finance_officer")
    services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    url = "/feedback/cycles/test-2022/compilation/"
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    at_n = count()
    step = world.cycle.steps.get(key="aterkoppling")
    for i in range(9):
        body = BodyFactory(
            organisation=world.org, name=f"Nämnd {i}", short_name=f"N{i}", slug=f"n{i}"
        )
        step.participant_bodies.add(body)
        report = services.start_report(cycle=world.cycle, body=body, by=SYSTEM)
        documents.change_status(document=report.document, to="prepared", by=SYSTEM, version=None)
    assert count() == at_n


def test_its_history_shows_the_words_changed(client_for, summary):
    client = english(client_for("finance_officer"))
    client.post(URL, {"version": summary.version, "section_1": "Målen delas av alla nämnder."})
    summary.refresh_from_db()
    client.post(URL, {"version": summary.version, "section_1": "Målen delas av två nämnder."})
    html = client.get(URL).content.decode()
    assert "Summary of the feedback edited" in html
    assert "<del" in html and "alla" in html and "<ins" in html and "två" in html
    # The public never sees the draft's history.
    assert client_for("anonymous").get(URL).status_code == 404


def test_the_chief_executive_reads_every_answer_and_writes_her_summary(world, summary):
    from django.test import Client

    from arshjul.organisation.tests.factories import (
        PersonFactory,
        PostFactory,
        PostHoldingFactory,
    )

    chief = PersonFactory(organisation=world.org, user__username="regiondirektor")
    PostHoldingFactory(
        post=PostFactory(organisation=world.org, kind="chief_executive", title="Regiondirektör"),
        person=chief,
    )
    report = services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    services.save_sections(report=report, texts={1: "Utkast från HSN."}, by=SYSTEM, version=None)
    client = Client()
    client.force_login(chief.user)
    # A committee's draft is its writers'; the chief executive reads it from prepared on.
    assert "Utkast från HSN." not in client.get(URL).content.decode()
    documents.change_status(document=report.document, to="prepared", by=SYSTEM, version=None)
    assert "Utkast från HSN." in client.get(URL).content.decode()  # the answers at hand
    response = client.post(URL, {"version": summary.version, "section_1": "Min bild."})
    assert response.status_code == 302
    assert client.post(URL + "file/").status_code == 302
    assert summary.document.versions.count() == 1
    # She does not run the cycle: the deadline dashboard stays the finance office's.
    assert client.get("/feedback/cycles/test-2022/").status_code == 403
