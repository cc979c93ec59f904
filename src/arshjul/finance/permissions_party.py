"""Who may read and change party proposals (yrkanden).

Read: a **draft** by the party's own politicians (signed in, Person.party the party, in the
cycle's organisation) and the finance office of the cycle's organisation; a **tabled** proposal
by every politician and official with a role in the organisation's process
(`accounts.roles.has_process_role`). The public, a user without a person and another
organisation's people read none (404).

Change: the finance office types every party's proposals; a party's own politicians create
their party's proposals, change their drafts and table them. A tabled proposal is frozen, and a
party's proposal is never adopted as the region's frame.
"""

from __future__ import annotations

from django.db.models import Q

from arshjul.accounts.roles import in_organisation, is_finance_office_of, party_of

from .permissions_frames import can_edit_frames, has_process_role


def can_edit_party(user, cycle) -> bool:
    return can_edit_frames(user, cycle)


def is_party_politician(user, party_id: int, cycle) -> bool:
    if not in_organisation(user, cycle.organisation_id):
        return False
    return party_of(user) == party_id


def can_read_proposal(user, proposal, cycle) -> bool:
    if is_finance_office_of(user, cycle.organisation_id):
        return True
    if is_party_politician(user, proposal.party_id, cycle):
        return True
    return proposal.is_tabled and has_process_role(user, cycle.organisation_id)


def proposals_q(user, cycle, *, prefix: str = "") -> Q | None:
    """The queryset filter of `can_read_proposal` (on PartyProposal, or through `prefix` on a
    model that reaches it), or None when the user reads no proposal of the cycle."""
    if is_finance_office_of(user, cycle.organisation_id):
        return Q(**{f"{prefix}pk__isnull": False})
    if not in_organisation(user, cycle.organisation_id):
        return None
    parts = []
    own = party_of(user)
    if own is not None:
        parts.append(Q(**{f"{prefix}party_id": own}))
    if has_process_role(user, cycle.organisation_id):
        parts.append(Q(**{f"{prefix}status": "tabled"}))
    if not parts:
        return None
    combined = parts[0]
    for q in parts[1:]:
        combined |= q
    return combined


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
    own = party_of(user) if in_organisation(user, cycle.organisation_id) else None
    return parties.filter(pk=own) if own else parties.none()
