"""The agenda API: who may read and change what (one table), decisions refused before the
meeting is held, minutes written into the register, tasks with their due date, a stale version
answered with 409, and query counts that do not grow with the items."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul.accounts.roles import SYSTEM
from arshjul.documents import services as documents
from arshjul.documents.models import DocumentType
from arshjul.meetings import agenda, services
from arshjul.meetings.models import Meeting, Task

API = "/api/v1"


def send(client, method: str, url: str, data: dict | None = None):
    if method == "get":
        return client.get(url)
    if method == "delete":
        return client.delete(url)
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def held(meeting: Meeting) -> Meeting:
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        start=start, end=start + dt.timedelta(hours=2), status="held"
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def meeting(world, mw):
    return held(services.create_for_step(step=mw.styrdialog, by=SYSTEM))


def client_as(world, mw, who: str) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    if who == "finance_officer":
        client.force_login(world.finance_officer.user)
    elif who != "anonymous":
        client.force_login(getattr(mw, who).user)
    return client


# (who, method, path, payload, status)
MATRIX = [
    ("secretary", "get", "agenda", None, 200),
    ("hsn_chair", "get", "agenda", None, 200),  # invited
    ("hsn_member", "get", "agenda", None, 404),
    ("anonymous", "get", "agenda", None, 404),
    ("secretary", "post", "agenda", {"title": "Ny punkt"}, 201),
    ("finance_officer", "post", "agenda", {"title": "Ny punkt"}, 201),
    ("hsn_chair", "post", "agenda", {"title": "Ny punkt"}, 403),
    ("hsn_member", "post", "agenda", {"title": "Ny punkt"}, 404),
    ("anonymous", "post", "agenda", {"title": "Ny punkt"}, 401),
    ("secretary", "put", "decision", {"outcome": "given"}, 200),
    ("hsn_chair", "put", "decision", {"outcome": "given"}, 403),
    ("anonymous", "put", "decision", {"outcome": "given"}, 401),
    ("secretary", "put", "minutes", {"text": "Protokoll", "document_type": "protokoll"}, 200),
    ("hsn_chair", "put", "minutes", {"text": "Protokoll", "document_type": "protokoll"}, 403),
    ("secretary", "get", "tasks", None, 200),
    ("hsn_chair", "get", "tasks", None, 200),
    ("hsn_member", "get", "tasks", None, 404),
    ("secretary", "post", "tasks", {"title": "Följ upp", "owner": "hsn_chair"}, 201),
    ("hsn_chair", "post", "tasks", {"title": "Följ upp", "owner": "hsn_chair"}, 403),
    ("anonymous", "post", "tasks", {"title": "Följ upp", "owner": "hsn_chair"}, 401),
]


@pytest.mark.parametrize(("who", "method", "what", "payload", "status"), MATRIX)
def test_permission_matrix(world, mw, meeting, who, method, what, payload, status):
    item = meeting.items.get()
    path = {
        "agenda": f"{API}/meetings/{meeting.pk}/agenda",
        "decision": f"{API}/meetings/{meeting.pk}/agenda/{item.pk}/decision",
        "minutes": f"{API}/meetings/{meeting.pk}/minutes",
        "tasks": f"{API}/meetings/{meeting.pk}/tasks",
    }[what]
    data = dict(payload or {}, version=meeting.version)
    if data.get("owner") == "hsn_chair":
        data |= {"owner": mw.hsn_chair.pk, "due": timezone.localdate().isoformat()}
    client = client_as(world, mw, who)
    client.handler.enforce_csrf_checks = False
    response = send(client, method, path, data if method != "get" else None)
    assert response.status_code == status, response.content[:300]
    if status >= 400 and method != "get":
        meeting.refresh_from_db()
        assert meeting.items.count() == 1 and not Task.objects.exists()
        assert meeting.minutes_id is None


def test_decision_before_held_is_refused_with_its_code(world, mw):
    meeting = services.create_for_step(step=mw.styrdialog, by=SYSTEM)
    client = client_as(world, mw, "secretary")
    response = send(
        client,
        "put",
        f"{API}/meetings/{meeting.pk}/agenda/{meeting.items.get().pk}/decision",
        {"outcome": "given", "version": meeting.version},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "not_held" and "not yet held" in body["message"]


def test_agenda_round_trip_and_stale_version(world, mw, meeting):
    client = client_as(world, mw, "secretary")
    url = f"{API}/meetings/{meeting.pk}/agenda"
    doc = documents.register_document(
        owner_body=world.rsau,
        document_type=DocumentType.objects.get(code="tjansteskrivelse"),
        title="Underlag",
        by=SYSTEM,
    )
    body = send(
        client, "post", url, {"title": "Extra", "documents": [doc.pk], "version": meeting.version}
    ).json()
    added = body["items"][-1]
    assert added["on_invitation"] is False and added["documents"][0]["case_number"]
    response = send(
        client,
        "put",
        f"{url}/{added['id']}/state",
        {"state": "postponed", "version": meeting.version},
    )
    assert response.status_code == 409 and response.json()["code"] == "stale"
    body = send(
        client,
        "put",
        f"{url}/{added['id']}/state",
        {"state": "postponed", "version": body["version"]},
    ).json()
    assert body["items"][-1]["state"] == "postponed"
    body = send(
        client,
        "put",
        f"{API}/meetings/{meeting.pk}/minutes",
        {"text": "<p>Fört</p>", "document_type": "minnesanteckningar", "version": body["version"]},
    ).json()
    assert body["minutes"]["text"] == "<p>Fört</p>"
    meeting.refresh_from_db()
    assert meeting.minutes.document_type.code == "minnesanteckningar"


def test_task_due_before_the_meeting_is_refused(world, mw, meeting):
    client = client_as(world, mw, "secretary")
    response = send(
        client,
        "post",
        f"{API}/meetings/{meeting.pk}/tasks",
        {
            "title": "X",
            "owner": mw.hsn_chair.pk,
            "due": "2020-01-01",
            "version": meeting.version,
        },
    )
    assert response.status_code == 400 and response.json()["code"] == "due_before_meeting"
    assert response.json()["field"] == "due"
    assert not Task.objects.exists()


def test_the_owner_marks_her_task_done(world, mw, meeting):
    task = agenda.add_task(
        meeting=meeting,
        title="X",
        owner=mw.hsn_chair,
        due=timezone.localdate(),
        by=SYSTEM,
        version=None,
    )
    meeting.refresh_from_db()
    client = client_as(world, mw, "hsn_chair")
    response = send(
        client,
        "put",
        f"{API}/meetings/{meeting.pk}/tasks/{task.pk}",
        {"done": True, "version": meeting.version},
    )
    assert (
        response.status_code == 200 and response.json()["done"] == timezone.localdate().isoformat()
    )


def test_agenda_queries_do_not_grow_with_items(world, mw, meeting):
    client = client_as(world, mw, "secretary")
    url = f"{API}/meetings/{meeting.pk}/agenda"
    doc_type = DocumentType.objects.get(code="tjansteskrivelse")

    def grow(n):
        for i in range(n):
            item = agenda.add_item(meeting=meeting, title=f"P{i}", by=SYSTEM, version=None)
            item.documents.add(
                documents.register_document(
                    owner_body=world.rsau, document_type=doc_type, title=f"U{i}", by=SYSTEM
                )
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    grow(2)
    client.get(url)
    at_n = count()
    grow(18)
    assert count() == at_n
