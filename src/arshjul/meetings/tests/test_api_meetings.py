"""The meetings' core API: who may read and change what (one table), what the public sees of a
public step's meeting, making meetings, the lifecycle with its e-mails, refusals in the
caller's language, lost updates (409), the schema, and query counts that do not grow with the
meetings or the invitees."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import services
from arshjul.meetings.models import Meeting
from arshjul.notifications.tests.outbox import sent
from arshjul.organisation.tests.factories import MembershipFactory, PersonFactory, UserFactory

API = "/api/v1"


def call(client, method: str, url: str, data: dict | None = None):
    if method == "get":
        return client.get(url)
    if method == "delete":
        return client.delete(url)
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) == {"code", "message", "field"}
    return body


@pytest.fixture
def meeting(world, mw) -> Meeting:
    return services.create_for_step(step=mw.styrdialog, by=SYSTEM)


@pytest.fixture
def clients(world, mw, client_for, client_of):
    """The matrix's callers: the meeting's runner, an invitee, a member of its body, another
    committee's secretary, the finance office of another region, and anonymous."""
    mw.au_member.user = UserFactory(username="bo")
    mw.au_member.save()
    return {
        "runner": client_of(mw.secretary),
        "invitee": client_of(mw.hsn_chair),  # HSN's chair, invited as its presidium
        "member": client_of(mw.au_member),  # a member of RS AU, the meeting's body
        "other_secretary": client_for("secretary_committee_b"),
        "outsider": client_for("outsider_finance"),
        "anonymous": client_for("anonymous"),
    }


def requests(meeting, mw) -> dict[str, tuple[str, str, dict | None]]:
    base = f"{API}/meetings/{meeting.pk}"
    invitee = meeting.invitees.get(person=mw.head_new)
    version = meeting.version
    return {
        "read": ("get", base, None),
        "status": ("post", f"{base}/status", {"to": "invited", "version": version}),
        "move": (
            "post",
            f"{base}/move",
            {"start": "2027-04-21T10:00:00", "end": "2027-04-21T12:00:00", "version": version},
        ),
        "cancel": ("post", f"{base}/cancel", {"reason": "", "version": version}),
        "add": ("post", f"{base}/invitees", {"person": mw.hsn_member.pk, "version": version}),
        "remove": ("delete", f"{base}/invitees/{invitee.pk}?version={version}", None),
        "refresh": ("post", f"{base}/invitees/refresh", None),
    }


WRITES = ("status", "move", "cancel", "add", "remove", "refresh")
# (caller, read, write) for a meeting of an unpublished step.
MATRIX = [
    ("runner", 200, 200),
    ("invitee", 200, 403),
    ("member", 200, 403),
    ("other_secretary", 404, 404),
    ("outsider", 404, 404),
    ("anonymous", 404, 401),
]


@pytest.mark.parametrize(("caller", "read", "write"), MATRIX)
@pytest.mark.parametrize("action", ("read", *WRITES))
def test_permission_matrix(world, mw, meeting, clients, caller, read, write, action):
    method, url, data = requests(meeting, mw)[action]
    response = call(clients[caller], method, url, data)
    expected = read if action == "read" else write
    if action == "add" and expected == 200:
        expected = 201
    assert response.status_code == expected, (caller, action, response.content[:300])
    if expected >= 400:
        error(response, expected)
        assert Meeting.objects.get(pk=meeting.pk).version == meeting.version  # nothing changed


@pytest.mark.parametrize(("caller", "listed"), [(c, r == 200) for c, r, _w in MATRIX])
def test_the_list_holds_only_what_the_caller_may_read(world, mw, meeting, clients, caller, listed):
    response = clients[caller].get(f"{API}/meetings")
    assert response.status_code == 200
    assert (meeting.pk in {m["id"] for m in response.json()}) is listed


def test_one_meeting_whole(world, mw, meeting, clients):
    data = clients["invitee"].get(f"{API}/meetings/{meeting.pk}").json()
    assert data["title"] == "Styrdialog" and data["status"] == "planned"
    assert data["body"]["slug"] == "rsau"
    assert data["step"] == {
        "cycle": mw.cycle.slug,
        "key": "styrdialog",
        "url": mw.styrdialog.get_absolute_url(),
    }
    assert data["uid"] == str(meeting.uid) and data["sequence"] == 0
    assert data["version"] == meeting.version
    assert data["start"].startswith("2027-04-20T")
    assert {"participants", "purpose", "inputs", "goal", "documentation", "follow_up"} <= set(data)
    assert data["can_run"] is False and data["next_statuses"] == ["invited"]
    invitees = {i["name"]: i for i in data["invitees"]}
    assert invitees["Frida Nästa"]["source"] == "post"
    assert invitees["Cecilia Presidie"]["attendance"] == "unknown"
    assert invitees["Cecilia Presidie"]["invited_sequence"] is None
    (item,) = data["items"]
    assert item["title"] == "Styrdialog" and item["outcome"] == ""
    assert clients["runner"].get(f"{API}/meetings/{meeting.pk}").json()["can_run"] is True


