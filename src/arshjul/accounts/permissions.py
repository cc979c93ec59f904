"""Who a user is in the organisation, derived from posts and memberships (no separate role list)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from arshjul.organisation.choices import EXECUTIVE_OFFICE_POSTS, FINANCE_OFFICE_POSTS
from arshjul.organisation.models import Body


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


def is_executive_office(user, *, on: dt.date | None = None) -> bool:
    """People holding the chief executive's or her head of staff's post today."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_arshjul_executive_office", None)
    if cached is not None and on is None:
        return cached
    person = person_of(user)
    result = bool(
        person
        and person.post_holdings.on(on or timezone.localdate())
        .filter(post__kind__in=EXECUTIVE_OFFICE_POSTS)
        .exists()
    )
    if on is None:
        user._arshjul_executive_office = result
    return result


def organisation_id_of(user) -> int | None:
    person = person_of(user)
    return person.organisation_id if person else None


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def bodies_served(user, *, kinds: tuple[str, ...], on: dt.date | None = None) -> set[int]:
    """Bodies whose post of one of these kinds the user holds (and their sub-bodies, so the
    board's secretary also serves its working committee)."""
    person = person_of(user)
    if person is None:
        return set()
    ids = set(
        person.post_holdings.on(_today(on))
        .filter(post__kind__in=kinds, post__body__isnull=False)
        .values_list("post__body_id", flat=True)
    )
    if ids:
        ids |= set(Body.objects.filter(parent_id__in=ids).values_list("pk", flat=True))
    return ids


def member_bodies(user, *, on: dt.date | None = None) -> set[int]:
    """Bodies in which the user has a seat (member, substitute or presidium) on that day."""
    person = person_of(user)
    if person is None:
        return set()
    return set(person.memberships.on(_today(on)).values_list("body_id", flat=True))
