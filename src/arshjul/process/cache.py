"""Pages and feeds as the public sees them, cached until the calendar changes.

A public page depends on what it shows, the language and the day (the today marker and the
live cycles). The key holds all three: the content revision (core.revision), which every
service and every admin edit raises, the language, and the date. The process that made a change
sees it at once; other server processes within PUBLIC_CACHE_STAMP_SECONDS (1 s), so that a hit
needs no database query. Signed-in users are never served from the cache, nor is a response
that sets a cookie (a CSRF token, a session).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe

from arshjul.core import revision

from .permissions import visibility_class

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control", "Vary", "Content-Language")


def _key(request: HttpRequest) -> str:
    raw = "|".join(
        (
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.headers.get("HX-Request", ""),
            timezone.localdate().isoformat(),
            str(revision.current()),
        )
    )
    return "arshjul:public:" + hashlib.sha256(raw.encode()).hexdigest()


def cached(name: str, build: Callable[[], object], *parts: object) -> object:
    """A computed value (not HTML) kept under the content revision: e.g. a cycle's chain checks."""
    if settings.PUBLIC_CACHE_SECONDS <= 0:
        return build()
    raw = "|".join((name, *map(str, parts), str(revision.current())))
    key = "arshjul:value:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.PUBLIC_CACHE_SECONDS)
    return value


def fragment(request: HttpRequest, name: str, build: Callable[[], str]) -> str:
    """A piece of a page for everyone who sees the same steps (signed-in users too), cached
    under the content revision, the language, the day and the request's query."""
    if settings.PUBLIC_CACHE_SECONDS <= 0:
        return build()
    raw = "|".join(
        (
            name,
            visibility_class(request.user),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            timezone.localdate().isoformat(),
            str(revision.current()),
        )
    )
    key = "arshjul:fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, settings.PUBLIC_CACHE_SECONDS)
    return mark_safe(html)


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
        cacheable = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A CSRF token rendered into the page is one visitor's: never share it.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "CSRF_COOKIE" not in request.META
        )
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
