"""Reads for the party budgets page: the majority's frames and a party's side by side (the
party's frames are the base version's with the party's items on top), each with its balance
check, and the party's items for the appendix. A fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from . import capital_costs
from .frames import Item, MissingIndex, balance_check, compute_frames
from .models import BaseFrame, ChangeItem, PartyProposal, Scenario
from .permissions_party import proposals_q
from .selectors_frames import VersionFrames, frames_of, shown_beside


def _readable(user, scenario: Scenario):
    q = proposals_q(user, scenario.cycle)
    qs = PartyProposal.objects.filter(frame_version__scenario=scenario).select_related(
        "party", "frame_version", "base"
    )
    return qs.filter(q) if q is not None else qs.none()


def proposal_of(scenario: Scenario, ppk: int, *, user) -> PartyProposal:
    """One party proposal of the scenario that the user may read (`permissions_party`), or 404:
    for the proposal's page and its actions."""
    try:
        return _readable(user, scenario).get(pk=ppk)
    except PartyProposal.DoesNotExist:
        raise Http404 from None


def readable_proposals(user, scenario: Scenario) -> list[PartyProposal]:
    """The scenario's party proposals that the user may read."""
    return list(_readable(user, scenario))


@dataclass
class SideBySide:
    proposal: PartyProposal
    majority: VersionFrames
    party: VersionFrames
    own_items: list[ChangeItem]


def side_by_side(
    proposal: PartyProposal, scenario: Scenario, *, balance: bool = True
) -> SideBySide:
    """`balance`: with both balance checks (for those who read the financial space)."""
    kk = capital_costs.for_scenario(scenario)
    majority = frames_of(proposal.base, scenario, kk=kk, balance=balance)
    own = list(
        ChangeItem.objects.filter(frame_version_id=proposal.frame_version_id)
        .select_related("body")
        .order_by("body__name", "year", "pk")
    )
    base_rows = list(
        BaseFrame.objects.filter(frame_version_id=proposal.base_id)
        .select_related("body")
        .order_by("body__name")
    )
    party = VersionFrames(
        version=proposal.frame_version,
        years=majority.years,
        bodies=[b.body for b in base_rows],
        frames={},
        items=majority.items + own,
    )
    index = {row.year: row.index for row in scenario.rows.all()}
    kk_amounts = kk.amounts()
    if majority.frozen:
        # On an adopted version the party builds on the figures as adopted: the same index and
        # capital costs, so that the two sides differ only by the party's items.
        index = {f.year: f.index_rate for f in majority.frames.values()}
        kk_amounts = {key: f.kk for key, f in majority.frames.items()}
    try:
        frames = compute_frames(
            years=majority.years,
            base={b.body_id: b.amount for b in base_rows},
            index=index,
            items=[
                Item(i.body_id, i.year, i.kind, i.amount, i.text, i.decision, i.one_off)
                for i in party.items
            ],
            kk=kk_amounts,
        )
    except MissingIndex as exc:
        party.missing_index = exc.year
        return SideBySide(proposal, majority, party, own)
    party.frames = frames
    party.shown, party.totals = shown_beside(frames, majority)
    party.balance = rebalance(majority, frames)
    return SideBySide(proposal, majority, party, own)


def rebalance(majority: VersionFrames, frames) -> list:
    """The party's balance check: the same revenue, central items and goal as the majority's
    (from the financial space), its own frames."""

    if not majority.balance:
        return []
    return balance_check(
        frames,
        years=majority.years,
        revenue={b.year: b.revenue for b in majority.balance},
        central={b.year: b.central for b in majority.balance},
        required={b.year: b.required for b in majority.balance},
    )
