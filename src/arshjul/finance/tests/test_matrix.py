"""The finance app's permission matrix (tests/matrix.py): frame versions (draft, prepared,
adopted, another organisation's), party proposals (a draft of party O1's, a tabled one), a
committee's change proposal, the scenarios' financial space, a committee's unit budgets and the
investment plan, by
action (list, read, history, export, change, adopt) and channel (page, API, Excel), with one
exact answer for every persona.

The rule (finance.permissions_frames, permissions_party): a draft frame version is the finance
office's; a prepared or adopted one is read by everyone with a role in the process, every
committee's frames; a party's draft by its own politicians and the finance office, a tabled
proposal by everyone with a role in the process; the finance office changes and adopts, and
never adopts a party's proposal or changes a tabled one.

The world and the objects are built once for the module (a cell is a cheap request in a
transaction that is rolled back); the database is emptied after the module.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
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
    module_world,
    post,
    send,
)

from arshjul.accounts.roles import SYSTEM
from arshjul.demo.finance import V2, load_frames, load_proposals, load_space
from arshjul.demo.investments import load_investments
from arshjul.finance import services_frames, services_party
from arshjul.finance.models import FrameVersion, Scenario
from arshjul.organisation.models import Party
from arshjul.process.services import generate_cycle
from arshjul.process.tests.factories import ProcessTemplateFactory

DRAFT, PREPARED, ADOPTED = "Utkast april 2022", "Beredning mars 2022", "Fastslagen 2022"
PARTY_DRAFT, PARTY_TABLED, OTHER = "O1 utkast 2023", "T1 lagt 2023", "Grannens utkast"
PROPOSAL_TEXT = "barn- och ungdomspsykiatri"

PROCESS = (
    "executive_staff",
    "secretary_committee_a",
    "member_majority_a",
    "member_opposition_a",
    "politician_opposition",
)
"""The personas with a role in the test region's process (besides the finance office)."""
O1 = ("member_opposition_a", "politician_opposition")


