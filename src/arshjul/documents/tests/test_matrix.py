"""The document register's permission matrix: every persona × a document of committee A in each
state (and another organisation's) × list, read, history, download, change, move × page, htmx
partial, API and file. The world and its documents are built once for the module; each cell
runs in its own transaction, rolled back after it.

Who reads (documents.permissions): a draft its writers (committee A's secretary, the finance
office); from prepared on also committee A's members and the chief executive's office; decided,
sent or published the public too, unless secret. Earlier versions (the history) are the
writers'. Another organisation's prepared document is its finance office's only.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import override_settings
from tests.fixtures import build_world
from tests.matrix import (
    HIDDEN,
    PERSONAS,
    SHOWN,
    Row,
    answers,
    api,
    assert_channels_agree,
    cells,
    check,
    get,
    htmx,
    post,
)

from arshjul.accounts.roles import SYSTEM
from arshjul.documents import services
from arshjul.documents.models import Document
from arshjul.organisation.tests.factories import BodyFactory

from .factories import PATH_TO, pdf_upload

STATES = ("draft", "prepared", "decided", "sent", "published", "secret", "other")
SECRECY = "OSL 19 kap. 1 §"
NEXT = {
    "draft": "prepared",
    "prepared": "treated",
    "decided": "sent",
    "sent": "published",
    "published": "published",  # nothing follows: refused
    "secret": "published",
    "other": "treated",
}

# Who reads each state, who writes it (reads its history), who may change it.
ORG_WRITERS = {"finance_officer", "secretary_committee_a"}
PREPARED_READERS = ORG_WRITERS | {"executive_staff", "member_majority_a", "member_opposition_a"}
READERS = {
    "draft": ORG_WRITERS,
    "prepared": PREPARED_READERS,
    "decided": set(PERSONAS),
    "sent": set(PERSONAS),
    "published": set(PERSONAS),
    "secret": PREPARED_READERS,
    "other": {"outsider_finance"},
}
WRITERS = {state: ORG_WRITERS for state in STATES} | {"other": {"outsider_finance"}}


def _document(world, state: str) -> Document:
    body = world.committee_a
    if state == "other":
        body = BodyFactory(organisation=world.other_org, name="Grannämnden", short_name="GN")
    path = PATH_TO["sent" if state == "secret" else "prepared" if state == "other" else state]
    document = services.register_document(
        owner_body=body,
        document_type=world.docs["tjansteskrivelse"],
        title=f"Dokument {state} marker",
        by=SYSTEM,
        year=2021,
    )
    for name in ("utkast.pdf", "slutlig.pdf"):
        document = Document.objects.get(pk=document.pk)
        services.add_version(
            document=document, upload=pdf_upload(name), by=SYSTEM, version=document.version
        )
    for to in path:
        document = Document.objects.get(pk=document.pk)
        extra = {}
        if to == "decided":
            extra = {"decision_date": dt.date(2021, 4, 1), "decision_paragraph": "86"}
        services.change_status(
            document=document, to=to, by=SYSTEM, version=document.version, **extra
        )
    document = Document.objects.get(pk=document.pk)
    if state == "secret":
        document = services.set_access(
            document=document,
            secret=True,
            secrecy_paragraph=SECRECY,
            co_authors=[],
            by=SYSTEM,
            version=document.version,
        )
    return Document.objects.get(pk=document.pk)


@pytest.fixture(scope="module")
def subjects(django_db_setup, django_db_blocker, tmp_path_factory):
    """The shared world and one document per state, built once; rolled back at the end."""
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = build_world()
        docs = {state: _document(world, state) for state in STATES}
        yield SimpleNamespace(world=world, docs=docs)
        transaction.set_rollback(True)


@pytest.fixture
def world(subjects, db):
    """The module's world stands in for the shared fixture, so that `client_for` signs in its
    personas."""
    return subjects.world


@pytest.fixture(autouse=True)
def _media_root():
    """The module's files stay where the module put them (the app's conftest moves them)."""


def _title(state):
    return lambda s: s.docs[state].title


def _page(state):
    return lambda s: f"/documents/{s.docs[state].pk}/"


def _rows_for(state: str) -> list[Row]:
    readers, writers = READERS[state], WRITERS[state]
    reads = {p: (SHOWN if p in readers else HIDDEN) for p in PERSONAS}
    status = {p: (200 if p in readers else 404) for p in PERSONAS}
    history = {p: (SHOWN if p in writers else HIDDEN if p in readers else 404) for p in PERSONAS}
    earlier = {p: (200 if p in writers else 404) for p in PERSONAS}
    # A change: the editors (the writers) succeed; a reader is refused (403); a non-reader gets
    # 404; the API answers 401 to the anonymous.
    refused = {p: (403 if p in readers else 404) for p in PERSONAS}
    done_page = 400 if state == "published" else 302
    done_api = 400 if state == "published" else 200
    change_page = refused | {p: 302 for p in writers}
    change_api = refused | {p: 200 for p in writers} | {"anonymous": 401}
    move_page = refused | {p: done_page for p in writers}
    move_api = refused | {p: done_api for p in writers} | {"anonymous": 401}
    v1 = lambda s: f"/documents/{s.docs[state].pk}/versions/1/download/"  # noqa: E731
    access = lambda s: {  # noqa: E731
        "version": s.docs[state].version,
        "secrecy_paragraph": SECRECY if state == "secret" else "",
        **({"secret": "on"} if state == "secret" else {}),
    }
    access_json = lambda s: {  # noqa: E731
        "version": s.docs[state].version,
        "secret": state == "secret",
        "secrecy_paragraph": SECRECY if state == "secret" else "",
        "co_authors": [],
    }
    return [
        Row("document", state, "list", "page", lambda s: get("/documents/"), reads, _title(state)),
        Row(
            "document",
            state,
            "list",
            "partial",
            lambda s: htmx("/documents/"),
            reads,
            _title(state),
        ),
        Row(
            "document",
            state,
            "list",
            "api",
            lambda s: get("/api/v1/documents?limit=100"),
            reads,
            _title(state),
        ),
        Row(
            "document", state, "read", "page", lambda s: get(_page(state)(s)), status, _title(state)
        ),
        Row(
            "document",
            state,
            "read",
            "api",
            lambda s: get(f"/api/v1/documents/{s.docs[state].pk}"),
            status,
            _title(state),
        ),
        Row("document", state, "history", "page", lambda s: get(_page(state)(s)), history, v1),
        Row(
            "document",
            state,
            "history",
            "api",
            lambda s: get(f"/api/v1/documents/{s.docs[state].pk}"),
            history,
            v1,
        ),
        Row("document", state, "history", "pdf", lambda s: get(v1(s)), earlier),
        Row(
            "document",
            state,
            "download",
            "pdf",
            lambda s: get(f"/documents/{s.docs[state].pk}/versions/2/download/"),
            status,
        ),
        Row(
            "document",
            state,
            "change",
            "page",
            lambda s: post(f"{_page(state)(s)}access/", access(s)),
            change_page,
        ),
        Row(
            "document",
            state,
            "change",
            "api",
            lambda s: api("PUT", f"/api/v1/documents/{s.docs[state].pk}/access", access_json(s)),
            change_api,
        ),
        Row(
            "document",
            state,
            "move",
            "page",
            lambda s: post(
                f"{_page(state)(s)}status/", {"to": NEXT[state], "version": s.docs[state].version}
            ),
            move_page,
        ),
        Row(
            "document",
            state,
            "move",
            "api",
            lambda s: api(
                "POST",
                f"/api/v1/documents/{s.docs[state].pk}/status",
                {"to": NEXT[state], "version": s.docs[state].version},
            ),
            move_api,
        ),
    ]


ROWS = [row for state in STATES for row in _rows_for(state)] + [
    # The public register keeps a secret document's entry (its case number), title withheld.
    Row(
        "register entry",
        "secret",
        "list",
        "page",
        lambda s: get("/documents/"),
        answers(SHOWN),
        lambda s: s.docs["secret"].case_number,
    ),
]

READS = ("list", "read", "history", "download")


def check_write(cell, client, subjects) -> None:
    """`check`, where a 302 that is not the anonymous's is a change done: redirected to the
    document's page, not to the sign-in page."""
    if cell.expected != 302 or cell.persona == "anonymous":
        return check(cell, client, subjects)
    req = cell.row.request(subjects)
    response = client.post(req.path, req.data)
    assert response.status_code == 302, f"{cell}: got {response.status_code}"
    assert response["Location"].startswith("/documents/"), f"{cell}: {response['Location']}"


@pytest.mark.parametrize("cell", cells(ROWS))
def test_cell(cell, client_for, subjects):
    check_write(cell, client_for(cell.persona), subjects)


def test_page_and_api_agree():
    """Reads agree cell by cell. Writes agree once a success is read as one (the page
    redirects, the API answers the object) and apart from the anonymous (the API wants a
    session: 401, the page says 404 or 403 as for a reader)."""
    assert_channels_agree([r for r in ROWS if r.action in READS])
    writes = {}
    for row in ROWS:
        if row.action not in READS and row.channel in ("page", "api"):
            writes.setdefault((row.obj, row.state, row.action), {})[row.channel] = row.answers
    for key, channels in writes.items():
        for persona in PERSONAS:
            if persona == "anonymous":
                continue
            page = {302: 200}.get(channels["page"][persona], channels["page"][persona])
            assert page == channels["api"][persona], (key, persona)
