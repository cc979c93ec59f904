"""Pages and feeds as the public sees them, cached until the calendar changes.

A public page depends on the cycles' steps, the language and the day (the today marker and
the live cycles). The key holds all three; every service that changes a cycle's steps raises
its revision. The process that made a change sees it at once; other server processes read the
revisions at most PUBLIC_CACHE_STAMP_SECONDS (1 s) later, so that a cache hit needs no database
query. Names of bodies and people edited in the admin show within the timeout. Signed-in users
are never served from the cache.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import Cycle

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control", "Vary", "Content-Language")


_stamp: dict[str, object] = {"value": None, "at": 0.0}


def calendar_stamp() -> str:
    """Changes whenever any cycle or any of its steps changes: one small aggregate query,
    remembered in this process for PUBLIC_CACHE_STAMP_SECONDS."""
    now = time.monotonic()
    if (
        _stamp["value"] is not None
        and now - float(_stamp["at"]) < settings.PUBLIC_CACHE_STAMP_SECONDS
    ):
        return str(_stamp["value"])
    agg = Cycle.objects.aggregate(revisions=Sum("revision"), cycles=Count("id"))
    value = f"{agg['revisions'] or 0}.{agg['cycles']}"
    _stamp.update(value=value, at=now)
    return value


def forget_stamp() -> None:
    """Called when this process changes a cycle: its next request reads the revisions anew."""
    _stamp["value"] = None


def _key(request: HttpRequest) -> str:
    raw = "|".join(
        (
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.headers.get("HX-Request", ""),
            timezone.localdate().isoformat(),
            calendar_stamp(),
        )
    )
    return "arshjul:public:" + hashlib.sha256(raw.encode()).hexdigest()


def public_cache(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GET requests from the cache; anything personal bypasses it."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        personal = (
            request.method != "GET"
            or request.user.is_authenticated
            or "messages" in request.COOKIES  # django.contrib.messages' cookie storage
        )
        if personal or settings.PUBLIC_CACHE_SECONDS <= 0:
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, status, headers = hit
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        cacheable = response.status_code == 200 and not response.streaming and not response.cookies
        if cacheable:
            headers = [(n, response[n]) for n in KEPT_HEADERS if response.has_header(n)]
            cache.set(
                key,
                (response.content, response.status_code, headers),
                settings.PUBLIC_CACHE_SECONDS,
            )
        response["X-Cache"] = "miss" if cacheable else "bypass"
        return response

    return wrapper
