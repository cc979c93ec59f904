"""Who a user is in the organisation, derived from posts and memberships (no separate role list)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from arshjul.organisation.choices import FINANCE_OFFICE_POSTS


def person_of(user):
    """The Person linked to this user, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Exception:  # RelatedObjectDoesNotExist
        return None


def is_finance_office(user, *, on: dt.date | None = None) -> bool:
    """Superusers, and people holding a finance-office post today, own the process."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_arshjul_finance_office", None)
    if cached is not None and on is None:
        return cached
    person = person_of(user)
    result = bool(
        person
        and person.post_holdings.on(on or timezone.localdate())
        .filter(post__kind__in=FINANCE_OFFICE_POSTS)
        .exists()
    )
    if on is None:
        user._arshjul_finance_office = result
    return result
