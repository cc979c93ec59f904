"""Who may read and change frame versions: the one rule every channel (the frames page, the
party proposals' page, the API, the Excel exports, the charts and the history) asks.

- A **draft** version is the finance office's working material: read (and changed) by the
  finance office of the cycle's organisation only.
- A **prepared** or **adopted** version is read by every politician and official with a role
  in the organisation's process (`accounts.roles.has_process_role`): all committees' frames,
  since an opposition party needs them to write its budget.
- A party proposal's version follows the proposal's rule (`permissions_party`).
- The balance check and the financial space behind it stay with those who read the space (the
  finance office and the chief executive's office).
- Another organisation's people, the public and a user without a person read nothing (404).

The finance office changes a draft or prepared version (403 for the other readers); an adopted
version is frozen.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from arshjul.accounts import roles
from arshjul.accounts.roles import is_finance_office_of

from .permissions import can_edit_assumptions, can_read_space

READABLE_BY_PROCESS = ("prepared", "adopted")
"""The states of a region's frame version that everyone with a process role reads."""


def has_process_role(user, organisation_id: int | None) -> bool:
    """`accounts.roles.has_process_role`, asked once per user object (a request's user) and
    organisation: every frame and proposal on a page asks it."""
    memo = getattr(user, "_arshjul_process_role", None)
    if memo is None:
        memo = {}
        try:
            user._arshjul_process_role = memo
        except AttributeError:
            return roles.has_process_role(user, organisation_id)
    if organisation_id not in memo:
        memo[organisation_id] = roles.has_process_role(user, organisation_id)
    return memo[organisation_id]


def can_edit_frames(user, cycle) -> bool:
    return can_edit_assumptions(user, cycle)


def reads_draft_frames(user, cycle) -> bool:
    """The finance office of the cycle's organisation: reads draft frame versions."""
    return is_finance_office_of(user, cycle.organisation_id)


def reads_frames(user, cycle) -> bool:
    """Opens the cycle's frames pages: everyone with a role in the organisation's process."""
    return reads_draft_frames(user, cycle) or has_process_role(user, cycle.organisation_id)


def reads_balance(user, cycle) -> bool:
    """Sees the balance check (built on the financial space)."""
    return can_read_space(user, cycle)


def can_read_version(user, version, cycle) -> bool:
    """One frame version (a party proposal's too) of this cycle."""
    proposal = getattr(version, "party_proposal", None)
    if proposal is not None:
        from .permissions_party import can_read_proposal

        return can_read_proposal(user, proposal, cycle)
    if reads_draft_frames(user, cycle):
        return True
    return version.status in READABLE_BY_PROCESS and has_process_role(user, cycle.organisation_id)


def versions_visible_to(user, cycle, qs: QuerySet) -> QuerySet:
    """The frame versions of `qs` (of this cycle) the user may read, party proposals' included
    by the proposals' rule (`permissions_party.proposals_q`)."""
    from .permissions_party import proposals_q

    if reads_draft_frames(user, cycle):
        own = Q(party_proposal__isnull=True)
    elif has_process_role(user, cycle.organisation_id):
        own = Q(party_proposal__isnull=True, status__in=READABLE_BY_PROCESS)
    else:
        own = None
    party = proposals_q(user, cycle, prefix="party_proposal__")
    wanted = [q for q in (own, party) if q is not None]
    if not wanted:
        return qs.none()
    combined = wanted[0]
    for q in wanted[1:]:
        combined |= q
    return qs.filter(combined)
