"""Count each page's SQL queries, and time it single-threaded, in-process with the test Client.

Run by bench/run.py as `python -m bench.queries [--user USERNAME] PATH…` with DATABASE_URL
pointing at one of the bench databases; prints one JSON object: per path, the status, the query
count (of the second request, so that one-off caches are warm), the queries grouped by their SQL
shape, and the median time of a few requests without any concurrency. With --user the client
is signed in as that user first (Client.force_login, a session in the database, as
bench/session.py does for the load), so the counts include the session and the user's lookups.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from collections import Counter

RUNS = 5


def _shape(sql: str) -> str:
    """The SQL with its literal values taken out, so that repeated queries group together."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"IN \((\?, )*\?\)", "IN (…)", sql)
    return sql[:160]


def measure(paths: list[str], username: str | None = None) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from arshjul.accounts.roles import is_finance_office

    client = Client(HTTP_HOST="127.0.0.1")
    if username:
        user = get_user_model().objects.get(username=username)
        if not is_finance_office(user):
            sys.exit(f"bench.queries: {username} does not hold a finance-office post today")
        client.force_login(user)
    results = {}
    for path in paths:
        response = client.get(path)  # warm: translations, templates, content types
        if username and not response.wsgi_request.user.is_authenticated:
            sys.exit(f"bench.queries: {path} was not served to {username} signed in")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        # Read them now: the next request's request_started signal empties the log.
        queries = [q["sql"] for q in ctx.captured_queries]
        shapes = Counter(_shape(sql) for sql in queries)
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
        results[path] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(queries),
            "repeated": {sql: n for sql, n in shapes.items() if n > 1},
            "in_process_ms": round(statistics.median(times), 2),
            "in_process_min_ms": round(min(times), 2),
        }
    return results


def main() -> None:
    if "/var/bench/" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("bench.queries: DATABASE_URL must point at a bench database under var/bench/")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    args = sys.argv[1:]
    username = None
    if args[:1] == ["--user"]:
        username, args = args[1], args[2:]
    print(json.dumps(measure(args, username)))


if __name__ == "__main__":
    main()
