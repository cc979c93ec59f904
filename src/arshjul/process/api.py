"""The process calendar's read-only JSON API: cycles and their steps with every field.

Read: anyone; what a user may see follows process.permissions (anonymous users see only
published public steps). Change: nothing yet.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.decorators import decorate_view

from arshjul.core.api_schema import ErrorOut, LocalTime
from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body

from . import selectors
from .cache import public_cache
from .filters import StepFilter
from .models import Cycle
from .permissions import can_edit_cycle

router = Router(tags=["process"])


class CycleOut(Schema):
    slug: str
    budget_year: int
    name: str
    organisation: str
    start: dt.date
    end: dt.date
    url: str

    @staticmethod
    def resolve_name(obj: Cycle) -> str:
        return str(obj)

    @staticmethod
    def resolve_organisation(obj: Cycle) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_url(obj: Cycle) -> str:
        return obj.get_absolute_url()


class NamedRef(Schema):
    slug: str
    name: str


class StepOut(Schema):
    uid: uuid.UUID
    key: str
    cycle: str
    kind: str
    track: str
    title: str
    start: dt.date
    end: dt.date
    start_time: LocalTime | None
    end_time: LocalTime | None
    rule: str | None = Field(
        description=(
            "The date rule as written (it may name other steps by their keys); only for those "
            "who may change the cycle's rules (its finance office), null for everyone else."
        )
    )
    election_rule: str | None = Field(
        description="The election-year rule as written; as `rule`, null for all but the editors."
    )
    rule_words: str = Field(
        description=(
            "The date rule in words in the request's language, as the step's page gives it: "
            'steps the reader may not see are called "another step"; empty when there is none.'
        )
    )
    election_rule_words: str = Field(
        description="The election-year rule in words, as `rule_words`; empty when there is none."
    )
    election_variant: bool
    adjust: str
    rule_start: dt.date
    rule_end: dt.date
    moved_by_hand: bool
    published: bool
    visibility: str
    location: str
    participants: str
    participant_bodies: list[NamedRef]
    participant_posts: list[str]
    purpose: str
    inputs: str
    goal: str
    documentation: str
    follow_up: str
    notes: str
    produces: list[str]
    consumes: list[str]
    sequence: int
    url: str

    @staticmethod
    def resolve_cycle(obj) -> str:
        return obj.cycle.slug

    @staticmethod
    def resolve_participant_bodies(obj) -> list[dict]:
        return [{"slug": b.slug, "name": b.name} for b in obj.participant_bodies.all()]

    @staticmethod
    def resolve_participant_posts(obj) -> list[str]:
        return [p.title for p in obj.participant_posts.all()]

    @staticmethod
    def resolve_produces(obj) -> list[str]:
        return [d.code for d in obj.produces.all()]

    @staticmethod
    def resolve_consumes(obj) -> list[str]:
        return [d.code for d in obj.consumes.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_rule(obj) -> str | None:
        return obj.rule if obj.reader_may_edit else None

    @staticmethod
    def resolve_election_rule(obj) -> str | None:
        return obj.election_rule if obj.reader_may_edit else None

    @staticmethod
    def resolve_rule_words(obj) -> str:
        return obj.words.get("rule", "")

    @staticmethod
    def resolve_election_rule_words(obj) -> str:
        return obj.words.get("election_rule", "")


def _as_read_by(steps, user) -> list:
    """The steps with what `user` may know of their rules: the raw rule for the cycle's editors,
    the rule in words for all (the step page's rule)."""
    steps = list(steps)
    words = selectors.rules_in_words(steps, user=user)
    editable: dict[int, bool] = {}
    for step in steps:
        if step.cycle_id not in editable:
            editable[step.cycle_id] = can_edit_cycle(user, step.cycle)
        step.reader_may_edit = editable[step.cycle_id]
        step.words = words[step.pk]
    return steps


class StepQuery(FilterSchema):
    body: str | None = None
    kind: str | None = None
    track: str | None = None
    person: int | None = None
    name: str | None = None


@router.get("/cycles", response=list[CycleOut], summary="List cycles")
@decorate_view(public_cache)
def list_cycles(request: HttpRequest):
    return selectors.cycle_list()


@router.get("/cycles/{slug}", response=CycleOut, summary="One cycle")
def get_cycle(request: HttpRequest, slug: str):
    return get_object_or_404(Cycle.objects.select_related("organisation"), slug=slug)


@router.get(
    "/cycles/{slug}/steps",
    response={200: list[StepOut], 403: ErrorOut},
    summary="A cycle's steps in date order",
    description=(
        "Filter by body (its short name in links), kind, track and, for signed-in users, "
        "person (the id of a person in the organisation)."
    ),
)
@decorate_view(public_cache)
def list_steps(request: HttpRequest, slug: str, filters: Query[StepQuery]):
    cycle = get_object_or_404(Cycle, slug=slug)
    qs = selectors.timeline_for_cycles(cycles=[cycle], user=request.user)
    params = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    if ("person" in params or "name" in params) and not request.user.is_authenticated:
        raise DomainError(
            _("Only signed-in users may filter by person."), code="forbidden", field="person"
        )
    if params.get("body"):
        body = Body.objects.filter(
            organisation_id=cycle.organisation_id, slug=params["body"]
        ).first()
        if body is None:
            return []
        params["body"] = body.pk
    step_filter = StepFilter(
        params, queryset=qs, organisation_ids=[cycle.organisation_id], user=request.user
    )
    if not step_filter.is_valid():
        if set(step_filter.errors) == {"person"}:
            return []  # a person outside the organisation takes part in none of its steps
        field, errors = next(iter(step_filter.errors.items()))
        raise DomainError(
            _("The filter “%(field)s” is not valid: %(error)s"),
            code="invalid_filter",
            params={"field": field, "error": " ".join(errors)},
            field=field,
        )
    return _as_read_by(step_filter.qs, request.user)


@router.get("/cycles/{slug}/steps/{key}", response=StepOut, summary="One step")
@decorate_view(public_cache)
def get_step(request: HttpRequest, slug: str, key: str):
    step = selectors.step_detail(cycle_slug=slug, key=key, user=request.user)
    if step is None:
        raise Http404
    return _as_read_by([step], request.user)[0]
