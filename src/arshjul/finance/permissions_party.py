"""Who may read and change party proposals (yrkanden).

The finance office of the cycle's organisation types them (and reads every one); the chief
executive's office reads every one; a party's own politicians (signed in, Person.party the
party) read their party's draft; once tabled, everyone signed in in the organisation reads it.
The public nothing yet (404).
"""

from __future__ import annotations

from arshjul.accounts.permissions import organisation_id_of

from .permissions import can_read_space
from .permissions_frames import can_edit_frames


def can_edit_party(user, cycle) -> bool:
    return can_edit_frames(user, cycle)


def party_of(user) -> int | None:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person.party_id if person is not None else None


def can_read_proposal(user, proposal, cycle) -> bool:
    if can_read_space(user, cycle):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if organisation_id_of(user) != cycle.organisation_id:
        return False
    return proposal.is_tabled or party_of(user) == proposal.party_id
