"""Who sees which documents (drafts are never public), and the permission matrix of the
register's pages, files and API."""

import json

import pytest

from arshjul.accounts.roles import SYSTEM
from arshjul.documents import services
from arshjul.documents.models import Document
from arshjul.documents.permissions import documents_visible_to


@pytest.fixture
def documents(world):
    def make(body, title):
        return services.register_document(
            owner_body=body,
            document_type=world.docs["aterkopplingsrapport"],
            title=title,
            by=SYSTEM,
            year=2021,
        )

    draft_a = make(world.committee_a, "Utkast HSN")
    draft_b = make(world.committee_b, "Utkast RUN")
    published = make(world.committee_b, "Publicerad RUN")
    Document.objects.filter(pk=published.pk).update(
        status="published", decision_date="2021-04-01", decision_paragraph="§ 1"
    )
    return {"draft_a": draft_a, "draft_b": draft_b, "published": published}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", {"published"}),
        ("finance_officer", {"draft_a", "draft_b", "published"}),
        ("secretary_committee_a", {"draft_a", "published"}),
        ("secretary_committee_b", {"draft_b", "published"}),
        ("politician_majority", {"published"}),  # sits on the board, not on the committees
        ("outsider_finance", {"published"}),
    ],
)
def test_documents_visible_to(personas, documents, persona, expected):
    visible = set(
        documents_visible_to(personas[persona], Document.objects.all()).values_list(
            "title", flat=True
        )
    )
    names = {key for key, doc in documents.items() if doc.title in visible}
    assert names == expected


