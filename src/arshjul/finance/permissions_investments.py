"""Who may read and change the investment plan.

Change: the finance office of the plan's organisation (superusers too). Read: the finance
office sees the whole plan; a committee's secretary and head of administration
(documents.permissions.EDITOR_POSTS) and its members see the projects their body owns. Anyone
else sees nothing (404)."""

from __future__ import annotations

from django.db.models import QuerySet

from arshjul.accounts.roles import (
    is_finance_office_of,
    organisation_id_of,
    serving_or_seated_bodies,
)

from .models import InvestmentPlan, InvestmentProject


def can_edit_plan(user, plan: InvestmentPlan) -> bool:
    return is_finance_office_of(user, plan.organisation_id)


def reader_bodies(user) -> set[int]:
    """The bodies whose projects a committee's people may read."""
    return serving_or_seated_bodies(user)


def projects_visible_to(
    user, plan: InvestmentPlan, qs: QuerySet[InvestmentProject]
) -> QuerySet[InvestmentProject]:
    if can_edit_plan(user, plan):
        return qs
    if organisation_id_of(user) != plan.organisation_id:
        return qs.none()
    return qs.filter(owner_body_id__in=reader_bodies(user))
