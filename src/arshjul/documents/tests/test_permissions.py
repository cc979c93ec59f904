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


def test_an_invitee_reads_the_documents_on_the_meetings_agenda_from_prepared_on(
    world, personas, documents
):
    """The board's chair, invited to a meeting of committee B, reads its input document once it
    is prepared, not while it is a draft; not the committee's other documents, and no one else
    gains anything (one subquery)."""
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

    def titles(user):
        return set(
            documents_visible_to(user, Document.objects.all()).values_list("title", flat=True)
        )

    assert titles(chair) == {"Publicerad RUN"}
    services.change_status(document=documents["draft_b"], to="prepared", by=SYSTEM, version=None)
    assert titles(chair) == {"Utkast RUN", "Publicerad RUN"}
    assert "Utkast RUN" not in titles(personas["secretary_committee_a"])


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
    # A draft of the board: those who write it; its members only from prepared on.
    *row("GET", "{draft_rs}", finance_officer=200, rest=404),
    *row("POST", "{draft_rs}status/", finance_officer=302, rest=404),
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


# --- One rule: the fan-out's readers are the register's readers; secrecy and co-authors -------


@pytest.fixture
def in_every_state(world):
    from .factories import make_document

    made = {
        state: make_document(world, title=f"Tillstånd {state}", status=state, with_file=False)
        for state in ("draft", "prepared", "treated", "decided", "sent", "published")
    }
    made["board_draft"] = make_document(world, body=world.rs, title="Styrelsens utkast")
    secret = make_document(world, title="Hemlig", status="sent", with_file=False)
    made["secret"] = services.set_access(
        document=secret,
        secret=True,
        secrecy_paragraph="OSL 19 kap. 1 §",
        co_authors=[],
        by=SYSTEM,
        version=secret.version,
    )
    return made


def test_notifications_readers_are_the_registers_readers(world, personas, in_every_state):
    """notifications.readers_of is the documents rule turned around: for every persona and
    every state it says who may read exactly as documents_visible_to does."""
    from arshjul.notifications.permissions import readers_of
    from arshjul.organisation.models import Person

    from ..permissions import can_view_document

    people = Person.objects.filter(user__isnull=False)
    for name, document in in_every_state.items():
        document = Document.objects.select_related("owner_body").get(pk=document.pk)
        told = set(readers_of(document, people).values_list("user__username", flat=True))
        for persona, user in personas.items():
            if persona in ("anonymous", "no_person"):
                continue
            assert (persona in told) == can_view_document(user, document), (name, persona)


def test_a_secret_document_is_never_public_but_its_register_entry_stays(
    world, client_for, in_every_state
):
    secret = in_every_state["secret"]
    anonymous = client_for("anonymous")
    assert anonymous.get(f"/documents/{secret.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/documents/{secret.pk}").status_code == 404
    register = anonymous.get("/documents/").content.decode()
    assert secret.case_number in register and "Hemlig" not in register
    assert "OSL 19 kap. 1 §" in register
    listed = anonymous.get("/api/v1/documents?limit=100").json()["items"]
    entry = next(d for d in listed if d["case_number"] == secret.case_number)
    assert entry["readable"] is False and "Hemlig" not in entry["title"]
    assert entry["versions"] == []
    page = client_for("member_majority_a").get(f"/documents/{secret.pk}/").content.decode()
    assert "Sekretess enligt OSL 19 kap. 1 §" in page


def test_decided_and_sent_are_public_without_a_publish_step(client_for, in_every_state):
    anonymous = client_for("anonymous")
    for state, status in (("treated", 404), ("decided", 200), ("sent", 200)):
        assert anonymous.get(f"/documents/{in_every_state[state].pk}/").status_code == status


def test_secrecy_needs_its_paragraph_and_only_then(world, in_every_state):
    from arshjul.core.errors import DomainError

    document = in_every_state["draft"]
    for secret, paragraph, code in (
        (True, " ", "required"),
        (False, "OSL 19 kap. 1 §", "not_secret"),
    ):
        with pytest.raises(DomainError) as exc:
            services.set_access(
                document=document,
                secret=secret,
                secrecy_paragraph=paragraph,
                co_authors=[],
                by=world.secretary_committee_a.user,
                version=document.version,
            )
        assert exc.value.domain_code == code


def test_a_reader_may_not_mark_it_secret(world, in_every_state):
    from arshjul.core.errors import DomainError

    document = in_every_state["prepared"]
    with pytest.raises(DomainError) as exc:
        services.set_access(
            document=document,
            secret=True,
            secrecy_paragraph="OSL 19 kap. 1 §",
            co_authors=[],
            by=world.member_majority_a.user,
            version=document.version,
        )
    assert exc.value.domain_code == "forbidden"


def test_a_named_co_author_reads_the_draft_and_its_history(world, client_for, in_every_state):
    from arshjul.core.audit import history_for

    draft = in_every_state["draft"]
    client = client_for("member_opposition_a")
    assert client.get(f"/documents/{draft.pk}/").status_code == 404
    response = client_for("secretary_committee_a").post(
        f"/documents/{draft.pk}/access/",
        {"version": draft.version, "co_authors": [world.member_opposition_a.pk]},
    )
    assert response.status_code == 302
    page = client.get(f"/documents/{draft.pk}/").content.decode()
    assert 'id="history-heading"' in page and "Member_Opposition_A" in page
    entry = history_for(draft).get(action="documents.document.access_changed")
    assert entry.by == world.secretary_committee_a.user
    assert entry.changes["co_authors"][0] == ""
    # A co-author reads; she does not move it or name others.
    assert client.post(f"/documents/{draft.pk}/status/", {"to": "prepared"}).status_code == 403


def test_members_get_the_latest_version_only(world, client_for):
    """The earlier versions are the draft's history: its writers'."""
    from .factories import make_document, pdf_upload

    document = make_document(world, title="Två versioner")
    services.add_version(document=document, upload=pdf_upload("v2.pdf"), by=SYSTEM, version=None)
    document = Document.objects.get(pk=document.pk)
    services.change_status(document=document, to="prepared", by=SYSTEM, version=document.version)
    member = client_for("member_majority_a")
    assert member.get(f"/documents/{document.pk}/versions/2/download/").status_code == 200
    assert member.get(f"/documents/{document.pk}/versions/1/download/").status_code == 404
    versions = member.get(f"/api/v1/documents/{document.pk}").json()["versions"]
    assert [v["number"] for v in versions] == [2]
    writer = client_for("secretary_committee_a")
    assert writer.get(f"/documents/{document.pk}/versions/1/download/").status_code == 200
