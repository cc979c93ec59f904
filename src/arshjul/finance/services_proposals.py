"""Committees' change proposals on a draft frame version: propose (the committee), take in as a
change item or decline with a reason (the finance office), withdraw (the committee). Each in a
transaction, with the audit trail and refusal of a stale form (the proposal's version number)
and of any proposal on an adopted version or a party's version."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor, user_or_none
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.organisation.models import Body

from . import services_frames
from .models import ChangeItem, ChangeProposal, FrameVersion, InvestmentProject
from .models.frames import FRAME_BODY_KINDS
from .permissions_frames import can_read_version
from .permissions_proposals import can_decide, can_propose


def _draft(version: FrameVersion) -> None:
    if version.is_adopted:
        raise DomainError(
            _("The version “%(name)s” is adopted: proposals are made on a draft version.")
            % {"name": version.name},
            code="adopted",
        )
    if hasattr(version, "party_proposal"):
        raise DomainError(_("Propose changes on the region's own versions."), code="party")


def _check(
    *, version: FrameVersion, body: Body, year: int, kind: str, amount: Decimal, text: str
) -> str:
    if body.organisation_id != version.scenario.cycle.organisation_id or (
        body.kind not in FRAME_BODY_KINDS
    ):
        raise DomainError(_("Choose one of the region's committees."), code="body", field="body")
    return services_frames.check_item(
        version=version,
        year=year,
        kind=kind,
        amount=amount,
        text=text,
        kinds=tuple(ChangeProposal.Kind.values),
    )


@transaction.atomic
def propose_change(
    *,
    version: FrameVersion,
    body: Body,
    year: int,
    kind: str,
    amount: Decimal,
    text: str,
    by,
    justification: str = "",
    project: InvestmentProject | None = None,
) -> ChangeProposal:
    """A committee's proposal for its own frame on a draft version."""
    require_actor(by)
    version = (
        FrameVersion.objects.select_for_update()
        .select_related("scenario__cycle")
        .get(pk=version.pk)
    )
    if not can_propose(by, version.scenario.cycle, body.pk):
        raise DomainError(
            _("You may propose changes for your own committee only."), code="forbidden"
        )
    if not can_read_version(by, version, version.scenario.cycle):
        # A draft is the finance office's: committees propose on a prepared version.
        raise DomainError(
            _("The version “%(name)s” is not prepared yet: propose changes on a prepared one.")
            % {"name": version.name},
            code="forbidden",
        )
    _draft(version)
    text = _check(version=version, body=body, year=year, kind=kind, amount=amount, text=text)
    if project is not None and project.owner_body_id != body.pk:
        raise DomainError(
            _("Choose one of the committee's own investment projects."),
            code="project",
            field="project",
        )
    proposal = ChangeProposal.objects.create(
        frame_version=version,
        body=body,
        year=year,
        kind=kind,
        amount=amount,
        text=text,
        justification=(justification or "").strip(),
        project=project,
        proposed_by=user_or_none(by),
    )
    record(
        proposal,
        action="finance.proposal.proposed",
        by=by,
        changes={
            "version": (None, version.name),
            "committee": (None, body.short_name),
            "year": (None, year),
            "type": (None, kind),
            "amount": (None, str(amount)),
            "text": (None, text),
        },
    )
    return proposal


def _open(proposal: ChangeProposal, expected: int | None, *, by) -> ChangeProposal:
    locked = (
        ChangeProposal.objects.select_for_update(of=("self",))  # project is an outer join
        .select_related("frame_version__scenario__cycle", "body", "project")
        .get(pk=proposal.pk)
    )
    if require_version(expected, by) is not None and locked.version != expected:
        raise DomainError(
            _(
                "Someone else changed this proposal while you were looking at it. Nothing was saved."
            ),
            code="stale",
        )
    if not locked.is_open:
        raise DomainError(
            _("The proposal is already %(status)s.") % {"status": locked.get_status_display()},
            code="closed",
        )
    return locked


def _close(proposal: ChangeProposal, status: str, by, **changes) -> ChangeProposal:
    before = proposal.status
    proposal.status = status
    proposal.decided = timezone.now()
    proposal.version += 1
    proposal.save()
    record(
        proposal,
        action={
            ChangeProposal.Status.TAKEN_IN: "finance.proposal.taken_in",
            ChangeProposal.Status.DECLINED: "finance.proposal.declined",
            ChangeProposal.Status.WITHDRAWN: "finance.proposal.withdrawn",
        }[status],
        by=by,
        changes={"status": (before, status), **changes},
    )
    return proposal


def _decider(proposal: ChangeProposal, by) -> None:
    require_actor(by)
    if not can_decide(by, proposal.frame_version.scenario.cycle):
        raise DomainError(
            _("Only the finance office takes in or declines proposals."), code="forbidden"
        )


@transaction.atomic
def take_in(
    *,
    proposal: ChangeProposal,
    by,
    expected: int | None,
    amount: Decimal | None = None,
    decision: str = "",
) -> ChangeItem:
    """The finance office turns the proposal into a change item on its version (the amount
    may be changed first); the frames services check the version is still a draft."""
    require_actor(by)
    proposal = _open(proposal, expected, by=by)
    _decider(proposal, by)
    amount = proposal.amount if amount is None else amount
    text = proposal.text
    if proposal.project is not None:
        text = f"{text} ({proposal.project.name})"[:300]
    item = services_frames.add_item(
        version=proposal.frame_version,
        body=proposal.body,
        year=proposal.year,
        kind=proposal.kind,
        amount=amount,
        text=text,
        decision=decision,
        by=by,
        expected=proposal.frame_version.version,  # the item is ours; _open checked what she saw
    )
    proposal.item = item
    changes = {"item": (None, str(item))}
    if amount != proposal.amount:
        changes["amount"] = (str(proposal.amount), str(amount))
        proposal.amount = amount
    _close(proposal, ChangeProposal.Status.TAKEN_IN, by, **changes)
    return item


@transaction.atomic
def decline(*, proposal: ChangeProposal, by, expected: int | None, reason: str) -> ChangeProposal:
    require_actor(by)
    proposal = _open(proposal, expected, by=by)
    _decider(proposal, by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the proposal is declined."), code="reason", field="reason")
    proposal.reason = reason
    return _close(proposal, ChangeProposal.Status.DECLINED, by, reason=(None, reason))


@transaction.atomic
def withdraw(*, proposal: ChangeProposal, by, expected: int | None) -> ChangeProposal:
    require_actor(by)
    proposal = _open(proposal, expected, by=by)
    if not can_propose(by, proposal.frame_version.scenario.cycle, proposal.body_id):
        raise DomainError(
            _("Only the committee that proposed it may withdraw the proposal."),
            code="forbidden",
        )
    return _close(proposal, ChangeProposal.Status.WITHDRAWN, by)
