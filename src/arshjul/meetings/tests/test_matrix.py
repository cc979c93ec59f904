"""The meetings app's permission matrix (tests/matrix.py): a public step's meeting (held), an
internal step's meeting (planned) and a committee's own meeting (invited), by action (list,
read, history, export, change, move) and channel (page, API, Excel), with one exact answer for
every persona.

The rule (meetings.permissions): a meeting is read in full (invitees, agenda with its
decisions, attendance, fee basis, history of changes for those who run it) by the finance
office of its organisation, the secretary and head of administration of its body, its members
and its invitees; a published public step's meeting is shown to everyone in part (its six parts,
no invitees, no decisions); nobody else sees it (404). It is run (changed, moved) by the finance
office and its body's secretary; other readers are refused (403). The list page and the API's
list hold the same meetings.

The world is built once for the module (a cell is a request in a rolled-back transaction).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone
from tests.matrix import (
    HIDDEN,
    SHOWN,
    Row,
    answers,
    api,
    assert_channels_agree,
    cells,
    check,
    get,
    module_world,
    post,
)

from arshjul.accounts.roles import SYSTEM
from arshjul.meetings import services
from arshjul.meetings.models import AgendaItem, Meeting
from arshjul.process.models import Step

TITLES = {"public": "Kickoff", "internal": "Lägesavstämning", "committee": "Nämndmöte i matrisen"}
DECISIONS = {  # ASCII: the API's JSON escapes the rest
    "public": "Beslut om ramen, offentligt",
    "internal": "Beslut om ramen, internt",
    "committee": "Beslut om ramen, i kommitten",
}
COMMITTEE_A = ("secretary_committee_a", "member_majority_a", "member_opposition_a")

# Who reads each meeting in full, and who runs it (and exports its fee basis).
FULL = {
    # The board runs Kickoff and Lägesavstämning: its members and secretary are none of the
    # personas. Kickoff invites the members of committee A (not its secretary, who holds no
    # seat); the budget chief is the finance office (and invited to Lägesavstämning by her post).
    "public": ("finance_officer", "member_majority_a", "member_opposition_a"),
    "internal": ("finance_officer",),
    "committee": ("finance_officer", *COMMITTEE_A),
}
RUNS = {
    "public": ("finance_officer",),
    "internal": ("finance_officer",),
    "committee": ("finance_officer", "secretary_committee_a"),
}


def _each(names, answer) -> dict:
    return dict.fromkeys(names, answer)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from module_world(django_db_blocker, _build)


def _build(w) -> SimpleNamespace:
    steps = {s.key: s for s in Step.objects.filter(cycle=w.cycle)}
    public = services.create_for_step(step=steps["kickoff"], by=SYSTEM)
    internal = services.create_for_step(step=steps["beredning"], by=SYSTEM)
    start = timezone.make_aware(dt.datetime(2021, 3, 3, 13))
    committee = services.create_meeting(
        body=w.committee_a,
        title=TITLES["committee"],
        start=start,
        end=start + dt.timedelta(hours=2),
        by=SYSTEM,
    )
    # States set directly: the lifecycle's own rules are the services' tests' business.
    Meeting.objects.filter(pk=public.pk).update(status="held")
    Meeting.objects.filter(pk=committee.pk).update(status="invited")
    made = {"public": public, "internal": internal, "committee": committee}
    for state, meeting in made.items():
        item = meeting.items.first() or AgendaItem.objects.create(
            meeting=meeting, title="Ärende", order=1
        )
        AgendaItem.objects.filter(pk=item.pk).update(
            outcome="noted", decision_text=DECISIONS[state]
        )
    return SimpleNamespace(meetings={k: Meeting.objects.get(pk=m.pk) for k, m in made.items()})


@pytest.fixture
def subjects(db, world):
    return world.subjects


def _read(state: str) -> dict:
    """The meeting's page or API: in full to its readers, in part to all if public, else 404."""
    if state == "public":
        return answers(200)
    return answers(404, **_each(FULL[state], 200))


def _full(state: str) -> dict:
    """What only full readers see (decisions, attendance): others who see the meeting in part
    see it without (HIDDEN on its page, 404 from an endpoint of its own)."""
    return answers(404, **_each(FULL[state], 200))


