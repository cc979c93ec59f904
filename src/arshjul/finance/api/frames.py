"""Frame versions: their frames per committee and year, change items, adoption."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body

from .. import selectors_frames, services_frames, services_party
from ..models import ChangeItem, FrameVersion, Scenario
from ..permissions_frames import reads_balance, reads_frames
from ._common import (
    AMOUNT,
    DECIMAL,
    TAGS,
    CommitteeOut,
    _decimal,
    _kr,
    operation_id,
)

router = Router(tags=TAGS)


class VersionRefOut(Schema):
    id: int
    name: str
    status: str = Field(
        ...,
        description="draft (read by the finance office only), prepared (read by everyone with "
        "a role in the process) or adopted (frozen).",
    )
    adopted_on: dt.date | None
    copied_from: int | None
    version: int = Field(..., description="Send it back with a change; 409 if changed meanwhile.")


class FrameOut(Schema):
    committee: str = Field(..., description="The committee's slug.")
    year: int
    value: str = Field(..., description="The frame in kronor, capital costs included.")
    without_capital_costs: str
    carried: str = Field(..., description="Last year's frame without capital costs and one-offs.")
    index_rate: str
    index_amount: str
    capital_costs: str
    capital_costs_change: str
    items: dict[str, str] = Field(..., description="The change items' sum per type.")


class ItemOut(Schema):
    id: int
    committee: str
    year: int
    kind: str = Field(..., description="index, priority, saving or adjustment.")
    amount: str = Field(..., description="As entered, in kronor; a saving is deducted.")
    text: str
    decision: str
    one_off: bool


class BalanceOut(Schema):
    year: int
    revenue: str = Field(..., description="S + B + FN.")
    frames: str
    central: str
    result: str
    required: str
    below_zero: bool
    below_goal: bool


class VersionOut(VersionRefOut):
    scenario: int
    years: list[int]
    committees: list[CommitteeOut]
    frames: list[FrameOut]
    items: list[ItemOut]
    balance: list[BalanceOut] | None = Field(
        ...,
        description="The balance check per year; null for those who do not read the "
        "financial space.",
    )
    missing_index: int | None = Field(..., description="A year without an index: no frames.")
    missing_space: bool


def _ref(version: FrameVersion) -> dict:
    return {
        "id": version.pk,
        "name": version.name,
        "status": version.status,
        "adopted_on": version.adopted_on,
        "copied_from": version.copied_from_id,
        "version": version.version,
    }


def _frames_scenario(request: HttpRequest, pk: int) -> tuple[Scenario, set[int] | None]:
    try:
        scenario = selectors_frames.scenario_for_frames(pk)
    except Scenario.DoesNotExist:
        raise Http404 from None
    if not reads_frames(request.user, scenario.cycle):
        raise Http404
    return scenario, None


def _version_out(
    request: HttpRequest, scenario: Scenario, version: FrameVersion, only: set[int] | None
) -> dict:
    whole = reads_balance(request.user, scenario.cycle)
    data = selectors_frames.frames_of(version, scenario, only=only, balance=whole)
    return _ref(version) | {
        "scenario": scenario.pk,
        "years": data.years,
        "committees": data.bodies,
        "frames": [
            {
                "committee": body.slug,
                "year": year,
                "value": _kr(f.value),
                "without_capital_costs": _kr(f.base),
                "carried": _kr(f.carried),
                "index_rate": str(f.index_rate),
                "index_amount": _kr(f.index_amount),
                "capital_costs": _kr(f.kk),
                "capital_costs_change": _kr(f.kk_change),
                "items": {k: _kr(v) for k, v in f.sums.items()},
            }
            for body in data.bodies
            for year in data.years
            if (f := data.frames.get((body.pk, year))) is not None
        ],
        "items": [
            {
                "id": i.pk,
                "committee": i.body.slug,
                "year": i.year,
                "kind": i.kind,
                "amount": _kr(i.amount),
                "text": i.text,
                "decision": i.decision,
                "one_off": i.one_off,
            }
            for i in data.items
        ],
        "balance": None
        if not whole
        else [
            {
                "year": b.year,
                "revenue": _kr(b.revenue),
                "frames": _kr(b.frames),
                "central": _kr(b.central),
                "result": _kr(b.result),
                "required": _kr(b.required),
                "below_zero": b.below_zero,
                "below_goal": b.below_goal,
            }
            for b in data.balance
        ],
        "missing_index": data.missing_index,
        "missing_space": data.missing_space,
    }


def _version_or_404(request: HttpRequest, scenario: Scenario, vid: int) -> FrameVersion:
    """A version the user reads (a party proposal's by the proposals' rule), or 404: the same
    selector as the pages'."""
    return selectors_frames.version_for(scenario, vid, user=request.user)


@router.get(
    "/scenarios/{pk}/frame-versions",
    response=list[VersionRefOut],
    summary="A scenario's frame versions",
    operation_id=operation_id("list_versions"),
)
def list_versions(request: HttpRequest, pk: int):
    scenario, _only = _frames_scenario(request, pk)
    return [_ref(v) for v in selectors_frames.versions_of(scenario, user=request.user)]


@router.get(
    "/scenarios/{pk}/frame-versions/{vid}",
    response=VersionOut,
    summary="One frame version: frames per committee and year, change items, balance check",
    description="A committee's readers get their own committee's rows and no balance check.",
    operation_id=operation_id("get_version"),
)
def get_version(request: HttpRequest, pk: int, vid: int):
    scenario, only = _frames_scenario(request, pk)
    return _version_out(request, scenario, _version_or_404(request, scenario, vid), only)


