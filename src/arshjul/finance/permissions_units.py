"""Who may read and change unit budgets.

The finance office of the cycle's organisation and the committee's secretary or head of
administration edit every unit of the committee; a unit's manager (verksamhetschef,
avdelningschef) edits her own unit; the chief executive's office and the committee's members
read; everyone else gets a 404.
"""

from __future__ import annotations

from arshjul.accounts.roles import EDITOR_POSTS, bodies_served, managed_units, member_bodies
from arshjul.organisation.models import Unit

from .permissions import can_read_space
from .permissions_frames import can_edit_frames


def unit_access(user, cycle, body) -> tuple[bool, bool, set[int]]:
    """(reads the page, edits every unit of the committee, the units she edits as manager)."""
    if not getattr(user, "is_authenticated", False):
        return False, False, set()
    if body.organisation_id != cycle.organisation_id:
        return False, False, set()
    if can_edit_frames(user, cycle) or body.pk in bodies_served(user, kinds=EDITOR_POSTS):
        return True, True, set()
    managed = managed_units(user)
    if managed and body.units.filter(pk__in=managed).exists():
        return True, False, managed
    reads = can_read_space(user, cycle) or body.pk in member_bodies(user)
    return reads, False, set()


def can_edit_unit(user, cycle, unit) -> bool:
    if unit.body is None:
        return False
    _reads, all_units, managed = unit_access(user, cycle, unit.body)
    return all_units or unit.pk in managed


def unit_bodies_for(user, cycle) -> set[int] | None:
    """The committees whose unit budgets the user reads (`unit_access`'s rule as a set): None
    for every committee, for the frames page's links."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if can_edit_frames(user, cycle) or can_read_space(user, cycle):
        return None
    managed = managed_units(user)
    bodies = set(Unit.objects.filter(pk__in=managed).values_list("body_id", flat=True))
    return bodies | bodies_served(user, kinds=EDITOR_POSTS) | member_bodies(user)
