"""Scenarios and the financial space: read them, change the assumptions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.security import django_auth

from arshjul.core.errors import DomainError
from arshjul.process.models import Cycle

from .. import capital_costs, selectors, selectors_frames, services
from ..models import Scenario
from ..models.assumptions import ASSUMPTION_FIELDS
from ..permissions import can_read_space
from ..space import ROWS
from ._common import (
    AMOUNT,
    DECIMAL,
    TAGS,
    _decimal,
    _domain,
    _kr,
    _s,
    operation_id,
)

router = Router(tags=TAGS)


class FigureOut(Schema):
    key: str = Field(
        ..., description="The row: S, B, SB, FN, BASE, KK, CEN, K0, RES0, SHARE, R, U."
    )
    symbol: str
    kind: str = Field(..., description="money (kronor) or rate (a fraction).")
    value: str = Field(..., description="Exact: kronor for money, a fraction for a rate.")
    explanation: str = Field(..., description="The formula with its inputs, in mnkr.")


class YearOut(Schema):
    year: int
    assumptions: dict[str, str | int | None] = Field(
        ...,
        description="The year's assumptions: amounts in kronor and rates as fractions, as "
        "decimal strings; population a whole number; source a text.",
    )
    figures: list[FigureOut] = Field(
        ..., description="The financial space of the year; empty while assumptions are missing."
    )


class MissingOut(Schema):
    year: int
    field: str


class ScenarioOut(Schema):
    id: int
    cycle: str
    name: str
    plan_years: int
    base_frames: str | None = Field(..., description=AMOUNT)
    version: int = Field(..., description="Send it back when saving; 409 if saved meanwhile.")
    years: list[YearOut]
    missing: list[MissingOut] = Field(..., description="Assumptions the space still needs.")


def _scenario_out(scenario: Scenario, kk: capital_costs.ScenarioKK | None = None) -> dict:
    result = selectors.space_of(scenario, kk)
    rows = {row.year: row for row in scenario.rows.all()}
    years = []
    for year in scenario.years:
        row = rows.get(year)
        assumptions: dict[str, str | int | None] = {}
        for name, kind in ASSUMPTION_FIELDS:
            value = getattr(row, name) if row else None
            assumptions[name] = value if kind in ("text", "count") else _s(value)
        figures = []
        if result.space is not None:
            for key, symbol, kind in ROWS:
                figure = result.space.figures[year][key]
                figures.append(
                    {
                        "key": key,
                        "symbol": symbol,
                        "kind": kind,
                        "value": _kr(figure.value),
                        "explanation": figure.explanation(),
                    }
                )
        years.append({"year": year, "assumptions": assumptions, "figures": figures})
    return {
        "id": scenario.pk,
        "cycle": scenario.cycle.slug,
        "name": scenario.name,
        "plan_years": scenario.plan_years,
        "base_frames": _s(scenario.base_frames),
        "version": scenario.version,
        "years": years,
        "missing": [{"year": y, "field": f} for y, f in result.missing],
    }


def _readable_cycle(request: HttpRequest, slug: str) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("organisation"), slug=slug)
    if not can_read_space(request.user, cycle):
        raise Http404
    return cycle


def _scenario_or_404(request: HttpRequest, pk: int) -> Scenario:
    try:
        scenario = selectors_frames.scenario_for_frames(pk)
    except Scenario.DoesNotExist:
        raise Http404 from None
    if not can_read_space(request.user, scenario.cycle):
        raise Http404
    return scenario


@router.get(
    "/cycles/{slug}/scenarios",
    response=list[ScenarioOut],
    summary="A cycle's scenarios with their financial space",
    description="Each scenario's assumptions per year and the financial space computed from "
    "them (FINANCE.md 3.4), every figure exact with its explanation. The finance office and "
    "the chief executive's office of the cycle's organisation.",
    operation_id=operation_id("list_scenarios"),
)
def list_scenarios(request: HttpRequest, slug: str):
    cycle = _readable_cycle(request, slug)
    scenarios = selectors.scenarios_for_cycle(cycle=cycle, user=request.user)
    kks = capital_costs.for_scenarios(scenarios)
    return [_scenario_out(s, kks[s.pk]) for s in scenarios]


@router.get(
    "/scenarios/{pk}",
    response=ScenarioOut,
    summary="One scenario",
    operation_id=operation_id("get_scenario"),
)
def get_scenario(request: HttpRequest, pk: int):
    return _scenario_out(_scenario_or_404(request, pk))


class AssumptionYearIn(Schema):
    year: int
    values: dict[str, str | int | None] = Field(
        ...,
        description="Only the assumptions to change, by name (see a year's assumptions): "
        "amounts in kronor and rates as fractions as decimal strings, null to clear.",
    )


class AssumptionsIn(Schema):
    version: int = Field(..., description="The scenario's version as last read.")
    name: str | None = Field(None, max_length=80, description="Leave out to keep.")
    base_frames: str | None = Field(
        None, pattern=DECIMAL, description="Frames without capital costs in the budget year."
    )
    years: list[AssumptionYearIn] = Field(default_factory=list)


def _assumption_values(scenario: Scenario, years: list[AssumptionYearIn]) -> dict:
    kinds = dict(ASSUMPTION_FIELDS)
    values: dict[int, dict] = {}
    for entry in years:
        if entry.year not in scenario.years:
            raise DomainError(_("Choose a year of the scenario."), code="year", field="years")
        for name, value in entry.values.items():
            kind = kinds.get(name)
            if kind is None:
                raise DomainError(
                    _("There is no assumption “%(name)s”.") % {"name": name},
                    code="unknown_field",
                    field="years",
                )
            if isinstance(value, float):
                raise DomainError(
                    _("Write a number such as 1234.50 (a decimal string)."),
                    code="invalid",
                    field=name,
                )
            if kind == "text":
                value = "" if value is None else str(value)
            elif kind == "count":
                value = None if value in (None, "") else int(_decimal(str(value), name))
            else:
                value = _decimal(None if value is None else str(value), name)
            values.setdefault(entry.year, {})[name] = value
    return values


@router.put(
    "/scenarios/{pk}/assumptions",
    response=ScenarioOut,
    auth=django_auth,
    summary="Change a scenario's assumptions",
    description="The finance office. Send the scenario's version as last read: if someone "
    "saved meanwhile nothing is saved and the answer is 409 (code stale). All or nothing.",
    operation_id=operation_id("save_assumptions"),
)
def save_assumptions(request: HttpRequest, pk: int, payload: AssumptionsIn):
    scenario = _scenario_or_404(request, pk)
    values = _assumption_values(scenario, payload.years)
    try:
        services.save_assumptions(
            scenario=scenario,
            name=payload.name if payload.name is not None else scenario.name,
            base_frames=(
                _decimal(payload.base_frames, "base_frames")
                if "base_frames" in payload.model_fields_set
                else scenario.base_frames
            ),
            values=values,
            by=request.user,
            version=payload.version,
        )
    except ValidationError as exc:
        raise _domain(exc) from None
    return _scenario_out(_scenario_or_404(request, pk))
