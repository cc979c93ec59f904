"""The feedback reports' JSON API: who may read and change what (one table), drafts never public,
lost updates refused with 409, text sanitised as on the page, refused moves explained in the
caller's language, the dashboard and the compilation, the schema, and query counts that do not
grow with the reports."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.core.models import AuditEntry
from arshjul.core.tests.versions import seen
from arshjul.documents import services as documents
from arshjul.documents.models import DocumentTransition
from arshjul.feedback import services
from arshjul.feedback.models import DEFAULT_HEADINGS, FeedbackReport, FeedbackSection
from arshjul.organisation.tests.factories import BodyFactory
from arshjul.process.services import generate_cycle

API = "/api/v1"
PERSONAS = (
    "finance_officer",
    "secretary_committee_a",
    "secretary_committee_b",
    "politician_majority",
    "outsider_finance",
    "anonymous",
)


def send(client, method: str, url: str, data: dict | None = None, **extra):
    if method == "get":
        return client.get(url, **extra)
    return getattr(client, method)(
        url, json.dumps(data or {}), content_type="application/json", **extra
    )


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) == {"code", "message", "field"}
    return body


def english(client):
    client.cookies["django_language"] = "en"
    return client


def start(world, body=None, cycle=None) -> FeedbackReport:
    return services.start_report(
        cycle=cycle or world.cycle, body=body or world.committee_a, by=SYSTEM
    )


def decide(report: FeedbackReport, *, paragraph: str = "12") -> None:
    for to in ("prepared", "treated"):
        documents.change_status(document=report.document, to=to, by=SYSTEM, version=None)
    documents.change_status(
        document=report.document,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date(2021, 4, 8),
        decision_paragraph=paragraph,
        version=None,
    )


def publish(report: FeedbackReport) -> FeedbackReport:
    decide(report)
    documents.change_status(document=report.document, to="published", by=SYSTEM, version=None)
    return report


@pytest.fixture
def draft(world):
    """HSN's draft in the cycle test-2022, answered under its first heading."""
    report = start(world)
    FeedbackSection.objects.filter(report=report, order=1).update(text="<p>Ett första svar</p>")
    return report


@pytest.fixture
def published(world):
    """RUN's published report in the next cycle, test-2023: RUN has none in test-2022 yet."""
    later = generate_cycle(template=world.template, budget_year=2023, by=SYSTEM)
    report = start(world, body=world.committee_b, cycle=later)
    services.save_sections(report=report, texts={1: "Publicerat svar"}, by=SYSTEM, version=None)
    return publish(report)


# (persona, method, endpoint, expected status). Endpoints name their target: the draft, the
# published report, or the cycle test-2022 (where RUN may still start its report).
MATRIX = [
    # One report: a draft only for HSN's secretary and the finance office; published for all.
    *[
        (p, "get", "draft", s)
        for p, s in zip(PERSONAS, (200, 200, 404, 404, 404, 404), strict=True)
    ],
    *[(p, "get", "published", 200) for p in PERSONAS],
    # A cycle's list and compilation: anyone (what is in them is tested below).
    *[(p, "get", "list", 200) for p in PERSONAS],
    *[(p, "get", "compilation", 200) for p in PERSONAS],
    # The dashboard: the finance office of the cycle's organisation.
    *[(p, "get", "dashboard", s) for p, s in zip(PERSONAS, (200, *[403] * 5), strict=True)],
    # Saving the text: the committee's secretary and the finance office; a draft is hidden from
    # others (404); a published report's text is frozen (400) for those who may change it.
    *[
        (p, "put", "draft_sections", s)
        for p, s in zip(PERSONAS, (200, 200, 404, 404, 404, 401), strict=True)
    ],
    *[
        (p, "put", "published_sections", s)
        for p, s in zip(PERSONAS, (400, 403, 400, 403, 403, 401), strict=True)
    ],
    # Moving the status: the same people; a published report moves no further (400).
    *[
        (p, "post", "draft_status", s)
        for p, s in zip(PERSONAS, (200, 200, 404, 404, 404, 401), strict=True)
    ],
    *[
        (p, "post", "published_status", s)
        for p, s in zip(PERSONAS, (400, 403, 400, 403, 403, 401), strict=True)
    ],
    # Starting RUN's report: RUN's secretary and the finance office.
    *[
        (p, "post", "start", s)
        for p, s in zip(PERSONAS, (201, 403, 201, 403, 403, 401), strict=True)
    ],
]


