"""The process app's permission matrix (tests/matrix.py): cycles, and steps in each state — a
published public step, a published internal one, a draft (not published) — by action (list,
read, history, change, move, export) and channel (page, htmx partial, API, iCal feed), with one
exact answer for every persona.

The rule (process.permissions): everyone sees the cycles and the published public steps; the
people of the cycle's organisation also its published internal steps; its finance office also
its drafts, its history and the rule as written, and only it changes and moves steps (others
who see the step 403, the rest 404). A feed of a cycle or a body shows what the one who fetches
it may see; a personal feed (a secret link) shows what its owner may see, to whoever holds the
link. The step page's go-ahead names an internal meeting only to those who may read it.

The world is built once for the module (a cell is a request in a rolled-back transaction).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from tests.matrix import (
    HIDDEN,
    SHOWN,
    Row,
    answers,
    assert_channels_agree,
    cells,
    check,
    get,
    htmx,
    module_world,
    post,
)

from arshjul.accounts.roles import SYSTEM
from arshjul.accounts.services import feed_token_for
from arshjul.meetings import services as meetings
from arshjul.meetings.models import AgendaItem
from arshjul.process.models import Step

PUBLIC, INTERNAL, DRAFT = "Kickoff", "Lägesavstämning", "Styrdialog"
DECISION = "Klartecken från matrisen"
ORG = (
    "finance_officer",
    "executive_staff",
    "secretary_committee_a",
    "member_majority_a",
    "member_opposition_a",
    "politician_opposition",
)
"""The personas who are people of the test region (they see its published internal steps)."""
READERS = ORG[1:]
"""Those of them who are not its finance office."""


def _each(names, answer) -> dict:
    return dict.fromkeys(names, answer)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from module_world(django_db_blocker, _build)


def _build(w) -> SimpleNamespace:
    # Kickoff (public) needs the go-ahead of Lägesavstämning (internal), whose meeting gave it.
    Step.objects.filter(cycle=w.cycle, key="kickoff").update(go_ahead_from="beredning")
    beredning = Step.objects.get(cycle=w.cycle, key="beredning")
    meeting = meetings.create_for_step(step=beredning, by=SYSTEM)
    AgendaItem.objects.filter(meeting=meeting).update(outcome="given", decision_text=DECISION)
    steps = {s.key: s for s in Step.objects.filter(cycle=w.cycle)}
    cycle = f"/cycles/{w.cycle.slug}"
    return SimpleNamespace(
        cycle=w.cycle,
        steps=steps,
        page=lambda key: f"{cycle}/steps/{key}/",
        api=lambda key: f"/api/v1/cycles/{w.cycle.slug}/steps/{key}",
        cycle_page=f"{cycle}/",
        cycle_api=f"/api/v1/cycles/{w.cycle.slug}/steps",
        cycle_feed=f"/feeds/cycles/{w.cycle.slug}.ics",
        body_feed=f"/feeds/bodies/{w.org.slug}/{w.rs.slug}.ics",
        officer_feed=f"/feeds/people/{feed_token_for(w.finance_officer.user).token}.ics",
        timeline=f"{cycle}/timeline/",
    )


@pytest.fixture
def subjects(db, world):
    return world.subjects


STATES = {
    "public": ("kickoff", PUBLIC),
    "internal": ("beredning", INTERNAL),
    "draft": ("styrdialog", DRAFT),
}
SEE = {
    "public": answers(200),
    "internal": answers(404, **_each(ORG, 200)),
    "draft": answers(404, finance_officer=200),
}


def _shown(state: str) -> dict:
    return {p: (SHOWN if a == 200 else HIDDEN) for p, a in SEE[state].items()}


def _step_rows(state: str) -> list[Row]:
    key, title = STATES[state]
    marker = lambda s, t=title: t  # noqa: E731
    read = SEE[state]
    # Only those who see the step get an answer about changing it: the finance office is
    # answered the step's page with the form's errors (400) (the cells send a bad date and a bad rule,
    # so that no cell changes what the next one sees; tests/matrix.py reads a 302 as "sign in"),
    # other readers are refused (403), the rest 404.
    change = {
        p: (400 if p == "finance_officer" else 403 if a == 200 else 404) for p, a in read.items()
    }
    by_key = lambda s, k=key: f'"key": "{k}"'  # noqa: E731  (JSON escapes the titles)
    step = lambda s, k=key: s.steps[k]  # noqa: E731
    return [
        Row("step", state, "list", "page", lambda s: get(s.cycle_page), _shown(state), marker),
        Row("step", state, "list", "partial", lambda s: htmx(s.cycle_page), _shown(state), marker),
        Row("step", state, "list", "api", lambda s: get(s.cycle_api), _shown(state), by_key),
        Row("step", state, "list", "feed", lambda s: get(s.cycle_feed), _shown(state), marker),
        Row("step", state, "read", "page", lambda s, k=key: get(s.page(k)), read, marker),
        Row("step", state, "read", "api", lambda s, k=key: get(s.api(k)), read, by_key),
        Row(
            "step",
            state,
            "history",
            "page",
            lambda s, k=key: get(s.page(k)),
            {
                p: (SHOWN if p == "finance_officer" else HIDDEN if a == 200 else 404)
                for p, a in read.items()
            },
            lambda s: 'id="history-heading"',
        ),
        Row(
            "step",
            state,
            "move",
            "page",
            lambda s, k=key: post(
                f"{s.page(k)}move/",
                {
                    "start": "the day after tomorrow",
                    "version": step(s).version,
                },
            ),
            change,
        ),
        Row(
            "step",
            state,
            "change",
            "page",
            lambda s, k=key: post(
                f"{s.page(k)}rule/",
                {
                    "rule": "nth Y-1 13 9 wed",
                    "election_rule": step(s).election_rule,
                    "adjust": step(s).adjust,
                    "version": step(s).version,
                },
            ),
            change,
        ),
    ]


ROWS: list[Row] = [
    Row(
        "cycle",
        "published",
        "list",
        "page",
        lambda s: get("/cycles/"),
        answers(SHOWN),
        lambda s: str(s.cycle),
    ),
    Row(
        "cycle",
        "published",
        "list",
        "api",
        lambda s: get("/api/v1/cycles"),
        answers(SHOWN),
        lambda s: s.cycle.slug,
    ),
    Row("cycle", "published", "read", "page", lambda s: get(s.cycle_page), answers(200)),
    Row(
        "cycle",
        "published",
        "read",
        "api",
        lambda s: get(f"/api/v1/cycles/{s.cycle.slug}"),
        answers(200),
    ),
    Row("cycle", "published", "export", "page", lambda s: get(s.timeline), answers(200)),
    *_step_rows("public"),
    *_step_rows("internal"),
    *_step_rows("draft"),
    # A body's feed: what the one who fetches it may see (the board takes part in Kickoff).
    Row(
        "step",
        "internal",
        "list",
        "feed",
        lambda s: get(s.body_feed),
        answers(HIDDEN),
        lambda s: INTERNAL,
    ),
    # A personal feed is a secret link: whoever holds it sees what its owner (here the finance
    # office, who takes part in Lägesavstämning by her post) may see; an unknown token is 404.
    Row(
        "step",
        "internal",
        "read",
        "feed",
        lambda s: get(s.officer_feed),
        answers(SHOWN),
        lambda s: INTERNAL,
    ),
    Row(
        "step",
        "public",
        "read",
        "feed",
        lambda s: get("/feeds/people/no-such-token.ics"),
        answers(404),
    ),
    # The raw rule (it names other steps by key) only to the finance office; the words to all.
    Row(
        "step rule",
        "public",
        "read",
        "api",
        lambda s: get(s.api("pf")),
        answers(HIDDEN, finance_officer=SHOWN),
        lambda s: "offset kickoff -1d",
    ),
    # The go-ahead from an internal meeting: its decision only to those who may read that
    # meeting (its body's people, its invitees and the finance office: here the budget chief,
    # invited by her post); the public page cache never carries it.
    Row(
        "go-ahead",
        "internal",
        "read",
        "page",
        lambda s: get(s.page("kickoff")),
        answers(HIDDEN, finance_officer=SHOWN),
        lambda s: DECISION,
    ),
    Row(
        "go-ahead",
        "internal",
        "read",
        "partial",
        lambda s: htmx(s.page("kickoff")),
        answers(HIDDEN, finance_officer=SHOWN),
        lambda s: DECISION,
    ),
]


@pytest.mark.parametrize("cell", cells(ROWS))
def test_cell(cell, client_for, subjects):
    check(cell, client_for(cell.persona), subjects)


def test_page_and_api_agree():
    assert_channels_agree(ROWS)
