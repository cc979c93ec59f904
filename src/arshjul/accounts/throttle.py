"""Sign-in throttling with django-axes: failed sign-ins are counted in the database (so every
server process sees the same count) per user name and client address together, on the site's
sign-in page and the admin's alike.

A user name is locked from an address after LOGIN_ATTEMPTS failures within
LOGIN_LOCKOUT_SECONDS: colleagues behind the same address and the same user elsewhere sign in
as usual, so nobody can lock a whole office out, nor a user out from everywhere.
"""

from __future__ import annotations

import ipaddress
import math

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind ARSHJUL_TRUSTED_PROXIES reverse proxies
    (each appending the address it was reached from to X-Forwarded-For, as nginx's
    $proxy_add_x_forwarded_for does) the address the outermost one saw. Entries further left
    came from the client and are not trusted."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.ARSHJUL_TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not hops:
        return remote
    # Fewer hops than proxies: the request came in past the outer ones; take the first there is.
    return _address(hops[-min(trusted, len(hops))]) or remote


def user_name(request: HttpRequest, credentials: dict | None) -> str | None:
    """The user name tried, as the count knows it: without case or surrounding spaces."""
    name = credentials.get("username") if credentials else request.POST.get("username")
    return (name or "").strip().lower() or None


class ThrottleBackend(AxesStandaloneBackend):
    """Refuses a sign-in while its user name is locked from its address. A sign-in without an
    HTTP request (the test client's login, a shell) is not one from the web: nothing to count."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def unlocked_at(request: HttpRequest, credentials: dict | None):
    """When the lockout ends: the cool-off counted from the last failure that counted."""
    cool_off = get_cool_off(request)
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
    lasts = [qs.aggregate(last=Max("attempt_time"))["last"] for qs in attempts]
    return max([when for when in lasts if when] or [timezone.now()]) + cool_off


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page a locked-out sign-in answers (429), saying when she may try again."""
    until = unlocked_at(request, credentials)
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"until": timezone.localtime(until), "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