def _request(endpoint: str, draft: FeedbackReport, published: FeedbackReport):
    """(url, payload) of an endpoint of the matrix, with the versions as last read."""
    target = draft if endpoint.startswith("draft") else published
    target.refresh_from_db()
    target.document.refresh_from_db()
    if endpoint in ("draft", "published"):
        return f"{API}/feedback-reports/{target.pk}", None
    if endpoint.endswith("_sections"):
        return f"{API}/feedback-reports/{target.pk}/sections", {
            "version": target.version,
            "sections": [{"order": 1, "text": "Ny text"}],
        }
    if endpoint.endswith("_status"):
        return f"{API}/feedback-reports/{target.pk}/status", {
            "to": "prepared",
            "version": target.document.version,
        }
    if endpoint == "start":
        return f"{API}/cycles/test-2022/feedback-reports", {"committee": "run"}
    return f"{API}/cycles/test-2022/feedback-{endpoint if endpoint != 'list' else 'reports'}", None


@pytest.mark.parametrize(("persona", "method", "endpoint", "status"), MATRIX)
def test_permission_matrix(client_for, draft, published, persona, method, endpoint, status):
    url, payload = _request(endpoint, draft, published)
    before = {
        r.pk: (r.version, r.document.status, r.sections.get(order=1).text)
        for r in FeedbackReport.objects.select_related("document")
    }
    response = send(client_for(persona), method, url, payload)
    assert response.status_code == status, response.content[:500]
    if status >= 400:
        body = error(response, status)
        if status == 403 and method != "get":
            assert body["code"] == "forbidden"
        after = {
            r.pk: (r.version, r.document.status, r.sections.get(order=1).text)
            for r in FeedbackReport.objects.select_related("document")
        }
        assert after == before  # a refusal saves nothing


def test_list_holds_only_what_the_caller_may_see(world, client_for, draft):
    publish(start(world, body=world.committee_b))

    def committees(persona: str) -> list[str]:
        response = client_for(persona).get(f"{API}/cycles/test-2022/feedback-reports")
        assert response.status_code == 200, response.content[:500]
        return [r["committee"]["slug"] for r in response.json()]

    assert committees("finance_officer") == ["hsn", "run"]
    assert committees("secretary_committee_a") == ["hsn", "run"]
    for persona in ("secretary_committee_b", "politician_majority", "outsider_finance"):
        assert committees(persona) == ["run"]
    assert committees("anonymous") == ["run"]
    # Sent is public without a further "publish" (an allmän handling; as on the pages).
    decide(draft)
    documents.change_status(document=draft.document, to="sent", by=SYSTEM, version=None)
    assert committees("anonymous") == ["hsn", "run"]
    assert committees("outsider_finance") == ["hsn", "run"]


def test_list_row_has_status_case_number_and_deadlines(world, client_for, draft):
    sent = start(world, body=world.committee_b)
    decide(sent)
    documents.change_status(document=sent.document, to="sent", by=SYSTEM, version=None)
    # RUN's report got everywhere in time: move its trail back to before the deadline.
    DocumentTransition.objects.filter(document=sent.document).update(
        at=dt.datetime(2021, 4, 1, 10, tzinfo=dt.UTC)
    )
    rows = {
        r["committee"]["slug"]: r
        for r in client_for("finance_officer")
        .get(f"{API}/cycles/test-2022/feedback-reports")
        .json()
    }
    hsn, run = rows["hsn"], rows["run"]
    assert (hsn["status"], hsn["case_number"], hsn["version"]) == ("draft", "HSN/1/2021", 1)
    assert hsn["url"] == f"/feedback/{draft.pk}/"
    assert hsn["cycle"] == "test-2022"
    [deadline] = hsn["deadlines"]
    assert (deadline["step"], deadline["date"], deadline["needs"]) == (
        "aterkoppling",
        "2021-04-16",
        "sent",
    )
    assert (hsn["delivery"], deadline["state"], deadline["reached"]) == ("missing", "missing", None)
    assert (run["status"], run["delivery"]) == ("sent", "on_time")
    assert run["deadlines"][0]["reached"] == "2021-04-01"


