"""Who is who: the one vocabulary of roles, derived from posts and memberships (no separate
role list). Every app's permissions.py states its rules in these terms."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from arshjul.organisation.choices import EXECUTIVE_OFFICE_POSTS, FINANCE_OFFICE_POSTS, PostKind
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


# --- The vocabulary every app's permissions.py speaks (each rule written once) -----------------

EDITOR_POSTS = (PostKind.COMMITTEE_SECRETARY, PostKind.HEAD_OF_ADMINISTRATION)
"""The officials who write for a body: its secretary and its head of administration."""

MANAGER_POSTS = (PostKind.OPERATIONS_MANAGER, PostKind.DEPARTMENT_MANAGER)
"""The managers of a unit (verksamhetschef, avdelningschef)."""


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def in_organisation(user, organisation_id: int | None) -> bool:
    """The user is a person of this organisation (superusers belong to every organisation)."""
    if not is_signed_in(user) or organisation_id is None:
        return False
    return bool(user.is_superuser) or organisation_id_of(user) == organisation_id


def is_finance_office_of(user, organisation_id: int | None) -> bool:
    """The finance office of this organisation (superusers too): owns the process."""
    return in_organisation(user, organisation_id) and is_finance_office(user)


def is_executive_office_of(user, organisation_id: int | None) -> bool:
    """The chief executive's office of this organisation."""
    if not in_organisation(user, organisation_id):
        return False
    return bool(user.is_superuser) or is_executive_office(user)


def is_central_office_of(user, organisation_id: int | None) -> bool:
    """The finance office or the chief executive's office of this organisation: they read the
    whole organisation's working material."""
    return is_finance_office_of(user, organisation_id) or is_executive_office_of(
        user, organisation_id
    )


def served_bodies(user, *, on: dt.date | None = None) -> set[int]:
    """Bodies the user writes for as their secretary or head of administration."""
    return bodies_served(user, kinds=EDITOR_POSTS, on=on)


def serving_or_seated_bodies(user, *, on: dt.date | None = None) -> set[int]:
    """Bodies the user serves as an official or sits in as an elected member."""
    return served_bodies(user, on=on) | member_bodies(user, on=on)


def party_of(user) -> int | None:
    """The party of the signed-in user's person, or None."""
    person = person_of(user)
    return person.party_id if person is not None else None


def managed_units(user, *, on: dt.date | None = None) -> set[int]:
    """Units the user manages on that day."""
    person = person_of(user)
    if person is None:
        return set()
    return set(
        person.post_holdings.on(_today(on))
        .filter(post__kind__in=MANAGER_POSTS, post__unit__isnull=False)
        .values_list("post__unit_id", flat=True)
    )


def has_process_role(user, organisation_id: int | None) -> bool:
    """A politician or official with a role in this organisation's process: the central
    offices, a body's officials or members, a unit's manager."""
    if not in_organisation(user, organisation_id):
        return False
    if user.is_superuser or is_central_office_of(user, organisation_id):
        return True
    return bool(serving_or_seated_bodies(user) or managed_units(user))


class SystemActor:
    """The actor of management commands and the demo loader: not a person; passes every
    permission check as a superuser would, and is recorded in the audit trail as the system (no
    user). Services are never called with `by=None`: a missing actor is refused."""

    is_authenticated = True
    is_superuser = True
    is_staff = False
    is_active = True
    is_anonymous = False
    pk = None
    id = None
    username = "system"

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def is_system(user) -> bool:
    return user is SYSTEM


# --- The same roles seen from the other side: which people hold them (for fan-outs) ----------


def people_holding(kinds, *, on: dt.date | None = None, bodies=None):
    """Person ids holding a post of these kinds on the day (of these bodies, if given)."""
    from arshjul.organisation.models import PostHolding

    qs = PostHolding.objects.on(_today(on)).filter(post__kind__in=kinds)
    if bodies is not None:
        qs = qs.filter(post__body__in=bodies)
    return qs.values("person_id")


def people_serving(body, *, on: dt.date | None = None):
    """Person ids of the body's secretary and head of administration, or of the body it is part
    of (as `served_bodies`: the board's secretary serves its working committee)."""
    bodies = [body.pk] if body.parent_id is None else [body.pk, body.parent_id]
    return people_holding(EDITOR_POSTS, on=on, bodies=bodies)


def people_seated(body_ids, *, on: dt.date | None = None):
    """Person ids with a seat in one of these bodies on the day (as `member_bodies`)."""
    from arshjul.organisation.models import Membership

    return Membership.objects.on(_today(on)).filter(body_id__in=body_ids).values("person_id")


class MissingActor(ValueError):
    """A service was called without an actor: a programming error, never treated as the
    system."""


def require_actor(by):
    """Refuse a missing actor; commands, the demo and set-up in tests pass `SYSTEM`."""
    if by is None:
        raise MissingActor(
            "a service was called with by=None: pass the user who acts, or "
            "arshjul.accounts.roles.SYSTEM for commands and the demo"
        )
    return by


def user_or_none(by):
    """The user to store in a foreign key: none for the system actor and anonymous callers."""
    if is_system(by) or not getattr(by, "is_authenticated", False):
        return None
    return by
