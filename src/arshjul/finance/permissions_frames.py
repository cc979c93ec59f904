"""Who may read and change frames.

The finance office of the cycle's organisation edits (and reads everything); the chief
executive's office reads everything; a committee's secretary or head of administration and its
members read their own committee's rows only (and not the region's balance check); everyone else
gets a 404.
"""

from __future__ import annotations

from arshjul.accounts.roles import organisation_id_of, serving_or_seated_bodies

from .permissions import can_edit_assumptions, can_read_space


def can_edit_frames(user, cycle) -> bool:
    return can_edit_assumptions(user, cycle)


def frame_bodies_for(user, cycle) -> set[int] | None:
    """None: the user reads every committee's frames; a set: only these committees' (empty:
    nothing)."""
    if can_read_space(user, cycle):
        return None
    if not getattr(user, "is_authenticated", False):
        return set()
    if organisation_id_of(user) not in (None, cycle.organisation_id):
        return set()
    return serving_or_seated_bodies(user)
