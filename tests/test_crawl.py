"""A crawl of the demo as each of its people: every page reachable by a link from the start page
answers without a server error, for the public and for every demo user.

The crawl follows the links a person can click (same site, GET), visits every distinct URL shape
(numbers and slugs of one kind count as one shape) a few times, and never signs out, changes the
language or opens the admin. It is bounded, so it ends by itself, and it fails on the first
answer of 500 or more with the URL and the page it was linked from.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from arshjul.demo.load import DEMO_USERS, load_demo

DEMO_PASSWORD = "arshjul-demo"
PER_SHAPE = 2  # distinct URLs visited per shape
MAX_PAGES = 500  # per person
SKIP = (
    "/admin/",
    "/accounts/logout",
    "/language/",
    "/static/",
    "/healthz",
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _shape(url: str) -> str:
    """The URL with its ids, years and dates made generic, and its query's values dropped."""
    parts = urlsplit(url)
    path = re.sub(r"/\d[\d-]*(?=/|$)", "/N", parts.path)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return path + ("?" + "&".join(keys) if keys else "")


def _links(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and not path.startswith(SKIP):
            found.append(path)
    return found


def crawl(client: Client) -> tuple[int, list[str]]:
    """Visit what the person can reach; returns how many pages and the server errors."""
    seen: set[str] = set()
    per_shape: Counter[str] = Counter()
    queue: deque[tuple[str, str]] = deque([("/", "(start)"), ("/api/v1/openapi.json", "(start)")])
    errors: list[str] = []
    visited = 0
    while queue and visited < MAX_PAGES:
        url, came_from = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        shape = _shape(url)
        if per_shape[shape] >= PER_SHAPE:
            continue
        per_shape[shape] += 1
        visited += 1
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {url} (linked from {came_from})")
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            for link in _links(url, response.content.decode()):
                if link not in seen:
                    queue.append((link, url))
    return visited, errors


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


PEOPLE = ["(the public)"] + [username for username, _label in DEMO_USERS if username != "admin"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", PEOPLE)
def test_no_page_answers_a_server_error(demo_world, username):
    cache.clear()
    client = Client(raise_request_exception=False)
    if username != "(the public)":
        assert client.login(username=username, password=DEMO_PASSWORD)
    visited, errors = crawl(client)
    print(f"crawl as {username}: {visited} pages, {len(errors)} server errors")
    assert visited > 20, f"the crawl as {username} reached only {visited} pages"
    assert errors == [], f"server errors as {username}:\n" + "\n".join(errors)


def api_get_paths() -> list[tuple[str, str, set[str]]]:
    """Every GET operation of the API's schema with its path parameters filled from the demo's
    objects: (template, URL, the status codes the schema declares)."""
    from arshjul.api import api
    from tests.api_paths import concrete_paths, path_values

    table = path_values()
    found = []
    for template, operations in api.get_openapi_schema()["paths"].items():
        if "get" in operations:
            declared = {str(code) for code in operations["get"]["responses"]}
            found += [(template, url, declared) for url in concrete_paths(template, table)]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("username", PEOPLE)
def test_no_api_operation_answers_a_server_error(demo_world, username, record_property):
    """Every GET operation of the schema on the demo's own objects: never a server error, and
    always a status the schema declares for it, in JSON."""
    cache.clear()
    client = Client(raise_request_exception=False)
    if username != "(the public)":
        assert client.login(username=username, password=DEMO_PASSWORD)
    paths = api_get_paths()
    errors, undeclared, statuses = [], [], Counter()
    for template, url, declared in paths:
        response = client.get(url)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {url}")
        elif str(response.status_code) not in declared or response["Content-Type"] != (
            "application/json; charset=utf-8"
        ):
            undeclared.append(
                f"{response.status_code} {response['Content-Type']} {url} ({template})"
            )
    templates = len({template for template, _url, _declared in paths})
    summary = (
        f"API crawl as {username}: {len(paths)} requests on {templates} GET operations "
        f"({', '.join(f'{code}: {n}' for code, n in sorted(statuses.items()))})"
    )
    record_property("summary", summary)
    print(summary)
    assert templates >= 20
    assert errors == [], f"server errors as {username}:\n" + "\n".join(errors)
    assert undeclared == [], "answers the schema does not declare:\n" + "\n".join(undeclared)
