"""The permission matrix as a table: persona × object (in a state) × action × channel → answer.

Each app's `tests/test_matrix.py` declares `ROWS`, a list of `Row`: one object in one state, one
action, one channel, how to make the request, and the answer for every persona. `cells(ROWS)`
turns them into one parametrised test case per cell, and `check(...)` asserts the exact answer:

- an HTTP status (200, 302, 403, 404, 409 …): exactly that status; a 302 sends the public to
  the sign-in page and anyone signed in elsewhere (a write done, back to its page);
- `SHOWN` / `HIDDEN`: the list or page answers 200 and shows / does not show the row's `marker`
  (an object's title or a figure that only its readers may see).

With a `marker`, a 200 must show it and any other answer must not leak it. Where the page and
the API answer for the same object and action, both rows carry the same answers (asserted by
`assert_channels_agree`). `docs/development.md`'s section "Who may do what" is generated from
every app's ROWS (`scripts/who_may_do_what.py`); a test keeps it current.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

PERSONAS = (
    "anonymous",
    "no_person",
    "finance_officer",
    "executive_staff",
    "secretary_committee_a",
    "member_majority_a",
    "member_opposition_a",
    "politician_opposition",
    "outsider_finance",
)
"""The issue's personas, in the order the generated table shows them."""

PERSONA_LABELS = {
    "anonymous": "the public",
    "no_person": "a user without a person",
    "finance_officer": "the budget chief",
    "executive_staff": "the chief executive's staff",
    "secretary_committee_a": "committee A's secretary",
    "member_majority_a": "a majority member of committee A",
    "member_opposition_a": "an opposition member of committee A",
    "politician_opposition": "an opposition party's politician",
    "outsider_finance": "another organisation's finance officer",
    "politician_majority": "the board's chair (majority)",
    "secretary_committee_b": "committee B's secretary",
}

SHOWN = "shown"
HIDDEN = "hidden"

CHANNELS = ("page", "partial", "api", "feed", "excel", "word", "pdf")
ACTIONS = ("list", "read", "history", "download", "export", "change", "move", "adopt", "create")


@dataclass(frozen=True)
class Req:
    """One request: method, path, form or JSON data, extra headers."""

    method: str
    path: str
    data: dict | None = None
    json: bool = False
    headers: dict = field(default_factory=dict)


def get(path: str, **headers: str) -> Req:
    return Req("GET", path, headers=headers)


def htmx(path: str) -> Req:
    return Req("GET", path, headers={"HTTP_HX_REQUEST": "true"})


def post(path: str, data: dict | None = None) -> Req:
    return Req("POST", path, data=data or {})


def api(method: str, path: str, data: dict | None = None) -> Req:
    return Req(method, path, data=data, json=True)


@dataclass(frozen=True)
class Row:
    """One object in one state, one action on one channel, and each persona's answer.

    `request` takes the test's subjects (the app's objects, built by its fixture) and returns
    the request to make. `answers` maps persona → status or SHOWN/HIDDEN; every persona in
    PERSONAS must be there. `marker(subjects)` gives a text that a reader sees and nobody else.
    """

    obj: str
    state: str
    action: str
    channel: str
    request: Callable[[Any], Req]
    answers: dict[str, int | str]
    marker: Callable[[Any], str] | None = None

    def __post_init__(self) -> None:
        missing = [p for p in PERSONAS if p not in self.answers]
        assert not missing, f"{self.obj}/{self.state}/{self.action}/{self.channel}: {missing}"
        assert self.channel in CHANNELS, self.channel
        assert self.action in ACTIONS, self.action
        for answer in self.answers.values():
            assert answer in (SHOWN, HIDDEN) or isinstance(answer, int), answer
            if answer in (SHOWN, HIDDEN):
                assert self.marker is not None, "SHOWN/HIDDEN need a marker"

    @property
    def key(self) -> str:
        return f"{self.obj} ({self.state}) {self.action} via {self.channel}"


@dataclass(frozen=True)
class Cell:
    row: Row
    persona: str

    @property
    def expected(self) -> int | str:
        return self.row.answers[self.persona]

    def __str__(self) -> str:
        return f"{self.persona}: {self.row.key} -> {self.expected}"


