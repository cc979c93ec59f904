"""Attendance and the fee basis in the JSON API: who reads and records (one table), refusals in
the API's one error shape (a stale version 409, before held 400), amounts as exact decimal
strings, the public hidden unless the body says so, the schema, and bounded query counts."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import services
from arshjul.organisation.tests.factories import MembershipFactory, PersonFactory

from .held import invitee, make_held, make_rates

API = "/api/v1"


@pytest.fixture
def held(world, mw):
    make_rates(world.org)
    return make_held(mw)


def who(world, mw, name):
    return {
        "secretary": mw.secretary,
        "finance_officer": world.finance_officer,
        "hsn_chair": mw.hsn_chair,
        "secretary_committee_b": world.secretary_committee_b,
        "outsider_finance": world.outsider_finance,
        "anonymous": None,
    }[name]


def put(client, meeting, rows, version=None):
    return client.put(
        f"{API}/meetings/{meeting.pk}/attendance",
        json.dumps({"version": meeting.version if version is None else version, "rows": rows}),
        content_type="application/json",
    )


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize(
    ("persona", "read", "record", "fees"),
    [
        ("secretary", 200, 200, 200),
        ("finance_officer", 200, 200, 200),
        ("hsn_chair", 200, 403, 403),
        ("secretary_committee_b", 404, 404, 404),
        ("outsider_finance", 404, 404, 404),
        ("anonymous", 404, 401, 404),
    ],
)
def test_who_reads_and_records(world, mw, held, client_of, persona, read, record, fees):
    client = client_of(who(world, mw, persona))
    assert client.get(f"{API}/meetings/{held.pk}/attendance").status_code == read
    row = {"invitee": invitee(held, "Anna").pk, "attendance": "present"}
    response = put(client, held, [row])
    assert response.status_code == record, response.content[:300]
    assert client.get(f"{API}/meetings/{held.pk}/fees").status_code == fees
    assert invitee(held, "Anna").attendance == ("present" if record == 200 else "unknown")


def test_record_and_read_back_with_the_fee_basis(world, mw, held, client_of):
    client = client_of(mw.secretary)
    response = put(
        client,
        held,
        [
            {"invitee": invitee(held, "Anna").pk, "attendance": "present"},
            {
                "invitee": invitee(held, "Bo").pk,
                "attendance": "part",
                "arrived": "09:00",
                "left": "11:20",
            },
            {"invitee": invitee(held, "Erik").pk, "attendance": "present"},
        ],
    )
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == held.version + 1 and body["recordable"] is True
    bo = next(r for r in body["rows"] if r["person"] == "Bo Ledamot")
    assert (bo["attendance"], bo["arrived"], bo["left"]) == ("part", "09:00:00", "11:20:00")
    assert bo["group"] == "RS arbetsutskott (RS AU)"
    fees = client.get(f"{API}/meetings/{held.pk}/fees").json()
    assert fees["fee_rule"] == "by_duration" and fees["date"] == "2021-04-20"
    assert fees["half_day_hours"] == "4.00"
    lines = {line["person"]: line for line in fees["lines"]}
    assert (lines["Bo Ledamot"]["hours"], lines["Bo Ledamot"]["minutes"]) == ("2.33", 140)
    assert (lines["Bo Ledamot"]["fee_kind"], lines["Bo Ledamot"]["amount"]) == (
        "half_day",
        "1100.00",
    )
    assert lines["Erik Förre"]["elected"] is False and lines["Erik Förre"]["amount"] is None
    assert fees["total"] == "3000.00" and fees["not_recorded"] == 1


def test_refusals_in_the_one_shape(world, mw, held, client_of):
    client = english(client_of(mw.secretary))
    row = {"invitee": invitee(held, "Anna").pk, "attendance": "present"}
    response = put(client, held, [row], version=held.version - 1)
    assert response.status_code == 409 and response.json()["code"] == "stale"
    response = put(client, held, [{**row, "attendance": "part"}])
    assert response.status_code == 400
    assert response.json() == {
        "code": "times_required",
        "message": "Anna Ordförande was there for part of the meeting: give the time of arrival "
        "or of leaving.",
        "field": f"arrived-{row['invitee']}",
    }
    response = put(client, held, [{**row, "arrived": "nine"}])
    assert response.status_code == 422
    planned = services.create_meeting(
        body=world.rsau,
        title="Extra",
        start=held.start + dt.timedelta(days=3000),
        end=held.end + dt.timedelta(days=3000),
        by=SYSTEM,
    )
    response = put(client, planned, [])
    assert response.status_code == 400 and response.json()["code"] == "not_held"


def test_the_public_reads_attendance_only_where_the_body_says_so(world, mw, held, client_of):
    mw.styrdialog.published = True
    mw.styrdialog.save()
    anonymous = client_of(None)
    assert anonymous.get(f"{API}/meetings/{held.pk}/attendance").status_code == 404
    world.rsau.attendance_public = True
    world.rsau.save()
    body = anonymous.get(f"{API}/meetings/{held.pk}/attendance").json()
    assert {r["person"] for r in body["rows"]} >= {"Anna Ordförande", "Cecilia Presidie"}
    assert anonymous.get(f"{API}/meetings/{held.pk}/fees").status_code == 403


def test_the_schema_lists_the_endpoints(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert {"get", "put"} <= set(paths["/api/v1/meetings/{pk}/attendance"])
    assert "get" in paths["/api/v1/meetings/{pk}/fees"]


def test_query_counts_do_not_grow_with_invitees(world, mw, held, client_of):
    client = client_of(mw.secretary)

    def count(path):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{API}/meetings/{held.pk}/{path}").status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        for _ in range(n):
            MembershipFactory(
                person=PersonFactory(organisation=world.org, user=None),
                body=world.rsau,
                start=dt.date(2020, 1, 1),
            )
        type(held).objects.filter(pk=held.pk).update(status="invited")
        services.refresh_invitees(meeting=held, by=SYSTEM)
        type(held).objects.filter(pk=held.pk).update(status="held")
        rows = [{"invitee": i.pk, "attendance": "present"} for i in held.invitees.all()]
        held.refresh_from_db()
        assert put(client, held, rows).status_code == 200

    add(3)
    at_n = (count("attendance"), count("fees"))
    add(27)
    assert (count("attendance"), count("fees")) == at_n


def test_a_time_with_an_offset_is_refused_as_the_schema_says(mw, held, client_of):
    """Times of arrival and leaving are local times without an offset (the schema's pattern):
    one sent with an offset is refused with 422, never stored nor a server error."""
    client = client_of(mw.secretary)
    row = {"invitee": invitee(held, "Bo").pk, "attendance": "part", "left": "11:20"}
    response = put(client, held, [{**row, "arrived": "09:00+02:00"}])
    assert response.status_code == 422, response.content[:300]
    assert response.json()["field"] == "rows.0.arrived"
    assert invitee(held, "Bo").arrived is None
    response = put(client, held, [{**row, "arrived": "09:00"}])
    assert response.status_code == 200
