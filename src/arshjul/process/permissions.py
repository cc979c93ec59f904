"""Who may read and change cycles and steps; used alike by pages, API, feeds and exports.

Read: anyone sees the list of cycles; the public sees published steps marked public;
signed-in users see every published step; the finance office of the organisation sees
drafts too. Change: the finance office of the cycle's organisation only.
"""

from __future__ import annotations

from django.db.models import QuerySet

from arshjul.accounts.permissions import is_finance_office, person_of

from .choices import Visibility
from .models import Cycle, Step


def _organisation_id(user) -> int | None:
    person = person_of(user)
    return person.organisation_id if person else None


def can_edit_cycle(user, cycle: Cycle) -> bool:
    if not is_finance_office(user):
        return False
    return user.is_superuser or _organisation_id(user) == cycle.organisation_id


def can_see_drafts(user, cycle: Cycle) -> bool:
    return can_edit_cycle(user, cycle)


def steps_visible_to(user, qs: QuerySet[Step]) -> QuerySet[Step]:
    if getattr(user, "is_authenticated", False):
        if user.is_superuser:
            return qs
        if is_finance_office(user):
            org = _organisation_id(user)
            return qs.filter(published=True) | qs.filter(cycle__organisation_id=org)
        return qs.filter(published=True)
    return qs.filter(published=True, visibility=Visibility.PUBLIC)


def can_view_step(user, step: Step) -> bool:
    return steps_visible_to(user, Step.objects.filter(pk=step.pk)).exists()
