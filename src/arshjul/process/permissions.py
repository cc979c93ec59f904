"""Who may read and change cycles and steps; used alike by pages, API, feeds and exports.

Read: anyone sees the list of cycles; the public sees published steps marked public;
signed-in people also see their own organisation's published internal steps; its finance
office sees its drafts too. Change: the finance office of the cycle's organisation only.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from arshjul.accounts.roles import is_finance_office, is_finance_office_of, person_of

from .choices import Visibility
from .models import Cycle, Step


def _organisation_id(user) -> int | None:
    person = person_of(user)
    return person.organisation_id if person else None


def can_edit_cycle(user, cycle: Cycle) -> bool:
    return is_finance_office_of(user, cycle.organisation_id)


def can_see_drafts(user, cycle: Cycle) -> bool:
    return can_edit_cycle(user, cycle)


def steps_visible_to(user, qs: QuerySet[Step]) -> QuerySet[Step]:
    """The steps of `qs` that `user` may see (lists, feeds, API and exports all use this)."""
    public = Q(published=True, visibility=Visibility.PUBLIC)
    if not getattr(user, "is_authenticated", False):
        return qs.filter(public)
    if user.is_superuser:
        return qs
    org = _organisation_id(user)
    if org is None:
        return qs.filter(public)
    own = Q(cycle__organisation_id=org)
    if is_finance_office(user):
        return qs.filter(public | own)
    return qs.filter(public | (own & Q(published=True)))


def visibility_class(user) -> str:
    """A name for everyone who sees exactly the same steps as `user` (steps_visible_to)."""
    if not getattr(user, "is_authenticated", False):
        return "public"
    if user.is_superuser:
        return "all"
    org = _organisation_id(user)
    if org is None:
        return "public"
    return f"finance:{org}" if is_finance_office(user) else f"member:{org}"


def can_view_step(user, step: Step) -> bool:
    return steps_visible_to(user, Step.objects.filter(pk=step.pk)).exists()