def test_a_late_report_is_late(world, client_for, draft):
    decide(draft)
    documents.change_status(document=draft.document, to="sent", by=SYSTEM, version=None)
    [row] = client_for("finance_officer").get(f"{API}/cycles/test-2022/feedback-reports").json()
    assert row["delivery"] == "late"


def test_detail_has_sections_document_and_trail(world, client_for, draft):
    services.save_sections(report=draft, texts={2: "Utveckling"}, by=SYSTEM, version=None)
    client = client_for("secretary_committee_a")
    for to in ("prepared", "treated"):
        documents.change_status(
            document=draft.document,
            to=to,
            by=world.secretary_committee_a.user,
            version=seen(draft.document),
        )
    data = client.get(f"{API}/feedback-reports/{draft.pk}").json()
    assert data["committee"] == {
        "slug": "hsn",
        "name": "Hälso- och sjukvårdsnämnden",
        "short_name": "HSN",
    }
    assert [s["heading"] for s in data["sections"]] == list(DEFAULT_HEADINGS)
    assert [s["order"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]
    assert data["sections"][1]["text"] == "<p>Utveckling</p>"
    document = data["document"]
    assert (document["case_number"], document["status"], document["decision_reference"]) == (
        "HSN/1/2021",
        "treated",
        None,
    )
    assert document["id"] == draft.document.pk
    assert [(t["from_status"], t["to_status"]) for t in data["transitions"]] == [
        ("", "draft"),
        ("draft", "prepared"),
        ("prepared", "treated"),
    ]
    user = world.secretary_committee_a.user
    assert data["transitions"][-1]["by"] == (user.get_full_name() or user.username)
    assert data["transitions"][0]["by"] is None
    assert (data["next_statuses"], data["can_edit"], data["version"]) == (
        ["decided", "draft"],
        True,
        2,
    )


def test_published_report_is_read_only_for_the_public(client_for, published):
    data = client_for("anonymous").get(f"{API}/feedback-reports/{published.pk}").json()
    assert data["can_edit"] is False
    assert data["document"]["decision_reference"] == "RUN 2021-04-08 § 12"
    assert data["sections"][0]["text"] == "<p>Publicerat svar</p>"


def test_start_opens_a_draft_with_the_headings(world, client_for):
    response = send(
        client_for("secretary_committee_b"),
        "post",
        f"{API}/cycles/test-2022/feedback-reports",
        {"committee": "run"},
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["document"]["status"], data["document"]["case_number"]) == ("draft", "RUN/1/2021")
    assert len(data["sections"]) == len(DEFAULT_HEADINGS)
    report = FeedbackReport.objects.get(pk=data["id"])
    assert AuditEntry.objects.filter(
        action="feedback.report.started", object_id=str(report.pk)
    ).exists()


@pytest.mark.parametrize(
    ("committee", "status", "code", "field"),
    [
        ("hsn", 400, "duplicate", None),  # HSN's draft exists already
        ("rsau", 400, "not_a_committee", None),
        ("nowhere", 400, "unknown_body", "committee"),
    ],
)
def test_start_refusals(client_for, draft, committee, status, code, field):
    body = error(
        send(
            client_for("finance_officer"),
            "post",
            f"{API}/cycles/test-2022/feedback-reports",
            {"committee": committee},
        ),
        status,
    )
    assert (body["code"], body["field"]) == (code, field)
    assert FeedbackReport.objects.count() == 1


def test_start_in_an_unknown_cycle_is_not_found(client_for):
    body = error(
        send(
            client_for("finance_officer"),
            "post",
            f"{API}/cycles/nowhere/feedback-reports",
            {"committee": "hsn"},
        ),
        404,
    )
    assert body["code"] == "not_found"


def sections_url(report) -> str:
    return f"{API}/feedback-reports/{report.pk}/sections"


def test_save_returns_the_new_version_and_is_audited(world, client_for, draft):
    response = send(
        client_for("secretary_committee_a"),
        "put",
        sections_url(draft),
        {"version": 1, "sections": [{"order": 3, "text": "Kompetens"}]},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["version"] == 2
    assert data["sections"][2]["text"] == "<p>Kompetens</p>"
    entry = AuditEntry.objects.get(action="feedback.report.edited", object_id=str(draft.pk))
    assert entry.changes == {DEFAULT_HEADINGS[2]: ["", "<p>Kompetens</p>"]}


def test_a_lost_update_is_refused_with_409_and_nothing_saved(client_for, draft):
    first, second = client_for("secretary_committee_a"), english(client_for("finance_officer"))
    payload = {"version": draft.version, "sections": [{"order": 1, "text": "Först"}]}
    assert send(first, "put", sections_url(draft), payload).status_code == 200
    payload["sections"] = [{"order": 1, "text": "Min egen text"}, {"order": 2, "text": "Mer"}]
    body = error(send(second, "put", sections_url(draft), payload), 409)
    assert body["code"] == "stale"
    assert body["message"].startswith("Someone else saved this report while you were writing.")
    draft.refresh_from_db()
    assert draft.version == 2
    assert [s.text for s in draft.sections.all()[:2]] == ["<p>Först</p>", ""]


def test_html_and_scripts_are_sanitised_as_on_the_page(client_for, draft):
    client = client_for("secretary_committee_a")
    sections = [
        {"order": 1, "text": "Första stycket.\n\nAndra <script>x</script>stycket."},
        {
            "order": 2,
            "text": '<p onclick="evil()">Hej <strong>du</strong><script>alert(1)</script>'
            '<a href="javascript:alert(1)">länk</a> <a href="https://example.se">ok</a></p>'
            '<style>p{}</style><img src=x onerror="alert(1)">',
        },
    ]
    data = send(client, "put", sections_url(draft), {"version": 1, "sections": sections}).json()
    assert (
        data["sections"][0]["text"]
        == "<p>Första stycket.</p><p>Andra &lt;script&gt;x&lt;/script&gt;stycket.</p>"
    )
    text = data["sections"][1]["text"]
    assert text == (
        '<p>Hej <strong>du</strong><a rel="noopener noreferrer">länk</a> '
        '<a href="https://example.se" rel="noopener noreferrer">ok</a></p>'
    )
    # The same as the page's form stores for the same input.
    page = client_for("finance_officer")
    assert (
        page.post(
            f"/feedback/{draft.pk}/",
            {"version": 2, "section_2": "", "section_3": sections[1]["text"]},
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.sections.get(order=3).text == text


def test_save_refusals(client_for, draft):
    client = english(client_for("secretary_committee_a"))
    unknown = error(
        send(
            client,
            "put",
            sections_url(draft),
            {"version": 1, "sections": [{"order": 1, "text": "x"}, {"order": 9, "text": "y"}]},
        ),
        400,
    )
    assert (unknown["code"], unknown["field"]) == ("unknown_section", "sections")
    assert unknown["message"] == "The report has no section 9."
    too_long = error(
        send(
            client,
            "put",
            sections_url(draft),
            {"version": 1, "sections": [{"order": 1, "text": "x" * 20001}]},
        ),
        422,
    )
    assert (too_long["code"], too_long["field"]) == ("invalid", "sections.0.text")
    missing = error(send(client, "put", sections_url(draft), {"sections": []}), 422)
    assert missing["field"] == "version"
    draft.refresh_from_db()
    assert draft.version == 1 and draft.sections.get(order=1).text == "<p>Ett första svar</p>"


def test_text_is_frozen_once_treated(client_for, draft):
    for to in ("prepared", "treated"):
        documents.change_status(document=draft.document, to=to, by=SYSTEM, version=None)
    body = error(
        send(
            client_for("secretary_committee_a"),
            "put",
            sections_url(draft),
            {"version": 1, "sections": [{"order": 1, "text": "Sent ändrad"}]},
        ),
        400,
    )
    assert body["code"] == "frozen"


def status_url(report) -> str:
    return f"{API}/feedback-reports/{report.pk}/status"


def test_status_moves_through_the_decision_to_sent(world, client_for, draft):
    client = client_for("secretary_committee_a")
    version = draft.document.version
    for to in ("prepared", "treated"):
        response = send(client, "post", status_url(draft), {"to": to, "version": version})
        assert response.status_code == 200, response.content
        version = response.json()["document"]["version"]
    data = send(
        client,
        "post",
        status_url(draft),
        {
            "to": "decided",
            "version": version,
            "decision_date": "2021-04-08",
            "decision_paragraph": "§12",
        },
    ).json()
    assert (data["document"]["status"], data["document"]["decision_reference"]) == (
        "decided",
        "HSN 2021-04-08 § 12",
    )
    data = send(
        client, "post", status_url(draft), {"to": "sent", "version": data["document"]["version"]}
    ).json()
    assert data["document"]["status"] == "sent"
    assert (
        AuditEntry.objects.filter(
            action="documents.document.status_changed", object_id=str(draft.document.pk)
        ).count()
        == 4
    )


def test_sending_before_the_decision_is_refused_in_the_callers_language(client_for, draft):
    payload = {"to": "sent", "version": draft.document.version}
    swedish = error(
        send(client_for("secretary_committee_a"), "post", status_url(draft), payload), 400
    )
    assert swedish["code"] == "bad_transition"
    assert swedish["message"] == "Ett dokument som är ”Utkast” kan inte bli ”Skickad”."
    english_body = error(
        send(english(client_for("secretary_committee_a")), "post", status_url(draft), payload), 400
    )
    assert english_body["message"] == "A document that is “Draft” cannot become “Sent”."
    draft.document.refresh_from_db()
    assert draft.document.status == "draft"


@pytest.mark.parametrize(
    ("extra", "code", "field"),
    [
        ({"decision_date": "2021-04-08"}, "bad_paragraph", "decision_paragraph"),
        (
            {"decision_date": "2021-04-08", "decision_paragraph": "paragraf"},
            "bad_paragraph",
            "decision_paragraph",
        ),
        ({"decision_paragraph": "12"}, "required", "decision_date"),
    ],
)
def test_deciding_needs_date_and_paragraph(client_for, draft, extra, code, field):
    for to in ("prepared", "treated"):
        documents.change_status(document=draft.document, to=to, by=SYSTEM, version=None)
    draft.document.refresh_from_db()
    payload = {"to": "decided", "version": draft.document.version, **extra}
    body = error(send(client_for("finance_officer"), "post", status_url(draft), payload), 400)
    assert (body["code"], body["field"]) == (code, field)
    draft.document.refresh_from_db()
    assert draft.document.status == "treated"


def test_a_stale_status_move_is_409(client_for, draft):
    payload = {"to": "prepared", "version": draft.document.version - 1}
    body = error(send(client_for("finance_officer"), "post", status_url(draft), payload), 409)
    assert body["code"] == "stale"
    draft.document.refresh_from_db()
    assert draft.document.status == "draft"


def test_changes_need_the_csrf_token(world, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.secretary_committee_a.user)
    payload = {"version": 1, "sections": [{"order": 1, "text": "Med token"}]}
    body = error(send(client, "put", sections_url(draft), payload), 403)
    assert body["code"] == "csrf_failed"
    client.get(f"/feedback/{draft.pk}/")  # the page's form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = send(client, "put", sections_url(draft), payload, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content


def test_dashboard_has_every_committee_against_its_deadlines(world, client_for, draft):
    data = client_for("finance_officer").get(f"{API}/cycles/test-2022/feedback-dashboard").json()
    assert data["cycle"] == "test-2022"
    assert [d["step"] for d in data["deadlines"]] == ["aterkoppling"]
    rows = {r["committee"]["slug"]: r for r in data["rows"]}
    assert set(rows) == {"hsn", "run"}
    assert rows["hsn"]["report"]["case_number"] == "HSN/1/2021"
    assert rows["hsn"]["report"]["status"] == "draft"
    assert rows["run"]["report"] is None
    assert rows["run"]["deadlines"][0]["state"] == "missing"


def test_dashboard_refusal_is_explained(client_for, draft):
    body = error(
        english(client_for("secretary_committee_a")).get(
            f"{API}/cycles/test-2022/feedback-dashboard"
        ),
        403,
    )
    assert body["code"] == "forbidden"
    assert (
        body["message"] == "Only the finance office of the cycle's organisation sees the dashboard."
    )
    assert error(client_for("finance_officer").get(f"{API}/cycles/nowhere/feedback-dashboard"), 404)


def test_compilation_shows_only_what_the_reader_may_see(world, client_for, draft):
    services.save_sections(report=draft, texts={1: "Vårt bidrag"}, by=SYSTEM, version=None)
    other = start(world, body=world.committee_b)
    services.save_sections(report=other, texts={1: "Utvecklingens bidrag"}, by=SYSTEM, version=None)
    publish(other)

    def first_heading(persona: str) -> dict:
        response = client_for(persona).get(f"{API}/cycles/test-2022/feedback-compilation")
        assert response.status_code == 200, response.content[:500]
        data = response.json()
        assert [h["heading"] for h in data["headings"]] == list(DEFAULT_HEADINGS)
        return {a["committee"]["slug"]: a for a in data["headings"][0]["answers"]}

    public = first_heading("anonymous")
    assert set(public) == {"run"}
    assert public["run"]["text"] == "<p>Utvecklingens bidrag</p>"
    assert public["run"]["decision_reference"] == "RUN 2021-04-08 § 12"
    finance = first_heading("finance_officer")
    assert set(finance) == {"hsn", "run"}
    assert (finance["hsn"]["text"], finance["hsn"]["status"]) == ("<p>Vårt bidrag</p>", "draft")
    assert set(first_heading("secretary_committee_b")) == {"run"}


def test_openapi_schema_lists_the_feedback_endpoints(client_for):
    schema = client_for("anonymous").get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/v1/cycles/{slug}/feedback-reports",
        "/api/v1/cycles/{slug}/feedback-dashboard",
        "/api/v1/cycles/{slug}/feedback-compilation",
        "/api/v1/feedback-reports/{pk}",
        "/api/v1/feedback-reports/{pk}/sections",
        "/api/v1/feedback-reports/{pk}/status",
    } <= set(paths)
    assert {"get", "post"} <= set(paths["/api/v1/cycles/{slug}/feedback-reports"])
    assert "put" in paths["/api/v1/feedback-reports/{pk}/sections"]
    assert paths["/api/v1/feedback-reports/{pk}"]["get"]["tags"] == ["feedback"]


def _add_committees(world, count: int, *, public: bool) -> None:
    step = world.cycle.steps.get(key="aterkoppling")
    for _i in range(count):
        n = BodyFactory._meta.model.objects.count()
        body = BodyFactory(
            organisation=world.org, name=f"Nämnd {n}", short_name=f"N{n}", slug=f"n{n}"
        )
        step.participant_bodies.add(body)
        report = start(world, body=body)
        services.save_sections(report=report, texts={1: f"Svar {n}"}, by=SYSTEM, version=None)
        if public:
            publish(report)


@pytest.mark.parametrize(
    ("endpoint", "persona"),
    [
        *[
            (endpoint, persona)
            for endpoint in ("feedback-reports", "feedback-compilation")
            for persona in ("finance_officer", "secretary_committee_a", "anonymous")
        ],
        ("feedback-dashboard", "finance_officer"),
    ],
)
def test_query_counts_do_not_grow_with_the_reports(world, client_for, settings, endpoint, persona):
    settings.PUBLIC_CACHE_SECONDS = 0
    public = persona != "finance_officer"  # the others see the other committees' once published
    client = client_for(persona)
    url = f"{API}/cycles/test-2022/{endpoint}"

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            assert response.status_code == 200, response.content[:500]
        data = response.json()
        if endpoint == "feedback-reports":
            return len(ctx.captured_queries), len(data)
        if endpoint == "feedback-dashboard":
            return len(ctx.captured_queries), len(data["rows"])
        return len(ctx.captured_queries), len(data["headings"][0]["answers"])

    _add_committees(world, 2, public=public)
    client.get(url)
    at_n, rows_n = count()
    _add_committees(world, 18, public=public)
    at_10n, rows_10n = count()
    assert rows_n >= 2 and rows_10n >= 20
    assert at_10n == at_n