class VersionIn(Schema):
    name: str = Field(..., max_length=120)
    copy_from: int | None = Field(None, description="A version of the same scenario to copy.")


@router.post(
    "/scenarios/{pk}/frame-versions",
    response={201: VersionOut},
    auth=django_auth,
    summary="Create a frame version, empty or a copy",
    operation_id=operation_id("create_version"),
)
def create_version(request: HttpRequest, pk: int, payload: VersionIn):
    scenario, only = _frames_scenario(request, pk)
    copy_from = None
    if payload.copy_from is not None:
        copy_from = (
            selectors_frames.region_versions(scenario, user=request.user)
            .filter(pk=payload.copy_from)
            .first()
        )
        if copy_from is None:
            raise DomainError(
                _("Copy a version of the same scenario."), code="copy_from", field="copy_from"
            )
    version = services_frames.create_version(
        scenario=scenario, name=payload.name, by=request.user, copy_from=copy_from
    )
    return Status(
        201, _version_out(request, scenario, _version_or_404(request, scenario, version.pk), only)
    )


class ItemIn(Schema):
    version: int = Field(..., description="The frame version's version as last read.")
    committee: str = Field(..., description="The committee's slug.")
    year: int
    kind: str = Field(..., description="index, priority, saving or adjustment.")
    amount: str = Field(..., pattern=DECIMAL, description=AMOUNT)
    text: str = Field(..., max_length=300)
    decision: str = Field("", max_length=200)
    one_off: bool = False


def _body(scenario: Scenario, slug: str) -> Body:
    body = Body.objects.filter(slug=slug, organisation_id=scenario.cycle.organisation_id).first()
    if body is None:
        raise DomainError(
            _("Choose one of the region's committees."), code="body", field="committee"
        )
    return body


@router.post(
    "/scenarios/{pk}/frame-versions/{vid}/items",
    response={201: VersionOut},
    auth=django_auth,
    summary="Add a change item",
    description="Refused for an adopted version (400, code adopted) and when the version "
    "changed meanwhile (409, code stale).",
    operation_id=operation_id("add_item"),
)
def add_item(request: HttpRequest, pk: int, vid: int, payload: ItemIn):
    scenario, only = _frames_scenario(request, pk)
    version = _version_or_404(request, scenario, vid)
    proposal = getattr(version, "party_proposal", None)
    # A party proposal's items go through the party's service: its politicians write them, and
    # a tabled proposal is frozen (the same rules as its page).
    service = services_frames.add_item if proposal is None else services_party.add_item
    target = {"version": version} if proposal is None else {"proposal": proposal}
    service(
        **target,
        body=_body(scenario, payload.committee),
        year=payload.year,
        kind=payload.kind,
        amount=_decimal(payload.amount, "amount"),
        text=payload.text,
        decision=payload.decision,
        one_off=payload.one_off,
        by=request.user,
        expected=payload.version,
    )
    return Status(
        201, _version_out(request, scenario, _version_or_404(request, scenario, vid), only)
    )


@router.delete(
    "/scenarios/{pk}/frame-versions/{vid}/items/{item}",
    response=VersionOut,
    auth=django_auth,
    summary="Remove a change item",
    operation_id=operation_id("remove_item"),
)
def remove_item(request: HttpRequest, pk: int, vid: int, item: int, version: int):
    scenario, only = _frames_scenario(request, pk)
    frame_version = _version_or_404(request, scenario, vid)
    change = get_object_or_404(ChangeItem, pk=item, frame_version=frame_version)
    proposal = getattr(frame_version, "party_proposal", None)
    if proposal is None:
        services_frames.remove_item(item=change, by=request.user, expected=version)
    else:
        services_party.remove_item(
            proposal=proposal, item=change, by=request.user, expected=version
        )
    return _version_out(request, scenario, _version_or_404(request, scenario, vid), only)


class AdoptIn(Schema):
    version: int
    adopted_on: dt.date | None = Field(None, description="Today when left out.")


@router.post(
    "/scenarios/{pk}/frame-versions/{vid}/adopt",
    response=VersionOut,
    auth=django_auth,
    summary="Adopt a frame version",
    description="From then on the version is frozen: copy it to make changes.",
    operation_id=operation_id("adopt_version"),
)
def adopt_version(request: HttpRequest, pk: int, vid: int, payload: AdoptIn):
    scenario, only = _frames_scenario(request, pk)
    version = _version_or_404(request, scenario, vid)
    services_frames.adopt_version(
        version=version, by=request.user, on=payload.adopted_on, expected=payload.version
    )
    return _version_out(request, scenario, _version_or_404(request, scenario, vid), only)


class PrepareIn(Schema):
    version: int


@router.post(
    "/scenarios/{pk}/frame-versions/{vid}/prepare",
    response=VersionOut,
    auth=django_auth,
    summary="Mark a draft frame version prepared",
    description="From then on everyone with a role in the process reads it; the finance office "
    "may still change it until it is adopted.",
    operation_id=operation_id("prepare_version"),
)
def prepare_version(request: HttpRequest, pk: int, vid: int, payload: PrepareIn):
    scenario, only = _frames_scenario(request, pk)
    version = _version_or_404(request, scenario, vid)
    services_frames.prepare_version(version=version, by=request.user, expected=payload.version)
    return _version_out(request, scenario, _version_or_404(request, scenario, vid), only)