def _shown(read: dict) -> dict:
    return {p: (SHOWN if a == 200 else HIDDEN) for p, a in read.items()}


def _meeting_rows(state: str) -> list[Row]:
    m = lambda s, st=state: s.meetings[st]  # noqa: E731
    title = lambda s, st=state: TITLES[st]  # noqa: E731
    # JSON escapes non-ASCII: the API rows find the meeting by its path.
    url = lambda s, st=state: f'"/meetings/{s.meetings[st].pk}/"'  # noqa: E731
    decision = lambda s, st=state: DECISIONS[st]  # noqa: E731
    read = _read(state)
    listed = {p: (SHOWN if a == 200 else HIDDEN) for p, a in read.items()}
    full = _full(state)
    in_part = {
        p: (SHOWN if a == 200 else HIDDEN if read[p] == 200 else 404) for p, a in full.items()
    }
    runs = {p: (400 if p in RUNS[state] else 403 if read[p] == 200 else 404) for p in read}
    runs["anonymous"] = 403
    fees = {p: (200 if p in RUNS[state] else 403 if read[p] == 200 else 404) for p in read}
    fees["anonymous"] = 302
    # A change needs a user, asked before the meeting is looked for: a page answers the
    # anonymous 403 to a POST and sends her to sign in on a GET, the API answers 401.
    api_runs = {**runs, "anonymous": 401}
    history = {p: (SHOWN if p in RUNS[state] else HIDDEN if read[p] == 200 else 404) for p in read}
    return [
        Row("meeting", state, "list", "page", lambda s: get("/meetings/"), listed, title),
        Row("meeting", state, "list", "api", lambda s: get("/api/v1/meetings"), listed, url),
        Row("meeting", state, "read", "page", lambda s: get(f"/meetings/{m(s).pk}/"), read, title),
        Row(
            "meeting", state, "read", "api", lambda s: get(f"/api/v1/meetings/{m(s).pk}"), read, url
        ),
        Row(
            "meeting decisions",
            state,
            "read",
            "page",
            lambda s: get(f"/meetings/{m(s).pk}/"),
            in_part,
            decision,
        ),
        Row(
            "meeting decisions",
            state,
            "read",
            "api",
            lambda s: get(f"/api/v1/meetings/{m(s).pk}/agenda"),
            full,  # the agenda with its decisions is for full readers (the page: not shown)
            decision,
        ),
        Row(
            "attendance",
            state,
            "read",
            "api",
            lambda s: get(f"/api/v1/meetings/{m(s).pk}/attendance"),
            full,
        ),
        Row(
            "fee basis",
            state,
            "export",
            "excel",
            lambda s: get(f"/meetings/{m(s).pk}/fees.xlsx"),
            fees,
        ),
        Row(
            "meeting",
            state,
            "history",
            "page",
            lambda s: get(f"/meetings/{m(s).pk}/"),
            history,
            lambda s: 'id="history-heading"',
        ),
        # Change and move with a form or body that is refused once the right is checked (so
        # no cell changes what the next one sees): the runners 400, other readers 403.
        Row(
            "meeting",
            state,
            "move",
            "page",
            lambda s: post(f"/meetings/{m(s).pk}/when/", {"version": m(s).version, "day": "x"}),
            runs,
        ),
        Row(
            "meeting",
            state,
            "move",
            "api",
            lambda s: api(
                "POST",
                f"/api/v1/meetings/{m(s).pk}/move",
                {
                    "version": m(s).version,
                    "start": "2021-03-03T15:00:00",
                    "end": "2021-03-03T14:00:00",  # before the start: refused
                },
            ),
            api_runs,
        ),
        Row(
            "meeting",
            state,
            "change",
            "api",
            lambda s: api(
                "POST", f"/api/v1/meetings/{m(s).pk}/status", {"version": m(s).version, "to": "x"}
            ),
            api_runs,
        ),
    ]


ROWS: list[Row] = [
    *_meeting_rows("public"),
    *_meeting_rows("internal"),
    *_meeting_rows("committee"),
]


@pytest.mark.parametrize("cell", cells(ROWS))
def test_cell(cell, client_for, subjects):
    check(cell, client_for(cell.persona), subjects)


def test_page_and_api_agree():
    assert_channels_agree(ROWS)
