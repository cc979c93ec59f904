"""The finance settings page (an organisation's conventions: default horizon, when depreciation
starts, capital-cost compensation, self-financing goal) and a scenario's capital costs page
(per committee and year: existing assets, the investment plan's projects, the total that flows
into the frames).

Settings: read and changed by the finance office of the user's organisation (404 for everyone
else). Capital costs: read as the scenario's frames are (the finance office and the chief
executive's office everything, a committee's people their own rows, 404 for others); the
existing assets are changed by the finance office (403 for the other readers).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from arshjul.accounts.roles import organisation_id_of
from arshjul.core.errors import DomainError
from arshjul.core.history import history_of
from arshjul.organisation.models import Organisation

from . import capital_costs, services_settings
from .forms_settings import ExistingAssetsForm, SettingsForm
from .models import ExistingCapitalCost
from .money import format_number, shown_parts
from .permissions_settings import can_edit_finance_settings, capital_cost_bodies_for
from .selectors_frames import frame_bodies
from .views_frames import _scenario

ZERO = Decimal(0)


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    org_id = organisation_id_of(request.user)
    if not can_edit_finance_settings(request.user, org_id):
        raise Http404(_("No such page, or you may not see it."))
    organisation = Organisation.objects.get(pk=org_id)
    current = capital_costs.settings_of(org_id)
    initial = {
        "expected": current.version,
        "default_plan_years": current.default_plan_years,
        "activation_convention": current.activation_convention,
        "compensation": current.compensation,
        "self_financing_goal": current.self_financing_goal,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services_settings.save_settings(
                    organisation=organisation,
                    values={name: data[name] for name in services_settings.FIELDS},
                    by=request.user,
                    expected=data["expected"],
                )
            except DomainError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The finance settings were saved."))
                return redirect("finance:settings")
        status = 400
    return render(
        request,
        "finance/settings/settings.html",
        {
            "form": form,
            "organisation": organisation,
            "history": history_of(current) if current.pk else [],
        },
        status=status,
    )


def _mnkr(values: list[Decimal]) -> tuple[list[str], str]:
    parts, total = shown_parts(values, "mnkr")
    return [format_number(p, 1) for p in parts], format_number(total, 1)


@require_http_methods(["GET", "POST"])
def capital_costs_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario, _all = _scenario(request, slug, pk)
    only = capital_cost_bodies_for(request.user, scenario.cycle)
    if only is not None and not only:
        raise Http404
    org_id = scenario.cycle.organisation_id
    can_edit = can_edit_finance_settings(request.user, org_id)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    kk = capital_costs.for_scenario(scenario)
    settings = capital_costs.settings_of(org_id)
    bodies = [b for b in frame_bodies(org_id).order_by("name") if only is None or b.pk in only]
    years = scenario.years
    current = {
        (row.body_id, row.year): row.amount
        for row in ExistingCapitalCost.objects.filter(organisation_id=org_id, year__in=years)
    }
    form = None
    status = 200
    if can_edit:
        form = ExistingAssetsForm(
            request.POST or None,
            bodies=bodies,
            years=years,
            current=current,
            initial={"expected": settings.version},
        )
        if request.method == "POST":
            if form.is_valid():
                try:
                    changed = services_settings.save_existing_assets(
                        organisation=scenario.cycle.organisation,
                        amounts=form.amounts(),
                        by=request.user,
                        expected=form.cleaned_data["expected"],
                    )
                except DomainError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(
                        request, _("%(n)s figures of existing assets saved.") % {"n": changed}
                    )
                    return redirect(
                        reverse("finance:capital_costs", args=[scenario.cycle.slug, scenario.pk])
                    )
            status = 400
    zero = capital_costs.CommitteeKK()
    tables = []
    for label, getter in (
        (_("Existing assets"), lambda p: p.existing),
        (_("Investment plan: depreciation"), lambda p: p.depreciation),
        (_("Investment plan: internal interest"), lambda p: p.interest),
        (_("Capital costs in the frames"), lambda p: p.total),
    ):
        columns = {y: _mnkr([getter(kk.parts.get((b.pk, y), zero)) for b in bodies]) for y in years}
        tables.append(
            {
                "label": label,
                "rows": [
                    {"body": b, "cells": [columns[y][0][n] for y in years]}
                    for n, b in enumerate(bodies)
                ],
                "totals": [columns[y][1] for y in years],
            }
        )
    elimination = None
    if only is None:
        # FINANCE.md 5.5: the frames carry internal interest, the treasury receives it among the
        # central items, so at region level only depreciation (and external interest) remains.
        rows: list[list[str]] = [[], [], []]
        for y in years:
            year = kk.year(y)
            # rounded so that the region's line and the interest add up to the frames' line
            (region, interest), total = shown_parts([year.total - year.interest, year.interest])
            for n, value in enumerate((total, -interest, region)):
                rows[n].append(format_number(value, 1))
        labels = (
            _("Capital costs in the committees' frames"),
            _("Internal interest received by the treasury (in the central items)"),
            _("At region level: depreciation and existing assets"),
        )
        elimination = [
            {"label": lab, "cells": cells} for lab, cells in zip(labels, rows, strict=True)
        ]
    grid = None
    if form is not None:
        grid = [
            {"body": b, "cells": [{"year": y, "field": form.bound(b, y)} for y in years]}
            for b in bodies
        ]
    return render(
        request,
        "finance/settings/capital_costs.html",
        {
            "scenario": scenario,
            "cycle": scenario.cycle,
            "years": years,
            "tables": tables,
            "form": form,
            "grid": grid,
            "filtered": only is not None,
            "settings": settings,
            "computed": kk.computed,
            "elimination": elimination,
        },
        status=status,
    )