def test_the_public_sees_a_public_steps_meeting_without_invitees(world, mw, meeting, clients):
    mw.styrdialog.published = True
    mw.styrdialog.visibility = "public"
    mw.styrdialog.save()
    data = clients["anonymous"].get(f"{API}/meetings/{meeting.pk}").json()
    assert data["title"] == "Styrdialog"
    assert data["invitees"] is None and data["items"] == []
    assert meeting.pk in {m["id"] for m in clients["anonymous"].get(f"{API}/meetings").json()}
    # The body makes its attendance lists public: the invitees show, the agenda still not.
    world.rsau.attendance_public = True
    world.rsau.save()
    data = clients["anonymous"].get(f"{API}/meetings/{meeting.pk}").json()
    assert "Frida Nästa" in {i["name"] for i in data["invitees"]} and data["items"] == []
    # A signed-in reader of the public part may not change it.
    response = call(
        clients["other_secretary"],
        "post",
        f"{API}/meetings/{meeting.pk}/cancel",
        {"reason": "", "version": meeting.version},
    )
    assert error(response, 403)["code"] == "forbidden"


def test_the_list_filters_by_body_cycle_and_dates(world, mw, meeting, client_for):
    runner = client_for("finance_officer")
    other = services.create_meeting(
        body=world.rs,
        title="Extra",
        start=meeting.start + dt.timedelta(days=30),
        end=meeting.end + dt.timedelta(days=30),
        by=SYSTEM,
    )

    def ids(query: str) -> set[int]:
        response = runner.get(f"{API}/meetings{query}")
        assert response.status_code == 200, response.content
        return {m["id"] for m in response.json()}

    assert ids("") == {meeting.pk, other.pk}
    assert ids("?body=rsau") == {meeting.pk}
    assert ids(f"?cycle={mw.cycle.slug}") == {meeting.pk}
    assert ids("?from=2027-04-21") == {other.pk}
    assert ids("?to=2027-04-20") == {meeting.pk}
    assert ids("?from=2027-04-20&to=2027-04-20") == {meeting.pk}
    assert error(runner.get(f"{API}/meetings?from=april"), 422)["field"] == "from"


def test_the_lifecycle_through_the_api_sends_the_emails(
    world, mw, meeting, clients, django_capture_on_commit_callbacks
):
    runner, base = clients["runner"], f"{API}/meetings/{meeting.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        data = call(runner, "post", f"{base}/status", {"to": "invited", "version": meeting.version})
    assert data.status_code == 200, data.content
    data = data.json()
    assert data["status"] == "invited" and len(sent()) == 4
    # The e-mails go out once the change has committed, after the answer was made.
    data = runner.get(base).json()
    assert {i["invited_sequence"] for i in data["invitees"]} == {0}
    sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        data = call(
            runner,
            "post",
            f"{base}/move",
            {
                "start": "2027-04-22T13:00:00",
                "end": "2027-04-22T15:00:00",
                "location": "Sal 3",
                "version": data["version"],
            },
        ).json()
    assert data["sequence"] == 1 and data["location"] == "Sal 3"
    assert data["start"] == "2027-04-22T13:00:00+02:00"
    assert len(sent()) == 4
    sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = call(
            runner, "post", f"{base}/cancel", {"reason": "Krock", "version": data["version"]}
        )
    data = response.json()
    assert data["status"] == "cancelled" and data["cancelled_reason"] == "Krock"
    assert len(sent()) == 4 and all(m.subject.startswith("Inställt") for m in sent())


def test_a_stale_version_is_refused_with_409(world, mw, meeting, clients):
    runner, base = clients["runner"], f"{API}/meetings/{meeting.pk}"
    seen = meeting.version
    response = call(
        runner, "post", f"{base}/invitees", {"person": mw.hsn_member.pk, "version": seen}
    )
    assert response.status_code == 201
    # A second caller, working from the version she read before, loses nothing silently.
    response = call(
        runner,
        "post",
        f"{base}/move",
        {"start": "2027-04-21T10:00:00", "end": "2027-04-21T12:00:00", "version": seen},
    )
    assert error(response, 409)["code"] == "stale"
    meeting.refresh_from_db()
    assert meeting.start.date() == dt.date(2027, 4, 20)


def test_the_no_email_refusal_in_the_callers_language(world, mw, meeting, clients):
    mw.au_member.email = ""
    mw.au_member.save()
    client = clients["runner"]
    client.cookies["django_language"] = "en"
    response = call(
        client,
        "post",
        f"{API}/meetings/{meeting.pk}/status",
        {"to": "invited", "version": meeting.version},
    )
    body = error(response, 400)
    assert body["code"] == "no_email"
    assert body["message"].startswith("These invitees have no e-mail address: Bo Ledamot.")
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


