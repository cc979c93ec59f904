"""Sign the bench's finance officer in and print the Cookie header a browser would then send.

Run by bench/run.py as `python -m bench.session [USERNAME]` with DATABASE_URL pointing at a
bench database and the bench's SECRET_KEY: `Client.force_login` makes a session the way
`django.contrib.auth.login` does and stores it in the database, where gunicorn, pointed at the
same file with the same key, finds it. A browser also holds a CSRF cookie once signed in, so
the header carries one too. Prints one JSON object: {"user": …, "cookie": "sessionid=…; …"}.
"""

from __future__ import annotations

import json
import os
import sys


def cookie_for(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.http import HttpRequest
    from django.middleware.csrf import get_token
    from django.test import Client

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    request = HttpRequest()
    get_token(request)  # a new CSRF secret, as the CSRF cookie holds it
    return (
        f"{settings.SESSION_COOKIE_NAME}={session}; "
        f"{settings.CSRF_COOKIE_NAME}={request.META['CSRF_COOKIE']}"
    )


def main() -> None:
    if "/var/bench/" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("bench.session: DATABASE_URL must point at a bench database under var/bench/")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from bench.world import FINANCE_USERNAME

    username = sys.argv[1] if len(sys.argv) > 1 else FINANCE_USERNAME
    print(json.dumps({"user": username, "cookie": cookie_for(username)}))


if __name__ == "__main__":
    main()
