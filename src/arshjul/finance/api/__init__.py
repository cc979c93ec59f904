"""The money's JSON API: scenarios with their assumptions and financial space, frame versions
with their frames per committee and year, change items and balance check, and the investment
plan with its projects, cash flows, components and capital costs.

Every amount is an exact decimal string in kronor ("3369600000.00"); rates are decimal strings
as fractions ("0.030000" is 3 %). Never a float.

Read: the app's own rules (finance.permissions*): scenarios and the financial space for the
finance office and the chief executive's office of the cycle's organisation; frames also for a
committee's secretary, head of administration and members (their own committee's rows, no
balance check); the investment plan for the finance office (whole) and a committee's people
(their body's projects). Anyone else gets a 404.
Change (POST, PUT, DELETE): the finance office, by the web app's session with its CSRF token;
another reader gets a 403. The rules live in the services; a stale version answers 409, an
adopted frame version refuses changes (400, code adopted).

The routes live in one module per area, each with its own router; this one mounts them in the
order of the OpenAPI schema.
"""

from __future__ import annotations

from ninja import Router

from . import frames, investments, scenarios

router = Router()
router.add_router("", scenarios.router)
router.add_router("", frames.router)
router.add_router("", investments.router)

__all__ = ["router"]
