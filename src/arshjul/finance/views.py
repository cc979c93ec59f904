"""Finance pages. Scenarios and the financial space of a cycle: read by the finance office and the
chief executive's office of the cycle's organisation (404 for everyone else); the finance
office creates scenarios and edits their assumptions (403 for the chief executive's office)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arshjul.core.errors import DomainError
from arshjul.core.history import history_of
from arshjul.process.models import Cycle

from . import capital_costs, selectors, services
from .forms import LABELS, AssumptionsForm, NewScenarioForm
from .money import format_money, format_number, shown_parts
from .permissions import can_edit_assumptions, can_read_space
from .space import RATE, ROWS
from .space_chart import u_chart

ROW_LABELS = {
    "S": gettext_lazy("Tax revenue"),
    "B": gettext_lazy("General grants and equalisation"),
    "SB": gettext_lazy("Taxes, grants and equalisation"),
    "FN": gettext_lazy("Net financial items"),
    "BASE": gettext_lazy("Frames excluding capital costs, indexed"),
    "KK": gettext_lazy("Capital costs"),
    "CEN": gettext_lazy("Central items"),
    "K0": gettext_lazy("Cost if nothing is decided"),
    "RES0": gettext_lazy("Result if nothing is decided"),
    "SHARE": gettext_lazy("Result as a share of S + B"),
    "R": gettext_lazy("Required result (financial goal)"),
    "U": gettext_lazy("Financial space"),
}
# Rows whose shown values are parts of a shown total (they add up on screen).
PART_GROUPS = ((("S", "B"), "SB"), (("BASE", "KK", "CEN"), "K0"))
MISSING_LABELS = {"base_frames": gettext_lazy("frames excluding capital costs")} | LABELS


def _cycle_for_reading(request: HttpRequest, slug: str) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("organisation"), slug=slug)
    if not can_read_space(request.user, cycle):
        raise Http404(_("No such cycle, or you may not see its financial space."))
    return cycle


def _table(result: selectors.ScenarioSpace) -> list[dict]:
    """The rows of one scenario's table: label, symbol and per year the shown value, its
    explanation and the exact value when rounding hides it."""
    space = result.space
    shown: dict[tuple[str, int], str] = {}
    for year in space.years:
        figures = space.figures[year]
        for parts, total in PART_GROUPS:
            values, total_value = shown_parts([figures[k].value for k in parts], "mnkr")
            for key, value in zip(parts, values, strict=True):
                shown[key, year] = format_number(value, 1)
            shown[total, year] = format_number(total_value, 1)
    rows = []
    for key, symbol, kind in ROWS:
        cells = []
        for figure in space.row(key):
            exact = figure.exact_mnkr
            cells.append(
                {
                    "year": figure.year,
                    "shown": shown.get((key, figure.year)) or figure.shown(),
                    "explanation": figure.explanation(),
                    "exact": format_number(exact, max(1, -exact.as_tuple().exponent))
                    if exact is not None
                    else None,
                    "negative": figure.value < 0,
                }
            )
        rows.append(
            {
                "key": key,
                "label": ROW_LABELS[key],
                "symbol": symbol,
                "rate": kind == RATE,
                "cells": cells,
            }
        )
    return rows


def _space_page(request: HttpRequest, cycle: Cycle, new_form: NewScenarioForm | None = None):
    scenarios = selectors.scenarios_for_cycle(cycle=cycle, user=request.user) or []
    kks = capital_costs.for_scenarios(scenarios)
    results = [selectors.space_of(s, kks[s.pk]) for s in scenarios]
    can_edit = can_edit_assumptions(request.user, cycle)
    tables = []
    for result in results:
        tables.append(
            {
                "scenario": result.scenario,
                "rows": _table(result) if result.space else None,
                "years": result.space.years if result.space else result.scenario.years,
                "missing": [
                    {"year": year, "label": MISSING_LABELS.get(name, name)}
                    for year, name in result.missing
                ],
            }
        )
    complete = [r for r in results if r.space]
    years = sorted({y for r in complete for y in r.space.years})
    series = [(r.scenario.name, {f.year: f.value for f in r.space.row("U")}) for r in complete]
    comparison = [
        {
            "name": name,
            "cells": [format_money(by_year[y], "mnkr") if y in by_year else "" for y in years],
        }
        for name, by_year in series
    ]
    if can_edit and new_form is None:
        new_form = NewScenarioForm(
            cycle=cycle,
            initial={
                "plan_years": capital_costs.settings_of(cycle.organisation_id).default_plan_years
            },
        )
    return render(
        request,
        "finance/space/scenarios.html",
        {
            "cycle": cycle,
            "tables": tables,
            "years": years,
            "chart": u_chart(series, years),
            "comparison": comparison,
            "can_edit": can_edit,
            "new_form": new_form if can_edit else None,
        },
        status=400 if new_form is not None and new_form.is_bound else 200,
    )


@require_GET
def scenarios(request: HttpRequest, slug: str) -> HttpResponse:
    return _space_page(request, _cycle_for_reading(request, slug))


@require_POST
def scenario_new(request: HttpRequest, slug: str) -> HttpResponse:
    cycle = _cycle_for_reading(request, slug)
    if not can_edit_assumptions(request.user, cycle):
        raise PermissionDenied
    form = NewScenarioForm(request.POST, cycle=cycle)
    if form.is_valid():
        try:
            scenario = services.create_scenario(
                cycle=cycle,
                name=form.cleaned_data["name"],
                plan_years=form.cleaned_data["plan_years"],
                copy_from=form.cleaned_data["copy_from"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
        else:
            messages.success(
                request, _("The scenario “%(name)s” was created.") % {"name": scenario.name}
            )
            return redirect("finance:scenario_edit", slug=cycle.slug, pk=scenario.pk)
    return _space_page(request, cycle, new_form=form)


@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cycle = _cycle_for_reading(request, slug)
    if not can_edit_assumptions(request.user, cycle):
        raise PermissionDenied
    scenario = get_object_or_404(
        cycle.scenarios.select_related("cycle").prefetch_related("rows"), pk=pk
    )
    kk = capital_costs.for_scenario(scenario)
    computed = {y: kk.year(y).total for y in scenario.years} if kk.computed else None
    form = AssumptionsForm(request.POST or None, scenario=scenario, computed_kk=computed)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_assumptions(
                scenario=scenario,
                name=form.cleaned_data["name"],
                base_frames=form.cleaned_data["base_frames"],
                values=form.values(),
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
            if exc.domain_code == "stale":
                scenario.refresh_from_db(fields=["version"])
                form.data = form.data.copy()
                form.data["version"] = str(scenario.version)
                form.add_error(
                    None,
                    _(
                        "Your numbers are still in the form below. Saving again replaces what "
                        "they saved; the scenarios page shows their numbers."
                    ),
                )
        else:
            messages.success(request, _("The assumptions were saved."))
            return redirect(reverse("finance:scenarios", kwargs={"slug": cycle.slug}))
    return render(
        request,
        "finance/space/scenario_edit.html",
        {
            "cycle": cycle,
            "scenario": scenario,
            "form": form,
            "history": history_of(scenario),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
