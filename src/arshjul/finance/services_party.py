"""Changes to party proposals: create one on a base version (nothing is copied; the base is
linked), add and remove its change items (the frames services, so the same checks, audit and
stale-version refusal apply), and table it (from then on it is frozen)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.organisation.models import Body, Party

from . import services_frames
from .models import ChangeItem, FrameVersion, PartyProposal
from .permissions_party import can_create_proposal


def _allowed(by, cycle, party_id: int) -> None:
    """The finance office changes every party's proposals; a party's politicians their own."""
    require_actor(by)
    if not can_create_proposal(by, cycle, party_id):
        raise DomainError(_("You may not change this party's proposals."), code="forbidden")


def _open(proposal: PartyProposal, by) -> PartyProposal:
    require_actor(by)
    locked = (
        PartyProposal.objects.select_for_update()
        .select_related("frame_version__scenario__cycle", "party")
        .get(pk=proposal.pk)
    )
    _allowed(by, locked.frame_version.scenario.cycle, locked.party_id)
    if locked.is_tabled:
        raise DomainError(
            _("The proposal is tabled and cannot be changed."), code="tabled", field=None
        )
    return locked


@transaction.atomic
def create_proposal(*, base: FrameVersion, party: Party, by, name: str = "") -> PartyProposal:
    """A party's proposal on `base` (a version of the same organisation), empty: it holds only
    the party's own change items."""
    require_actor(by)
    cycle = base.scenario.cycle
    if party.organisation_id != cycle.organisation_id:
        raise DomainError(_("Choose one of the region's parties."), code="party", field="party")
    _allowed(by, cycle, party.pk)
    if hasattr(base, "party_proposal"):
        raise DomainError(_("Build a proposal on the majority's version."), code="base")
    if base.is_draft:
        # A draft is the finance office's: the party's politicians would read it through their
        # proposal (finance.permissions_frames).
        raise DomainError(
            _("Build a proposal on a prepared or adopted version; “%(name)s” is a draft.")
            % {"name": base.name},
            code="base",
            field="base",
        )
    name = (name or "").strip() or _("%(party)s: proposal on %(base)s") % {
        "party": party.name,
        "base": base.name,
    }
    version = services_frames.create_version(
        scenario=base.scenario, name=name[:120], by=by, permitted=True
    )
    proposal = PartyProposal.objects.create(frame_version=version, party=party, base=base)
    record(
        version,
        action="finance.party.proposal_created",
        by=by,
        changes={"party": (None, party.abbreviation), "based on": (None, base.name)},
    )
    return proposal


@transaction.atomic
def add_item(
    *,
    proposal: PartyProposal,
    body: Body,
    year: int,
    kind: str,
    amount: Decimal,
    text: str,
    by,
    expected: int | None,
    decision: str = "",
    one_off: bool = False,
) -> ChangeItem:
    proposal = _open(proposal, by)
    return services_frames.add_item(
        version=proposal.frame_version,
        body=body,
        year=year,
        kind=kind,
        amount=amount,
        text=text,
        by=by,
        expected=expected,
        decision=decision,
        one_off=one_off,
        permitted=True,
    )


@transaction.atomic
def remove_item(*, proposal: PartyProposal, item: ChangeItem, by, expected: int | None) -> None:
    proposal = _open(proposal, by)
    if item.frame_version_id != proposal.frame_version_id:
        raise DomainError(_("The item is not the party's."), code="item")
    services_frames.remove_item(item=item, by=by, expected=expected, permitted=True)


@transaction.atomic
def table_proposal(
    *, proposal: PartyProposal, by, expected: int | None, on: dt.date | None = None
) -> PartyProposal:
    """Table the proposal: everyone with a role in the process reads it; it is frozen."""
    proposal = _open(proposal, by)
    version = FrameVersion.objects.select_for_update().get(pk=proposal.frame_version_id)
    if require_version(expected, by) is not None and version.version != expected:
        raise DomainError(
            _("Someone else changed this proposal while you were editing it. Nothing was saved."),
            code="stale",
        )
    proposal.status = PartyProposal.Status.TABLED
    proposal.tabled_on = on or timezone.localdate()
    proposal.save(update_fields=["status", "tabled_on"])
    version.version += 1
    version.save(update_fields=["version"])
    record(
        version,
        action="finance.party.proposal_tabled",
        by=by,
        changes={"status": ("draft", "tabled"), "tabled_on": (None, str(proposal.tabled_on))},
    )
    return proposal
