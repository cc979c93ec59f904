"""Who may read and change party proposals (yrkanden).

The finance office of the cycle's organisation types them (and reads every one); the chief
executive's office reads every one; a party's own politicians (signed in, Person.party the
party, in the cycle's organisation) create their party's proposals, read and change their
party's drafts and table them; once tabled, everyone signed in in the organisation reads it.
The public nothing yet (404).
"""

from __future__ import annotations

from arshjul.accounts.roles import organisation_id_of, party_of

from .permissions import can_read_space
from .permissions_frames import can_edit_frames


def can_edit_party(user, cycle) -> bool:
    return can_edit_frames(user, cycle)


def can_read_proposal(user, proposal, cycle) -> bool:
    if can_read_space(user, cycle):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if organisation_id_of(user) != cycle.organisation_id:
        return False
    return proposal.is_tabled or party_of(user) == proposal.party_id


def is_party_politician(user, party_id: int, cycle) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return organisation_id_of(user) == cycle.organisation_id and party_of(user) == party_id


def can_create_proposal(user, cycle, party_id: int) -> bool:
    """The finance office for any party; a party's politicians for their own."""
    return can_edit_party(user, cycle) or is_party_politician(user, party_id, cycle)


def can_edit_proposal(user, proposal, cycle) -> bool:
    return can_create_proposal(user, cycle, proposal.party_id)


def proposing_parties(user, cycle):
    """The parties the user may create proposals for: every party of the organisation (the
    finance office) or her own (a party's politician)."""
    from arshjul.organisation.models import Party

    parties = Party.objects.filter(organisation_id=cycle.organisation_id).order_by("name")
    if can_edit_party(user, cycle):
        return parties
    own = party_of(user) if organisation_id_of(user) == cycle.organisation_id else None
    return parties.filter(pk=own) if own else parties.none()