def test_an_invitee_reads_the_documents_on_the_meetings_agenda(world, personas, documents):
    """The board's chair, invited to a meeting of committee B, reads its draft input document;
    not the committee's other drafts, and no one else gains anything (one subquery)."""
    from arshjul.meetings.models import AgendaItem, Invitee, Meeting

    meeting = Meeting.objects.create(
        organisation=world.org,
        body=world.committee_b,
        title="Dialog",
        start="2027-04-20T09:00Z",
        end="2027-04-20T11:00Z",
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Utkastet")
    item.documents.add(documents["draft_b"])
    chair = personas["politician_majority"]
    Invitee.objects.create(meeting=meeting, person=chair.person, source="hand")
    visible = set(
        documents_visible_to(chair, Document.objects.all()).values_list("title", flat=True)
    )
    assert visible == {"Utkast RUN", "Publicerad RUN"}
    other = personas["secretary_committee_a"]
    assert "Utkast RUN" not in set(
        documents_visible_to(other, Document.objects.all()).values_list("title", flat=True)
    )


# --- the permission matrix: persona × URL × method → status --------------------------------

PERSONAS = [
    "anonymous",
    "finance_officer",
    "secretary_committee_a",
    "secretary_committee_b",
    "politician_majority",
    "outsider_finance",
]


def row(method, url, **statuses):
    """One URL and method, with the status each persona gets (`rest` for those not named)."""
    rest = statuses.pop("rest", None)
    return [(p, method, url, statuses.get(p, rest)) for p in PERSONAS]


MATRIX = [
    # The register is for anyone; registering for those who serve a body of their organisation.
    *row("GET", "/documents/", rest=200),
    *row(
        "GET",
        "/documents/new/",
        anonymous=302,  # to the login page
        finance_officer=200,
        secretary_committee_a=200,
        secretary_committee_b=200,
        rest=403,  # the politician serves no body; the outsider's organisation has none
    ),
    *row(
        "POST",
        "/documents/new/",
        anonymous=302,
        finance_officer=302,
        secretary_committee_a=302,
        secretary_committee_b=400,  # HSN is not among the bodies offered to her
        rest=403,
    ),
    # A draft: its body and the finance office; hidden (404) from everyone else.
    *row("GET", "{draft_a}", finance_officer=200, secretary_committee_a=200, rest=404),
    *row("POST", "{draft_a}status/", finance_officer=302, secretary_committee_a=302, rest=404),
    *row("POST", "{draft_a}versions/", finance_officer=302, secretary_committee_a=302, rest=404),
    *row(
        "GET",
        "{draft_a}versions/1/download/",
        finance_officer=200,
        secretary_committee_a=200,
        rest=404,
    ),
    # A draft of the board: its members see it but may not change it.
    *row("GET", "{draft_rs}", finance_officer=200, politician_majority=200, rest=404),
    *row("POST", "{draft_rs}status/", finance_officer=302, politician_majority=403, rest=404),
    # A published document: everyone sees it and its files; only its body's editors change it.
    *row("GET", "{published_a}", rest=200),
    *row(
        "POST",
        "{published_a}status/",
        finance_officer=400,  # nothing follows "published"
        secretary_committee_a=400,
        rest=403,
    ),
    *row(
        "POST",
        "{published_a}versions/",
        finance_officer=400,  # a decided document takes no new file
        secretary_committee_a=400,
        rest=403,
    ),
    *row("GET", "{published_a}versions/1/download/", rest=200),
    *row("GET", "{published_a}versions/9/download/", rest=404),
    # The API: the same rules; changes need a session (401 without one).
    *row("GET", "/api/v1/documents", rest=200),
    *row("GET", "/api/v1{draft_a}", finance_officer=200, secretary_committee_a=200, rest=404),
    *row("GET", "/api/v1{published_a}", rest=200),
    *row(
        "POST",
        "/api/v1/documents",
        anonymous=401,
        finance_officer=201,
        secretary_committee_a=201,
        outsider_finance=400,  # no body "hsn" in her organisation
        rest=403,
    ),
    *row(
        "POST",
        "/api/v1{draft_a}status",
        anonymous=401,
        finance_officer=200,
        secretary_committee_a=200,
        rest=404,
    ),
    *row(
        "POST",
        "/api/v1{published_a}status",
        anonymous=401,
        finance_officer=400,
        secretary_committee_a=400,
        rest=403,
    ),
]


@pytest.fixture
def matrix_documents(world):
    from .factories import make_document

    return {
        "draft_a": make_document(world, title="Utkast HSN"),
        "draft_rs": make_document(world, body=world.rs, title="Utkast RS"),
        "published_a": make_document(world, title="Publicerad HSN", status="published"),
    }


def _payload(world, url: str, document) -> tuple[dict, str | None]:
    """What a POST to this URL sends: (data, content type: None for a form)."""
    from .factories import pdf_upload

    if url.startswith("/api/v1"):
        if url.endswith("/status"):
            return {"to": "prepared", "version": document.version}, "application/json"
        return {"owner_body": "hsn", "type": "aterkopplingsrapport", "title": "Ny"}, (
            "application/json"
        )
    if url.endswith("status/"):
        return {"to": "prepared", "version": document.version}, None
    if url.endswith("versions/"):
        return {"version": document.version, "file": pdf_upload()}, None
    return {
        "owner_body": world.committee_a.pk,
        "document_type": world.docs["aterkopplingsrapport"].pk,
        "title": "Ny rapport",
    }, None


@pytest.mark.parametrize(("persona", "method", "url", "expected"), MATRIX)
def test_permission_matrix(world, client_for, matrix_documents, persona, method, url, expected):

    document = None
    for key, doc in matrix_documents.items():
        if "{" + key + "}" in url:
            document = doc
            url = url.replace("{" + key + "}", f"/documents/{doc.pk}/")
    if url.startswith("/api/v1"):
        url = url.rstrip("/")  # the API's paths have no trailing slash
    client = client_for(persona)
    if method == "GET":
        response = client.get(url)
    else:
        data, content_type = _payload(world, url, document)
        if content_type:
            response = client.post(url, json.dumps(data), content_type=content_type)
        else:
            response = client.post(url, data)
    assert response.status_code == expected, (persona, method, url, response.content[:300])
    if url.startswith("/api/v1") and response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "field"}