def answers(default: int | str, **overrides: int | str) -> dict[str, int | str]:
    """Every persona's answer: `default` unless overridden by name."""
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, unknown
    return {p: overrides.get(p, default) for p in PERSONAS}


def cells(rows: Iterable[Row]) -> list:
    """pytest params, one per (row, persona), with readable ids."""
    out = []
    for row in rows:
        for persona in PERSONAS:
            ident = f"{row.obj}-{row.state}-{row.action}-{row.channel}-{persona}"
            out.append(pytest.param(Cell(row, persona), id=ident.replace(" ", "_")))
    return out


def send(client, req: Req):
    kwargs = dict(req.headers)
    if req.method == "GET":
        return client.get(req.path, req.data or {}, **kwargs)
    if req.json:
        return client.generic(
            req.method,
            req.path,
            json.dumps(req.data or {}),
            content_type="application/json",
            **kwargs,
        )
    return client.post(req.path, req.data or {}, **kwargs)


def body_text(response) -> str:
    if getattr(response, "streaming", False):
        return ""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        # JSON escapes non-ASCII letters ("v\u00e5rd"); a marker is looked for as written.
        try:
            return json.dumps(json.loads(response.content), ensure_ascii=False)
        except ValueError:
            return response.content.decode("utf-8", "replace")
    if content_type.startswith("text/"):
        return response.content.decode("utf-8", "replace")
    return ""


def check(cell: Cell, client, subjects) -> None:
    """Asserts the cell's exact answer (and that no other answer leaks the marker)."""
    row = cell.row
    req = row.request(subjects)
    response = send(client, req)
    expected = cell.expected
    marker = row.marker(subjects) if row.marker else None
    text = body_text(response)
    where = f"{cell} [{req.method} {req.path}]"
    if expected in (SHOWN, HIDDEN):
        assert response.status_code == 200, f"{where}: got {response.status_code}"
        if expected == SHOWN:
            assert marker in text, f"{where}: {marker!r} missing"
        else:
            assert marker not in text, f"{where}: {marker!r} leaked"
        return
    assert response.status_code == expected, f"{where}: got {response.status_code}"
    if expected == 302:
        # For the public a redirect is to the sign-in page; for anyone signed in it is a write
        # done and the page it leads back to, never the sign-in page.
        to_sign_in = "/accounts/login/" in response["Location"]
        assert to_sign_in == (cell.persona == "anonymous"), f"{where}: {response['Location']}"
    if marker and expected != 200:
        assert marker not in text, f"{where}: {marker!r} leaked in a {expected}"
    if marker and expected == 200 and text:
        assert marker in text, f"{where}: {marker!r} missing"


def assert_channels_agree(rows: Iterable[Row], first: str = "page", second: str = "api") -> None:
    """Where a page and the API answer for the same object, state and action, every persona's
    answer is the same (a SHOWN list equals a 200 read, HIDDEN a 404)."""

    def norm(answer: int | str) -> int | str:
        return {SHOWN: 200, HIDDEN: 404, 302: 401}.get(answer, answer)

    by_key: dict[tuple, dict[str, Row]] = {}
    for row in rows:
        by_key.setdefault((row.obj, row.state, row.action), {})[row.channel] = row
    for key, channels in by_key.items():
        if first in channels and second in channels:
            a, b = channels[first].answers, channels[second].answers
            for persona in PERSONAS:
                left, right = norm(a[persona]), norm(b[persona])
                # The API answers 401 to the anonymous and the page sends her to sign in.
                if persona == "anonymous" and {left, right} <= {401, 403}:
                    continue
                assert left == right, (
                    f"{key} {persona}: {first} {a[persona]} ≠ {second} {b[persona]}"
                )


def module_world(django_db_blocker, build: Callable[[Any], Any]):
    """A module-scoped fixture's body: the shared world plus the module's own objects
    (`build(world)`, as `world.subjects`), built once and flushed afterwards, even when the
    build fails, so that no later module in this worker meets a half-built world."""
    from django.core.management import call_command

    from tests.fixtures import build_world

    try:
        with django_db_blocker.unblock():
            w = build_world()
            w.subjects = build(w)
        yield w
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