def _each(names, answer) -> dict:
    return dict.fromkeys(names, answer)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The shared world and the finance objects, once for the module."""
    yield from module_world(django_db_blocker, _build)


def _build(w) -> SimpleNamespace:
    load_space(w.org)
    load_investments(w.org)  # before the frames, as the demo: its KK are part of them
    load_frames(w.org)
    load_proposals(w.org)
    scenario = Scenario.objects.get(cycle=w.cycle, name="Bas")
    v2 = FrameVersion.objects.get(scenario=scenario, name=V2)

    def version(name, *, status):
        made = services_frames.create_version(scenario=scenario, name=name, copy_from=v2, by=SYSTEM)
        if status == "prepared":
            services_frames.prepare_version(version=made, by=SYSTEM, expected=made.version)
        if status == "adopted":
            services_frames.adopt_version(version=made, by=SYSTEM, expected=made.version)
        made.refresh_from_db()
        return made

    draft = version(DRAFT, status="draft")
    prepared = version(PREPARED, status="prepared")
    adopted = version(ADOPTED, status="adopted")
    party_draft = services_party.create_proposal(
        base=adopted, party=w.opposition, name=PARTY_DRAFT, by=SYSTEM
    )
    third = Party.objects.create(organisation=w.org, name="Tredje partiet", abbreviation="T1")
    party_tabled = services_party.create_proposal(
        base=adopted, party=third, name=PARTY_TABLED, by=SYSTEM
    )
    services_party.table_proposal(
        proposal=party_tabled,
        by=SYSTEM,
        expected=party_tabled.frame_version.version,
    )
    template = ProcessTemplateFactory(organisation=w.other_org, name="Granne")
    other_cycle = generate_cycle(template=template, budget_year=2022, by=SYSTEM)
    other_scenario = Scenario.objects.create(
        cycle=other_cycle, name="Granne bas", plan_years=3, base_frames=0
    )
    other = services_frames.create_version(scenario=other_scenario, name=OTHER, by=SYSTEM)
    frames = f"/finance/cycles/{w.cycle.slug}/scenarios/{scenario.pk}/frames/"
    return SimpleNamespace(
        scenario=scenario,
        frames=frames,
        api=f"/api/v1/scenarios/{scenario.pk}/frame-versions",
        other_frames=f"/finance/cycles/{other_cycle.slug}/scenarios/{other_scenario.pk}/frames/",
        other_api=f"/api/v1/scenarios/{other_scenario.pk}/frame-versions",
        excel=f"{frames}versions/",
        other_excel=f"/finance/cycles/{other_cycle.slug}/scenarios/{other_scenario.pk}/frames/"
        "versions/",
        scenarios=f"/finance/cycles/{w.cycle.slug}/scenarios/",
        everything=f"/finance/cycles/{w.cycle.slug}/scenarios/{scenario.pk}/excel/everything/",
        v2=v2,
        versions={"draft": draft, "prepared": prepared, "adopted": adopted, "other": other},
        proposals={"draft": party_draft, "tabled": party_tabled},
        committee_a=w.committee_a,
    )


@pytest.fixture
def subjects(db, world):
    return world.subjects


def _item(s) -> dict:
    return {
        "body": s.committee_a.pk,
        "year": 2023,
        "kind": "priority",
        "amount": "5",
        "text": "Matrisens post",
    }


def _api_item(s, version) -> dict:
    return {
        "version": version.version,
        "committee": s.committee_a.slug,
        "year": 2023,
        "kind": "priority",
        "amount": "5000000",
        "text": "Matrisens post",
    }


def _frames_of(s, state) -> str:
    return s.other_frames if state == "other" else s.frames


def _api_of(s, state) -> str:
    return s.other_api if state == "other" else s.api


def _excel_of(s, state, v) -> str:
    base = s.other_excel if state == "other" else s.excel
    return f"{base}{v.pk}/excel/"


# --- the answers, per object and state ----------------------------------------------------------

NOBODY_ELSE = {"anonymous": 404, "no_person": 404, "outsider_finance": 404}


def _version_rows(state: str, name: str, *, readers: tuple, list_hidden: tuple) -> list[Row]:
    """The read rows of one frame version: listed (on its scenario's page and in the API), read
    (page, API), exported (Excel)."""
    read = answers(404, **_each(readers, 200))
    listed = answers(404, **_each(readers, SHOWN), **_each(list_hidden, HIDDEN))
    v = lambda s: s.versions[state]  # noqa: E731
    marker = lambda s: name  # noqa: E731
    return [
        Row(
            "frame version",
            state,
            "list",
            "page",
            lambda s: get(_frames_of(s, state)),
            listed,
            marker,
        ),
        Row(
            "frame version", state, "list", "api", lambda s: get(_api_of(s, state)), listed, marker
        ),
        Row(
            "frame version",
            state,
            "read",
            "page",
            lambda s: get(f"{_frames_of(s, state)}?version={v(s).pk}"),
            read,
            marker,
        ),
        Row(
            "frame version",
            state,
            "read",
            "api",
            lambda s: get(f"{_api_of(s, state)}/{v(s).pk}"),
            read,
            marker,
        ),
        Row(
            "frame version",
            state,
            "export",
            "excel",
            lambda s: get(_excel_of(s, state, v(s))),
            read,
        ),
    ]


READERS_ALL = ("finance_officer", *PROCESS)

ROWS: list[Row] = [
    *_version_rows("draft", DRAFT, readers=("finance_officer",), list_hidden=PROCESS),
    *_version_rows("prepared", PREPARED, readers=READERS_ALL, list_hidden=()),
    *_version_rows("adopted", ADOPTED, readers=READERS_ALL, list_hidden=()),
    *_version_rows("other", OTHER, readers=("outsider_finance",), list_hidden=()),
]

# History: on the page, for the finance office only (the version's audit trail).
for _state, _readers in (("draft", ()), ("prepared", PROCESS), ("adopted", PROCESS)):
    ROWS.append(
        Row(
            "frame version",
            _state,
            "history",
            "page",
            lambda s, st=_state: get(f"{s.frames}?version={s.versions[st].pk}"),
            answers(404, finance_officer=SHOWN, **_each(_readers, HIDDEN)),
            lambda s: 'id="history-heading"',
        )
    )

# Change (a change item) and adopt: the finance office; readers 403, others 404. An adopted
# version is frozen: the page says so (a redirect with a message), the API answers 400.
for _state, _readers, _page_ok, _api_ok, _adopt_api in (
    ("draft", (), 302, 201, 200),
    ("prepared", PROCESS, 302, 201, 200),
    ("adopted", PROCESS, 302, 400, 400),
):
    _others = {"anonymous": 404, "no_person": 404, "outsider_finance": 404}
    ROWS += [
        Row(
            "frame version",
            _state,
            "change",
            "page",
            lambda s, st=_state: post(
                f"{s.frames}versions/{s.versions[st].pk}/items/",
                _item(s) | {"expected": s.versions[st].version},
            ),
            answers(404, finance_officer=_page_ok, **_each(_readers, 403)),
        ),
        Row(
            "frame version",
            _state,
            "change",
            "api",
            lambda s, st=_state: api(
                "POST", f"{s.api}/{s.versions[st].pk}/items", _api_item(s, s.versions[st])
            ),
            answers(404, anonymous=401, finance_officer=_api_ok, **_each(_readers, 403)),
        ),
        Row(
            "frame version",
            _state,
            "adopt",
            "page",
            lambda s, st=_state: post(
                f"{s.frames}versions/{s.versions[st].pk}/adopt/",
                {"expected": s.versions[st].version},
            ),
            answers(404, finance_officer=302, **_each(_readers, 403)),
        ),
        Row(
            "frame version",
            _state,
            "adopt",
            "api",
            lambda s, st=_state: api(
                "POST",
                f"{s.api}/{s.versions[st].pk}/adopt",
                {"version": s.versions[st].version},
            ),
            answers(404, anonymous=401, finance_officer=_adopt_api, **_each(_readers, 403)),
        ),
    ]

# Party proposals: a draft of O1's (its politicians and the finance office), a tabled one
# (everyone with a process role).
_PARTY = {"draft": ("finance_officer", *O1), "tabled": READERS_ALL}
for _state, _name in (("draft", PARTY_DRAFT), ("tabled", PARTY_TABLED)):
    _readers = _PARTY[_state]
    _seers_of_page = tuple(p for p in READERS_ALL if p not in _readers)
    _party = lambda s, st=_state: s.proposals[st]  # noqa: E731
    _url = lambda s, st=_state: f"{s.frames}party/{s.proposals[st].pk}/"  # noqa: E731
    _vid = lambda s, st=_state: s.proposals[st].frame_version  # noqa: E731
    _editors = ("finance_officer", *O1) if _state == "draft" else ("finance_officer",)
    _read_only = tuple(p for p in _readers if p not in _editors)
    if _state == "draft":
        change_page = answers(404, finance_officer=302, **_each(O1, 302))
        change_api = answers(404, anonymous=401, finance_officer=201, **_each(O1, 201))
        adopt_page = answers(404, finance_officer=302, **_each(O1, 403))
        adopt_api = answers(404, anonymous=401, finance_officer=400, **_each(O1, 403))
    else:
        change_page = answers(404, finance_officer=400, **_each(PROCESS, 403))
        change_api = answers(404, anonymous=401, finance_officer=400, **_each(PROCESS, 403))
        adopt_page = answers(404, finance_officer=302, **_each(PROCESS, 403))
        adopt_api = answers(404, anonymous=401, finance_officer=400, **_each(PROCESS, 403))
    ROWS += [
        Row(
            "party proposal",
            _state,
            "list",
            "page",
            lambda s: get(s.frames),
            answers(404, **_each(_readers, SHOWN), **_each(_seers_of_page, HIDDEN)),
            lambda s, n=_name: n,
        ),
        Row(
            "party proposal",
            _state,
            "read",
            "page",
            lambda s, u=_url: get(u(s)),
            answers(404, **_each(_readers, 200)),
            lambda s, n=_name: n,
        ),
        Row(
            "party proposal",
            _state,
            "read",
            "api",
            lambda s, v=_vid: get(f"{s.api}/{v(s).pk}"),
            answers(404, **_each(_readers, 200)),
            lambda s, n=_name: n,
        ),
        Row(
            "party proposal",
            _state,
            "change",
            "page",
            lambda s, u=_url, v=_vid: post(f"{u(s)}items/", _item(s) | {"expected": v(s).version}),
            change_page,
        ),
        Row(
            "party proposal",
            _state,
            "change",
            "api",
            lambda s, v=_vid: api("POST", f"{s.api}/{v(s).pk}/items", _api_item(s, v(s))),
            change_api,
        ),
        Row(
            "party proposal",
            _state,
            "adopt",
            "page",
            lambda s, v=_vid: post(
                f"{s.frames}versions/{v(s).pk}/adopt/", {"expected": v(s).version}
            ),
            adopt_page,
        ),
        Row(
            "party proposal",
            _state,
            "adopt",
            "api",
            lambda s, v=_vid: api("POST", f"{s.api}/{v(s).pk}/adopt", {"version": v(s).version}),
            adopt_api,
        ),
    ]

# A committee's change proposal (HSN's, on the prepared February revision): the finance office
# and the chief executive's office read every one, a committee's people their own committee's.
ROWS.append(
    Row(
        "change proposal",
        "open",
        "list",
        "page",
        lambda s: get(f"{s.frames}?version={s.v2.pk}"),
        answers(
            404,
            finance_officer=SHOWN,
            executive_staff=SHOWN,
            secretary_committee_a=SHOWN,
            member_majority_a=SHOWN,
            member_opposition_a=SHOWN,
            politician_opposition=HIDDEN,
        ),
        lambda s: PROPOSAL_TEXT,
    )
)

# The scenarios and their financial space: the finance office and the chief executive's office.
_SPACE = answers(404, finance_officer=200, executive_staff=200)
ROWS += [
    Row("scenario", "draft", "read", "page", lambda s: get(s.scenarios), _SPACE),
    Row("scenario", "draft", "export", "excel", lambda s: get(s.everything), _SPACE),
]

# A committee's unit budgets under a version: by the version's rule, then the unit budgets'
# (the finance office, the chief executive's office, the committee's officials and members).
_UNITS = answers(
    404,
    finance_officer=200,
    executive_staff=200,
    secretary_committee_a=200,
    member_majority_a=200,
    member_opposition_a=200,
)
for _state, _answers in (("prepared", _UNITS), ("draft", answers(404, finance_officer=200))):
    _units = lambda s, st=_state: (  # noqa: E731
        f"{s.frames}versions/{s.versions[st].pk}/units/{s.committee_a.pk}/2022/"
    )
    ROWS += [
        Row("unit budget", _state, "read", "page", lambda s, u=_units: get(u(s)), _answers),
        Row(
            "unit budget",
            _state,
            "export",
            "excel",
            lambda s, u=_units: get(f"{u(s)}excel/"),
            _answers,
        ),
    ]

# The investment plan: the finance office the whole plan, a committee's officials and members
# their committees' projects (404 for those who own none). Marker: one of committee B's.
_A = ("secretary_committee_a", "member_majority_a", "member_opposition_a")
_PLAN = answers(404, finance_officer=200, **_each(_A, 200))
_PLAN_LIST = answers(404, finance_officer=SHOWN, **_each(_A, HIDDEN))
ROWS += [
    Row(
        "investment plan", "current", "read", "page", lambda s: get("/finance/investments/"), _PLAN
    ),
    Row(
        "investment plan", "current", "read", "api", lambda s: get("/api/v1/investment-plan"), _PLAN
    ),
    Row(
        "investment plan",
        "current",
        "export",
        "excel",
        lambda s: get("/finance/investments/excel/"),
        _PLAN,
    ),
    Row(
        "investment project",
        "of committee B",
        "list",
        "page",
        lambda s: get("/finance/investments/"),
        _PLAN_LIST,
        lambda s: "Bussdep",
    ),
    Row(
        "investment project",
        "of committee B",
        "list",
        "api",
        lambda s: get("/api/v1/investment-plan"),
        _PLAN_LIST,
        lambda s: "Bussdep",
    ),
]


READS = ("list", "read", "history", "export")


@pytest.mark.parametrize("cell", cells(ROWS))
def test_cell(cell, client_for, subjects):
    if cell.row.action not in READS and cell.expected == 302 and cell.persona != "anonymous":
        # A page's write answers a redirect back to the page (done, or refused with a message
        # there); tests.matrix.check reads a 302 as "sign in first".
        response = send(client_for(cell.persona), cell.row.request(subjects))
        assert response.status_code == 302, f"{cell}: got {response.status_code}"
        assert "/accounts/login/" not in response["Location"], f"{cell}: {response['Location']}"
        return
    check(cell, client_for(cell.persona), subjects)


def test_page_and_api_agree():
    assert_channels_agree([r for r in ROWS if r.action in READS])


def test_page_and_api_agree_on_writes():
    """A write's success differs by channel (a redirect, a 201); who is refused, and how (403
    may not change, 404 may not see), is the same on the page and in the API."""

    def norm(answer):
        return "reached" if answer in (200, 201, 302, 400) else answer

    rows = {}
    for row in ROWS:
        if row.action not in READS:
            rows.setdefault((row.obj, row.state, row.action), {})[row.channel] = row
    assert rows
    for key, channels in rows.items():
        page, api_row = channels["page"], channels["api"]
        for persona in PERSONAS:
            if persona == "anonymous":
                continue
            assert norm(page.answers[persona]) == norm(api_row.answers[persona]), (key, persona)
