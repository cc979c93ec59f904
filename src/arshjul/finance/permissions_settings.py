"""Who may read and change an organisation's finance settings and its existing assets' capital
costs: the finance office of the organisation (superusers too); everyone else gets a 404. The
capital costs page of a scenario (live figures from the existing assets and the investment
plan, whose projects a committee reads only its own of): every committee for those who read the
financial space, a committee's officials and members their own committees'."""

from __future__ import annotations

from arshjul.accounts.roles import in_organisation, is_finance_office_of, serving_or_seated_bodies

from .permissions import can_read_space


def can_edit_finance_settings(user, organisation_id: int | None) -> bool:
    return is_finance_office_of(user, organisation_id)


def capital_cost_bodies_for(user, cycle) -> set[int] | None:
    """None: every committee's capital costs; a set: only these committees' (empty: none)."""
    if can_read_space(user, cycle):
        return None
    if not in_organisation(user, cycle.organisation_id):
        return set()
    return serving_or_seated_bodies(user)
