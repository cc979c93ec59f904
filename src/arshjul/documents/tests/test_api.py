"""The register's JSON API under /api/v1/documents: lists and details under the same rules as
the pages, the shared filters, registering and moving a status with the session and its CSRF
token, and every refusal in the one error shape."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from arshjul.core.models import AuditEntry
from arshjul.documents.models import Document

from .factories import make_document

LIST = "/api/v1/documents"


def post_json(client, url: str, data: dict, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) == {"code", "message", "field"}
    return body


@pytest.fixture
def documents(world):
    return {
        "published": make_document(world, title="Publicerad HSN", status="published"),
        "draft": make_document(world, title="Utkast HSN"),
        "run": make_document(
            world, body=world.committee_b, title="Protokoll RUN", type_code="protokoll"
        ),
    }


def titles(client, query: str = "") -> set[str]:
    response = client.get(LIST + query)
    assert response.status_code == 200, response.content[:500]
    return {d["title"] for d in response.json()["items"]}


def test_list_holds_only_what_the_caller_may_see(client_for, documents):
    assert titles(client_for("anonymous")) == {"Publicerad HSN"}
    assert titles(client_for("outsider_finance")) == {"Publicerad HSN"}
    assert titles(client_for("secretary_committee_a")) == {"Publicerad HSN", "Utkast HSN"}
    assert titles(client_for("finance_officer")) == {
        "Publicerad HSN",
        "Utkast HSN",
        "Protokoll RUN",
    }


def test_list_takes_the_pages_filters(client_for, documents):
    client = client_for("finance_officer")
    assert titles(client, "?type=protokoll") == {"Protokoll RUN"}
    assert titles(client, "?body=hsn&status=draft") == {"Utkast HSN"}
    assert titles(client, "?year=2020") == set()
    assert titles(client, "?body=nowhere") == set()


def test_a_bad_filter_is_refused_in_the_one_shape(client_for, documents):
    body = error(client_for("anonymous").get(LIST + "?type=nonsense"), 400)
    assert (body["code"], body["field"]) == ("invalid_filter", "type")


def test_list_is_paged(client_for, documents):
    data = client_for("finance_officer").get(LIST + "?limit=2").json()
    assert data["count"] == 3 and len(data["items"]) == 2


def test_detail_has_decision_versions_and_history(client_for, documents):
    published = documents["published"]
    data = client_for("anonymous").get(f"{LIST}/{published.pk}").json()
    assert data["case_number"] == published.case_number
    assert (data["type"], data["owner_body"], data["organisation"]) == (
        "aterkopplingsrapport",
        "hsn",
        "test",
    )
    assert data["status"] == "published"
    assert data["decision_reference"] == "HSN 2021-04-01 § 86"
    assert data["decision_paragraph"] == "§ 86"
    [version] = data["versions"]
    assert (version["number"], version["file_name"], version["kind"]) == (1, "rapport.pdf", "pdf")
    assert version["download_url"] == f"/documents/{published.pk}/versions/1/download/"
    assert [t["to_status"] for t in data["transitions"]] == [
        "draft",
        "prepared",
        "treated",
        "decided",
        "published",
    ]


def test_a_draft_is_not_found_for_the_public(client_for, documents):
    body = error(client_for("anonymous").get(f"{LIST}/{documents['draft'].pk}"), 404)
    assert body["code"] == "not_found"


def test_register_gives_the_next_case_number(world, client_for):
    response = post_json(
        client_for("secretary_committee_a"),
        LIST,
        {
            "owner_body": "hsn",
            "type": "aterkopplingsrapport",
            "title": "Rapport",
            "cycle": "test-2022",
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["case_number"], data["status"]) == (f"HSN/1/{data['created'][:4]}", "draft")
    document = Document.objects.get(case_number=data["case_number"])
    assert document.cycle == world.cycle
    assert AuditEntry.objects.filter(
        action="documents.document.registered", object_id=str(document.pk)
    ).exists()


@pytest.mark.parametrize(
    ("payload", "status", "code", "field"),
    [
        ({"owner_body": "run", "type": "protokoll", "title": "X"}, 403, "forbidden", None),
        (
            {"owner_body": "nowhere", "type": "protokoll", "title": "X"},
            400,
            "unknown_body",
            "owner_body",
        ),
        ({"owner_body": "hsn", "type": "nonsense", "title": "X"}, 400, "unknown_type", "type"),
        ({"owner_body": "hsn", "type": "protokoll", "title": "  "}, 400, "required", "title"),
        (
            {"owner_body": "hsn", "type": "protokoll", "title": "X", "cycle": "x"},
            400,
            "unknown_cycle",
            "cycle",
        ),
        ({"owner_body": "hsn", "type": "protokoll"}, 422, "invalid", "title"),
    ],
)
def test_register_refusals(world, client_for, payload, status, code, field):
    body = error(post_json(client_for("secretary_committee_a"), LIST, payload), status)
    assert (body["code"], body["field"]) == (code, field)
    assert not Document.objects.exists()


def test_status_moves_through_the_decision(world, client_for, documents):
    client = client_for("secretary_committee_a")
    draft = documents["draft"]
    url = f"{LIST}/{draft.pk}/status"
    version = draft.version
    for to in ("prepared", "treated"):
        response = post_json(client, url, {"to": to, "version": version})
        assert response.status_code == 200, response.content
        version = response.json()["version"]
    data = post_json(
        client,
        url,
        {
            "to": "decided",
            "version": version,
            "decision_date": "2021-03-25",
            "decision_paragraph": "42",
        },
    ).json()
    assert (data["status"], data["decision_reference"]) == ("decided", "HSN 2021-03-25 § 42")
    user = world.secretary_committee_a.user
    assert data["transitions"][-1]["by"] == (user.get_full_name() or user.username)


def test_status_refusals(world, client_for, documents):
    client = client_for("secretary_committee_a")
    draft = documents["draft"]
    url = f"{LIST}/{draft.pk}/status"
    stale = error(post_json(client, url, {"to": "prepared", "version": draft.version - 1}), 409)
    assert stale["code"] == "stale"
    skip = error(post_json(client, url, {"to": "sent", "version": draft.version}), 400)
    assert skip["code"] == "bad_transition"
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_deciding_without_a_paragraph_is_refused(world, client_for):
    treated = make_document(world, status="treated")
    body = error(
        post_json(
            client_for("finance_officer"),
            f"{LIST}/{treated.pk}/status",
            {"to": "decided", "version": treated.version, "decision_date": "2021-03-25"},
        ),
        400,
    )
    assert (body["code"], body["field"]) == ("bad_paragraph", "decision_paragraph")


def test_changes_without_a_session_are_refused(world, documents):
    body = error(
        post_json(Client(), LIST, {"owner_body": "hsn", "type": "protokoll", "title": "X"}), 401
    )
    assert body["code"] == "unauthenticated"


def test_changes_need_the_csrf_token(world, documents):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.secretary_committee_a.user)
    payload = {"owner_body": "hsn", "type": "protokoll", "title": "Med token"}
    body = error(post_json(client, LIST, payload), 403)
    assert body["code"] == "csrf_failed"
    client.get("/documents/new/")  # the page's form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = post_json(client, LIST, payload, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content


def test_openapi_schema_describes_the_register(client_for):
    schema = client_for("anonymous").get("/api/v1/openapi.json").json()
    assert {"/api/v1/documents", "/api/v1/documents/{pk}", "/api/v1/documents/{pk}/status"} <= set(
        schema["paths"]
    )
    assert "post" in schema["paths"]["/api/v1/documents"]
