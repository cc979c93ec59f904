"""Sign-in throttling (django-axes): counted in the database per user name and client address,
the client address read behind the trusted proxies, the admin's sign-in included, and the
locked-out user told in Swedish when she may try again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from arshjul.organisation.tests.factories import UserFactory

PASSWORD = "secret-password"
PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the app from it


def _client(address: str | None = None, *, spoofed: str = "") -> Client:
    """A browser at `address`, through the proxy when one is given (the proxy appends the
    address it was reached from to whatever X-Forwarded-For the browser sent)."""
    if address is None:
        return Client()
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def _sign_in(client: Client, username: str, password: str, path: str = "/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.ARSHJUL_TRUSTED_PROXIES = 1
    return settings


def test_failures_lock_one_user_name_not_her_colleagues_behind_the_proxy(world, limits):
    office = _client("198.51.100.7")
    for _ in range(2):
        assert _sign_in(office, "finance_officer", "wrong").status_code == 200
    locked = _sign_in(office, "finance_officer", "wrong")
    assert locked.status_code == 429
    # Locked: even the right password is refused.
    assert _sign_in(office, "finance_officer", PASSWORD).status_code == 429
    # A colleague at the same office address, through the same proxy, signs in as usual.
    colleague = _client("198.51.100.7")
    assert _sign_in(colleague, "executive_staff", PASSWORD).status_code == 302
    # And the locked user from home.
    assert _sign_in(_client("203.0.113.50"), "finance_officer", PASSWORD).status_code == 302


def test_failures_are_counted_across_server_processes(world, limits):
    """The count lives in the database: a cache emptied (another worker) still knows it."""
    from django.core.cache import cache

    office = _client("198.51.100.7")
    for _ in range(2):
        _sign_in(office, "finance_officer", "wrong")
        cache.clear()
    assert _sign_in(office, "finance_officer", "wrong").status_code == 429


def test_user_name_counted_without_case(world, limits):
    office = _client("198.51.100.7")
    for name in ("finance_officer", "Finance_Officer", " FINANCE_OFFICER"):
        response = _sign_in(office, name, "wrong")
    assert response.status_code == 429


def test_a_spoofed_forwarded_for_does_not_escape_the_lockout(world, limits):
    for fake in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        response = _sign_in(_client("198.51.100.7", spoofed=fake), "finance_officer", "wrong")
    assert response.status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(world, limits):
    limits.ARSHJUL_TRUSTED_PROXIES = 0
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        response = _sign_in(_client(address), "finance_officer", "wrong")
    # All three came from the proxy's address (REMOTE_ADDR): one lockout.
    assert response.status_code == 429


def test_with_two_trusted_proxies_the_address_the_outer_one_saw_counts(world, limits):
    """Browser → load balancer (appends the browser's address) → nginx (appends the load
    balancer's) → the app."""
    limits.ARSHJUL_TRUSTED_PROXIES = 2

    def via_balancer(browser: str, balancer: str) -> Client:
        return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{browser}, {balancer}")

    for balancer in ("10.9.0.1", "10.9.0.2"):  # which balancer varies: it is not the client
        _sign_in(via_balancer("198.51.100.7", balancer), "finance_officer", "wrong")
    locked = _sign_in(via_balancer("198.51.100.7", "10.9.0.3"), "finance_officer", "wrong")
    assert locked.status_code == 429
    elsewhere = _sign_in(via_balancer("198.51.100.8", "10.9.0.3"), "finance_officer", PASSWORD)
    assert elsewhere.status_code == 302


def test_the_admin_sign_in_is_throttled(world, limits):
    UserFactory(username="admin_user", is_staff=True, is_superuser=True)
    office = _client("198.51.100.7")
    for _ in range(2):
        assert _sign_in(office, "admin_user", "wrong", "/admin/login/").status_code == 200
    assert _sign_in(office, "admin_user", "wrong", "/admin/login/").status_code == 429
    assert _sign_in(office, "admin_user", PASSWORD, "/admin/login/").status_code == 429
    # The same count as the site's own sign-in page: locked there too.
    assert _sign_in(office, "admin_user", PASSWORD).status_code == 429


def test_the_lockout_page_says_in_swedish_when_to_try_again(world, limits):
    limits.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    office = _client("198.51.100.7")
    for _ in range(3):
        response = _sign_in(office, "finance_officer", "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    until = timezone.localtime(timezone.now() + dt.timedelta(minutes=15))
    earliest = timezone.localtime(timezone.now() + dt.timedelta(minutes=14))
    assert "För många misslyckade inloggningar" in page
    assert f"kl. {until:%H:%M}" in page or f"kl. {earliest:%H:%M}" in page
    assert "om 15 minuter" in page
    assert 'class="site-header"' in page  # in the site's layout


def test_a_success_clears_her_failures(world, limits):
    office = _client("198.51.100.7")
    for _ in range(2):
        _sign_in(office, "finance_officer", "wrong")
    assert _sign_in(office, "finance_officer", PASSWORD).status_code == 302
    for _ in range(2):
        assert _sign_in(_client("198.51.100.7"), "finance_officer", "wrong").status_code == 200


def test_the_lockout_ends_after_the_cool_off(world, limits):
    office = _client("198.51.100.7")
    for _ in range(3):
        _sign_in(office, "finance_officer", "wrong")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(hours=1))
    assert _sign_in(office, "finance_officer", PASSWORD).status_code == 302
