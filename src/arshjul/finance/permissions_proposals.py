"""Who may propose, read and decide committees' change proposals.

A committee's secretary or head of administration (documents' EDITOR_POSTS) and its members
(the chair among them) propose changes for their own committee and read their own committee's
proposals, and withdraw an open one; the finance office of the cycle's organisation reads every
proposal and takes it in or declines it; the chief executive's office reads every proposal;
everyone else nothing.
"""

from __future__ import annotations

from arshjul.accounts.roles import organisation_id_of, serving_or_seated_bodies

from .permissions import can_read_space
from .permissions_frames import can_edit_frames


def proposing_bodies(user, cycle) -> set[int]:
    """The committees the user may propose changes for (their own)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if organisation_id_of(user) != cycle.organisation_id:
        return set()
    return serving_or_seated_bodies(user)


def can_propose(user, cycle, body_id: int) -> bool:
    return body_id in proposing_bodies(user, cycle)


def can_decide(user, cycle) -> bool:
    """Take in or decline: the finance office."""
    return can_edit_frames(user, cycle)


def proposal_bodies_for(user, cycle) -> set[int] | None:
    """None: every committee's proposals; a set: only these committees' (empty: none)."""
    if can_read_space(user, cycle):
        return None
    return proposing_bodies(user, cycle)