def test_making_meetings(world, mw, clients):
    runner = clients["runner"]
    response = call(runner, "post", f"{API}/cycles/{mw.cycle.slug}/steps/styrdialog/meeting")
    assert error(response, 404)["code"] == "not_found"  # a draft step only the finance office sees
    mw.styrdialog.published = True
    mw.styrdialog.save()
    response = call(
        clients["other_secretary"], "post", f"{API}/cycles/{mw.cycle.slug}/steps/styrdialog/meeting"
    )
    assert error(response, 403)["code"] == "forbidden"
    response = call(runner, "post", f"{API}/cycles/{mw.cycle.slug}/steps/styrdialog/meeting")
    assert response.status_code == 201, response.content
    assert response.json()["step"]["key"] == "styrdialog"
    response = call(runner, "post", f"{API}/cycles/{mw.cycle.slug}/steps/styrdialog/meeting")
    assert error(response, 400)["code"] == "duplicate"
    response = call(runner, "post", f"{API}/cycles/{mw.cycle.slug}/steps/nope/meeting")
    assert error(response, 404)["code"] == "not_found"
    new = {
        "body": "rsau",
        "title": "Extra AU",
        "start": "2027-05-03T13:00:00",
        "end": "2027-05-03T15:00:00",
    }
    response = call(runner, "post", f"{API}/meetings", new)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["step"] is None and data["start"] == "2027-05-03T13:00:00+02:00"
    assert data["can_run"] is True
    response = call(clients["other_secretary"], "post", f"{API}/meetings", new)
    assert error(response, 403)["code"] == "forbidden"
    response = call(clients["outsider"], "post", f"{API}/meetings", new)
    assert error(response, 400)["field"] == "body"
    response = call(runner, "post", f"{API}/meetings", new | {"end": "2027-05-03T12:00:00"})
    assert error(response, 400)["code"] == "end_before_start"
    assert error(call(clients["anonymous"], "post", f"{API}/meetings", new), 401)


def test_an_unknown_person_is_refused(world, mw, meeting, clients):
    stranger = PersonFactory(organisation=world.other_org)
    response = call(
        clients["runner"],
        "post",
        f"{API}/meetings/{meeting.pk}/invitees",
        {"person": stranger.pk, "version": meeting.version},
    )
    assert error(response, 400)["code"] == "unknown_person"


def test_the_chair_picks_the_majority(world, mw, client_for):
    meeting = services.create_for_step(step=mw.beredning, by=SYSTEM)
    url = f"{API}/meetings/{meeting.pk}/majority"
    chair = client_for("politician_majority")
    response = call(chair, "put", url, {"people": [mw.au_chair.pk], "version": meeting.version})
    assert response.status_code == 200, response.content
    majority = [i for i in response.json()["invitees"] if i["source"] == "majority"]
    assert [i["name"] for i in majority] == ["Anna Ordförande"]
    response = call(
        chair, "put", url, {"people": [mw.au_member.pk], "version": response.json()["version"]}
    )
    assert error(response, 400)["code"] == "not_majority"
    response = call(
        client_for("secretary_committee_a"),
        "put",
        url,
        {"people": [mw.au_chair.pk], "version": meeting.version},
    )
    assert response.status_code in (403, 404)


def test_openapi_schema_lists_the_meetings_endpoints(client_for):
    schema = client_for("anonymous").get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/v1/meetings",
        "/api/v1/meetings/{pk}",
        "/api/v1/meetings/{pk}/status",
        "/api/v1/meetings/{pk}/move",
        "/api/v1/meetings/{pk}/cancel",
        "/api/v1/meetings/{pk}/invitees",
        "/api/v1/meetings/{pk}/invitees/refresh",
        "/api/v1/meetings/{pk}/invitees/{invitee_id}",
        "/api/v1/meetings/{pk}/majority",
        "/api/v1/cycles/{slug}/steps/{key}/meeting",
    } <= set(paths)
    assert {"get", "post"} <= set(paths["/api/v1/meetings"])
    assert "delete" in paths["/api/v1/meetings/{pk}/invitees/{invitee_id}"]
    assert "put" in paths["/api/v1/meetings/{pk}/majority"]
    assert paths["/api/v1/meetings/{pk}"]["get"]["tags"] == ["meetings"]
    params = {p["name"] for p in paths["/api/v1/meetings"]["get"]["parameters"]}
    assert {"body", "cycle", "from", "to"} <= params


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_meetings_or_invitees(world, mw, meeting, clients):
    runner = clients["runner"]

    def grow(n: int) -> None:
        for i in range(n):
            services.create_meeting(
                body=world.rsau,
                title=f"Möte {i}",
                start=meeting.start + dt.timedelta(days=i + 1),
                end=meeting.end + dt.timedelta(days=i + 1),
                by=SYSTEM,
            )
            MembershipFactory(person=PersonFactory(organisation=world.org), body=world.rsau)
        services.refresh_invitees(meeting=meeting, by=SYSTEM)

    grow(2)
    small = (_count(runner, f"{API}/meetings"), _count(runner, f"{API}/meetings/{meeting.pk}"))
    grow(18)
    assert Meeting.objects.count() == 21 and meeting.invitees.count() >= 24
    large = (_count(runner, f"{API}/meetings"), _count(runner, f"{API}/meetings/{meeting.pk}"))
    assert small == large
