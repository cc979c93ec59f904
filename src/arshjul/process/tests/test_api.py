"""The read-only JSON API under /api/v1/: cycles, steps with every field, who sees what, filters
and the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from arshjul.accounts.roles import SYSTEM
from arshjul.organisation.tests.factories import BodyFactory
from arshjul.process import services
from arshjul.process.models import Step
from arshjul.process.services import generate_cycle

STEPS = "/api/v1/cycles/test-2022/steps"
ALL_KEYS = ["pf", "beredning", "kickoff", "regionplan", "aterkoppling", "styrdialog"]
STEP_FIELDS = {
    "uid",
    "key",
    "cycle",
    "kind",
    "track",
    "title",
    "start",
    "end",
    "start_time",
    "end_time",
    "rule",
    "election_rule",
    "rule_words",
    "election_rule_words",
    "election_variant",
    "adjust",
    "rule_start",
    "rule_end",
    "moved_by_hand",
    "published",
    "visibility",
    "location",
    "participants",
    "participant_bodies",
    "participant_posts",
    "purpose",
    "inputs",
    "goal",
    "documentation",
    "follow_up",
    "notes",
    "produces",
    "consumes",
    "sequence",
    "url",
}


def get_json(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def keys(client, url: str = STEPS) -> list[str]:
    return [s["key"] for s in get_json(client, url)]


# --- cycles -------------------------------------------------------------------------------


def test_cycles_lists_the_worlds_cycle(world, client_for):
    assert get_json(client_for("anonymous"), "/api/v1/cycles") == [
        {
            "slug": "test-2022",
            "budget_year": 2022,
            "name": str(world.cycle),
            "organisation": "test",
            "start": "2020-03-01",
            "end": "2021-12-31",
            "url": "/cycles/test-2022/",
        }
    ]


def test_one_cycle(world, client_for):
    cycle = get_json(client_for("anonymous"), "/api/v1/cycles/test-2022")
    assert cycle["slug"] == "test-2022"
    assert cycle["budget_year"] == 2022


def test_unknown_cycle_is_404(world, client_for):
    client = client_for("anonymous")
    get_json(client, "/api/v1/cycles/no-such-cycle", status=404)
    get_json(client, "/api/v1/cycles/no-such-cycle/steps", status=404)


# --- steps --------------------------------------------------------------------------------


def test_step_has_every_field_with_iso_dates(world, client_for):
    steps = {s["key"]: s for s in get_json(client_for("anonymous"), STEPS)}
    kickoff = steps["kickoff"]
    assert set(kickoff) == STEP_FIELDS
    bodies = sorted(kickoff.pop("participant_bodies"), key=lambda b: b["slug"])
    assert bodies == [
        {"slug": "hsn", "name": "Hälso- och sjukvårdsnämnden"},
        {"slug": "rs", "name": "Regionstyrelsen"},
        {"slug": "run", "name": "Regionala utvecklingsnämnden"},
    ]
    assert kickoff == {
        "uid": str(world.cycle.steps.get(key="kickoff").uid),
        "key": "kickoff",
        "cycle": "test-2022",
        "kind": "meeting",
        "track": "council_board",
        "title": "Kickoff",
        "start": "2021-02-10",
        "end": "2021-02-10",
        "start_time": None,
        "end_time": None,
        "rule": None,  # the rule as written is for the cycle's editors
        "election_rule": None,
        "rule_words": "den andra onsdagen i februari året före budgetåret",
        "election_rule_words": "",
        "election_variant": False,
        "adjust": "none",
        "rule_start": "2021-02-10",
        "rule_end": "2021-02-10",
        "moved_by_hand": False,
        "published": True,
        "visibility": "public",
        "location": "",
        "participants": "Presidier",
        "participant_posts": [],
        "purpose": "Informera",
        "inputs": "",
        "goal": "Samma förståelse",
        "documentation": "Utskick",
        "follow_up": "",
        "notes": "",
        "produces": [],
        "consumes": ["planeringsforutsattningar"],
        "sequence": 1,  # made, then published
        "url": "/cycles/test-2022/steps/kickoff/",
    }


def test_spans_posts_and_documents_are_given(world, client_for):
    steps = {s["key"]: s for s in get_json(client_for("finance_officer"), STEPS)}
    pf = steps["pf"]
    assert (pf["start"], pf["end"]) == ("2020-08-01", "2021-02-09")
    assert pf["rule"] == "span month Y-2 08 .. offset kickoff -1d"
    assert pf["produces"] == ["planeringsforutsattningar"]
    assert steps["beredning"]["participant_posts"] == ["budget_chief finance_officer"]
    assert steps["beredning"]["visibility"] == "internal"
    assert steps["styrdialog"]["published"] is False
    assert steps["styrdialog"]["adjust"] == "after"
    assert steps["regionplan"]["election_rule"] == "span offset kickoff +1d .. month Y-1 11"


def test_the_public_gets_a_rule_in_words_that_does_not_name_an_internal_step(world, client_for):
    # Regionplan starts the day after the internal Lägesavstämning ("beredning").
    Step.objects.filter(cycle=world.cycle, key="regionplan").update(
        rule="span offset beredning +1d .. month Y-1 06"
    )
    public = get_json(client_for("anonymous"), f"{STEPS}/regionplan")
    listed = {s["key"]: s for s in get_json(client_for("anonymous"), STEPS)}["regionplan"]
    for step in (public, listed):
        assert step["rule"] is None and step["election_rule"] is None
        assert "beredning" not in json.dumps(step) and "Lägesavstämning" not in json.dumps(step)
        assert "ett annat steg" in step["rule_words"]  # "another step"
        assert "Kickoff" in step["election_rule_words"]  # a public step is named
    member = get_json(client_for("member_majority_a"), f"{STEPS}/regionplan")
    assert member["rule"] is None and "Lägesavstämning" in member["rule_words"]
    officer = get_json(client_for("finance_officer"), f"{STEPS}/regionplan")
    assert officer["rule"] == "span offset beredning +1d .. month Y-1 06"
    assert officer["election_rule"] == "span offset kickoff +1d .. month Y-1 11"


def test_the_schema_documents_the_rule_fields(world, client_for):
    schema = get_json(client_for("anonymous"), "/api/v1/openapi.json")
    props = schema["components"]["schemas"]["StepOut"]["properties"]
    assert set(props) == STEP_FIELDS
    assert "null" in json.dumps(props["rule"]) and props["rule"]["description"]
    assert props["rule_words"]["type"] == "string" and props["rule_words"]["description"]


def test_times_are_iso_8601(world, client_for):
    Step.objects.filter(cycle=world.cycle, key="kickoff").update(
        start_time=dt.time(13, 0), end_time=dt.time(15, 30)
    )
    kickoff = get_json(client_for("anonymous"), f"{STEPS}/kickoff")
    assert kickoff["start_time"] == "13:00:00"
    assert kickoff["end_time"] == "15:30:00"


def test_steps_come_in_date_order(world, client_for):
    steps = get_json(client_for("finance_officer"), STEPS)
    assert [s["key"] for s in steps] == ALL_KEYS
    starts = [dt.date.fromisoformat(s["start"]) for s in steps]
    assert starts == sorted(starts)


def test_a_moved_step_shows_both_dates_and_a_new_sequence(world, client_for):
    kickoff = world.cycle.steps.get(key="kickoff")
    services.move_step(
        step=kickoff,
        start=dt.date(2021, 3, 3),
        end=None,
        by=world.finance_officer.user,
        version=kickoff.version,
    )
    moved = get_json(client_for("anonymous"), f"{STEPS}/kickoff")
    assert (moved["start"], moved["end"]) == ("2021-03-03", "2021-03-03")
    assert (moved["rule_start"], moved["rule_end"]) == ("2021-02-10", "2021-02-10")
    assert moved["moved_by_hand"] is True
    assert moved["sequence"] == 2  # published, then moved
    # the list follows the dates in force: regionplan followed kickoff to 2021-03-04
    assert keys(client_for("anonymous")) == ["pf", "kickoff", "regionplan", "aterkoppling"]


def test_election_variant_is_flagged(world, client_for):
    generate_cycle(template=world.template, budget_year=2023, by=SYSTEM)
    plan = get_json(client_for("finance_officer"), "/api/v1/cycles/test-2023/steps/regionplan")
    assert plan["election_variant"] is True
    assert (plan["start"], plan["end"]) == ("2022-02-10", "2022-11-30")
    ordinary = get_json(client_for("finance_officer"), f"{STEPS}/regionplan")
    assert ordinary["election_variant"] is False
    assert ordinary["end"] == "2021-06-30"


def test_one_step(world, client_for):
    step = get_json(client_for("anonymous"), f"{STEPS}/aterkoppling")
    assert step["key"] == "aterkoppling"
    assert step["start"] == "2021-04-16"
    assert set(step) == STEP_FIELDS


def test_unknown_step_is_404(world, client_for):
    get_json(client_for("finance_officer"), f"{STEPS}/no-such-step", status=404)
    get_json(
        client_for("finance_officer"), "/api/v1/cycles/no-such-cycle/steps/kickoff", status=404
    )


# --- who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", ["pf", "kickoff", "regionplan", "aterkoppling"]),
        ("politician_majority", ["pf", "beredning", "kickoff", "regionplan", "aterkoppling"]),
        ("secretary_committee_a", ["pf", "beredning", "kickoff", "regionplan", "aterkoppling"]),
        ("finance_officer", ALL_KEYS),
        (
            "outsider_finance",
            ["pf", "kickoff", "regionplan", "aterkoppling"],
        ),  # not our internal steps
    ],
)
def test_steps_visible_to_each_persona(world, client_for, persona, expected):
    assert keys(client_for(persona)) == expected


@pytest.mark.parametrize(
    ("persona", "key", "status"),
    [
        ("anonymous", "styrdialog", 404),  # unpublished
        ("anonymous", "beredning", 404),  # internal
        ("politician_majority", "beredning", 200),
        ("politician_majority", "styrdialog", 404),
        ("outsider_finance", "styrdialog", 404),  # another organisation's draft
        ("finance_officer", "styrdialog", 200),
    ],
)
def test_one_step_follows_visibility(world, client_for, persona, key, status):
    get_json(client_for(persona), f"{STEPS}/{key}", status=status)


# --- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=meeting", ["beredning", "kickoff", "styrdialog"]),
        ("kind=phase", ["pf", "regionplan"]),
        ("kind=decision", []),
        ("track=committees", ["aterkoppling", "styrdialog"]),
        ("track=council_board", ["kickoff", "regionplan"]),
        ("body=hsn", ["kickoff", "aterkoppling"]),
        ("body=rs", ["kickoff"]),
        ("body=rsau", ["styrdialog"]),
        ("body=no-such-body", []),
        ("kind=meeting&body=hsn", ["kickoff"]),
        ("kind=meeting&track=committees", ["styrdialog"]),
        ("kind=&track=&body=", ALL_KEYS),
    ],
)
def test_filters(world, client_for, query, expected):
    assert keys(client_for("finance_officer"), f"{STEPS}?{query}") == expected


def test_body_filter_only_knows_the_cycles_organisation(world, client_for):
    BodyFactory(organisation=world.other_org, slug="grannstyrelsen")
    assert keys(client_for("finance_officer"), f"{STEPS}?body=grannstyrelsen") == []


def test_body_filter_still_hides_what_the_user_may_not_see(world, client_for):
    assert keys(client_for("anonymous"), f"{STEPS}?body=rsau") == []


@pytest.mark.parametrize(
    ("persona_whose_steps", "viewer", "expected"),
    [
        ("politician_majority", "finance_officer", ["kickoff"]),  # seat on the board
        ("finance_officer", "finance_officer", ["beredning"]),  # the budget_chief post
        ("finance_officer", "politician_majority", ["beredning"]),
        ("outsider_finance", "finance_officer", []),  # another organisation's person
    ],
)
def test_person_filter(world, client_for, persona_whose_steps, viewer, expected):
    person = getattr(world, persona_whose_steps)
    assert keys(client_for(viewer), f"{STEPS}?person={person.pk}") == expected


@pytest.mark.parametrize("persona_whose_steps", ["politician_majority", "finance_officer"])
def test_person_filter_never_widens_the_answer_for_anonymous(
    world, client_for, persona_whose_steps
):
    # Anonymous callers may be refused the person filter, but must never get steps the person
    # does not take part in as if she did.
    person = getattr(world, persona_whose_steps)
    response = client_for("anonymous").get(f"{STEPS}?person={person.pk}")
    if response.status_code == 200:
        public_steps_of_person = {"politician_majority": {"kickoff"}, "finance_officer": set()}
        assert {s["key"] for s in response.json()} <= public_steps_of_person[persona_whose_steps]
    else:
        assert response.status_code in (400, 403)


# --- the schema ---------------------------------------------------------------------------


def test_openapi_schema_describes_the_endpoints_and_step_fields(world, client_for):
    response = client_for("anonymous").get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Årshjul API"
    assert {
        "/api/v1/cycles",
        "/api/v1/cycles/{slug}",
        "/api/v1/cycles/{slug}/steps",
        "/api/v1/cycles/{slug}/steps/{key}",
    } <= set(schema["paths"])
    step_out = schema["components"]["schemas"]["StepOut"]
    assert set(step_out["properties"]) == STEP_FIELDS
    assert step_out["properties"]["start"]["format"] == "date"
    assert step_out["properties"]["rule_end"]["format"] == "date"
    assert step_out["properties"]["uid"]["format"] == "uuid"
    params = schema["paths"]["/api/v1/cycles/{slug}/steps"]["get"]["parameters"]
    assert {p["name"] for p in params if p["in"] == "query"} == {
        "body",
        "kind",
        "track",
        "person",
        "name",
    }
