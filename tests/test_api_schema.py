"""The API's schema tells the truth: schemathesis sends generated requests to every operation of
/api/v1/openapi.json on the demo, as the budget chief, as a committee's secretary (each with a
signed-in session and its CSRF token) and as the public, and checks each answer: never a server
error, a status code the schema declares, its content type, and a body that conforms to the
declared schema.

Every operation is tried, writes included: the database is the test's own and each person's run
is rolled back. Path parameters are mostly real demo objects (otherwise nearly everything would
be a 404) and sometimes what schemathesis generates. Bounded: a few examples per operation.
"""

from __future__ import annotations

import json
import re
import typing
from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from arshjul.api import api
from tests.api_paths import key_of, parameter_names, path_values
from tests.test_crawl import DEMO_PASSWORD, demo_world  # noqa: F401 (a fixture)

EXAMPLES = 6  # per operation and person
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PEOPLE = ["(the public)", "budgetchef", "sekreterare.hsn"]


@contextmanager
def _in_the_test_transaction():
    """Like Django's test client: a request through the WSGI app keeps the test's connection
    (closing it would end the transaction that holds the demo and rolls back the writes)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _session(username: str) -> tuple[dict, dict]:
    """Cookies and headers of a browser: its CSRF token and, signed in, the session."""
    token = get_random_string(32)
    cookies, headers = {"csrftoken": token}, {"X-CSRFToken": token}
    if username != "(the public)":
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD)
        cookies["sessionid"] = client.cookies["sessionid"].value
    return cookies, headers


def _failure_line(operation, case, error: BaseException) -> str:
    failures = getattr(error, "exceptions", [error])
    titles = "; ".join(sorted({getattr(f, "title", type(f).__name__) for f in failures}))
    lines = str(getattr(failures[0], "message", failures[0])).strip().splitlines()
    where = [line for line in lines if line.startswith("Schema at")]
    detail = " ".join([lines[0], *where]) if lines else ""
    return f"{operation.label}: {titles} — {detail[:300]} [{case.formatted_path}]"


def run_schemathesis(username: str) -> tuple[Counter, list[str]]:
    """Every operation with a few generated requests; returns counts and failure lines."""
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = get_wsgi_application()
    cookies, headers = _session(username)
    table = path_values()
    counts: Counter = Counter()
    failures: dict[str, str] = {}

    for result in schema.get_all_operations():
        operation = result.ok()
        real = table.get(key_of(operation.path), []) if parameter_names(operation.path) else []
        counts["operations"] += 1
        with _in_the_test_transaction():
            _examples(operation, real, cookies, headers, counts, failures)()
    return counts, sorted(failures.values())


def _examples(operation, real, cookies, headers, counts, failures):
    """A hypothesis test of one operation, its path parameters mostly real objects."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), row=st.sampled_from([*real, None]))
    def try_operation(case, row):
        if row is not None:
            case.path_parameters = {**(case.path_parameters or {}), **row}
            _send_the_version_read(case, cookies)
        cache.clear()  # the sign-in throttle and the public page cache start afresh
        response = case.call(cookies=cookies, headers=headers)
        counts["requests"] += 1
        counts[f"status {response.status_code}"] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except (AssertionError, FailureGroup) as error:  # the checks that failed
            line = _failure_line(operation, case, error)
            failures.setdefault(line.split(" — ")[0], line)

    return try_operation


def _send_the_version_read(case, cookies: dict) -> None:
    """A change on a real object sends the version last read (as a client does), so that it
    goes past the lost-update check into the service; otherwise nearly every change is a 409."""
    if isinstance(case.body, dict) and "version" in case.body:
        target = case.body
    elif isinstance(case.query, dict) and "version" in case.query:
        target = case.query
    else:
        return
    # Through the WSGI app as the case itself (Django's test client would connect the closing
    # of connections to requests again, which ends the test's transaction on PostgreSQL).
    client = WsgiClient(case.operation.schema.app)
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    parts = case.formatted_path.rstrip("/").split("/")
    while len(parts) > 3:
        response = client.get("/".join(parts), headers={"Cookie": cookie})
        read = response.get_json(silent=True) if response.status_code == 200 else None
        if isinstance(read, dict) and "version" in read:
            target["version"] = read["version"]
            return
        parts.pop()


def _models(annotation, found: dict[str, set[type]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found.setdefault(annotation.__name__, set()):
            return
        found[annotation.__name__].add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, found)
    for argument in typing.get_args(annotation):
        _models(argument, found)


def test_no_two_schemas_share_a_name():
    """The schema names each model by its class name: two classes of one name would make one
    operation promise the other's fields (a feedback report's document promised a title)."""
    found: dict[str, set[type]] = {}
    for router in api._get_bound_routers():  # nested routers too
        for view in router.path_operations.values():
            for operation in view.operations:
                for model in [*operation.response_models.values(), *operation.models]:
                    _models(model, found)
    ours = {name: classes for name, classes in found.items() if "arshjul" in str(classes)}
    shared = {
        name: sorted(f"{c.__module__}.{c.__qualname__}" for c in classes)
        for name, classes in ours.items()
        if len({json.dumps(c.model_json_schema(), sort_keys=True) for c in classes}) > 1
    }
    assert len(ours) > 40
    assert shared == {}


def test_times_of_day_are_local_times_with_a_pattern():
    """A time of day has no fixed offset (summer time), so the schema declares it a local time
    in Europe/Stockholm with a pattern, never `format: time` (which promises an offset)."""
    schema = api.get_openapi_schema()
    assert '"format": "time"' not in json.dumps(schema)
    components = schema["components"]["schemas"]
    times = [
        components["StepOut"]["properties"]["start_time"],
        components["AttendanceRowOut"]["properties"]["arrived"],
        components["EntryIn"]["properties"]["left"],
        components["FeeLineOut"]["properties"]["left"],
    ]
    for declared in times:
        local = declared["anyOf"][0]
        assert local["type"] == "string" and "Europe/Stockholm" in local["description"]
        pattern = re.compile(local["pattern"])
        assert pattern.match("09:00:00") and pattern.match("13:30")
        assert not pattern.match("09:00:00+01:00") and not pattern.match("24:00")


@pytest.mark.django_db
@pytest.mark.parametrize("username", PEOPLE)
def test_every_operation_answers_what_the_schema_promises(demo_world, username, record_property):  # noqa: F811
    counts, failures = run_schemathesis(username)
    statuses = ", ".join(
        f"{key[7:]}: {n}" for key, n in sorted(counts.items()) if key[:6] == "status"
    )
    summary = (
        f"schemathesis as {username}: {counts['operations']} operations, "
        f"{counts['requests']} requests ({statuses}), {len(failures)} failures"
    )
    record_property("summary", summary)  # printed at the end of the run (conftest.py)
    print(summary, *failures, sep="\n  ")
    assert counts["operations"] >= 50
    assert failures == [], "\n".join(failures)
