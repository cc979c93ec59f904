"""The investment plan's pages: the plan (projects × the four-year plan and the ten-year
horizon, totals against the ceilings with a chart, capital costs per owner body), a project's
page (its components and capital costs per year, each figure with its formula), and the finance
office's form to make or change a project.

Read: the finance office of the organisation sees everything; a committee's secretary, head of
administration and members see the projects their body owns (no ceilings); anyone else 404.
Change: the finance office (403 for readers, 404 for others)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from arshjul.core.errors import DomainError

from . import capital
from . import selectors_investments as selectors
from . import services_investments as services
from .charts_investments import cash_flow_chart
from .forms_investments import ProjectForm
from .models.investments import PLAN_YEARS
from .money import format_money, format_number, shown_parts
from .permissions_investments import can_edit_plan

ZERO = Decimal(0)


def _mnkr(values: list[Decimal]) -> tuple[list[str], str]:
    """Parts and their total in mnkr, rounded so that the parts add up to the total shown."""
    parts, total = shown_parts(values, "mnkr")
    return [format_number(p, 1) for p in parts], format_number(total, 1)


def _columns(series: list[list[Decimal]]) -> tuple[list[list[str]], list[str]]:
    """Rows of amounts (rows × columns) shown so that every column adds up to its total; a
    part that is exactly nothing is shown as a dash."""
    if not series:
        return [], []
    columns = list(zip(*series, strict=True))
    shown = [_mnkr(list(col)) for col in columns]
    rows = [
        [shown[c][0][r] if series[r][c] else "–" for c in range(len(columns))]
        for r in range(len(series))
    ]
    return rows, [total for _parts, total in shown]


def _plan_or_404(request: HttpRequest):
    plan = selectors.plan_for_user(request.user)
    if plan is None:
        raise Http404(_("No investment plan, or you may not see it."))
    return plan


@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_or_404(request)
    view = selectors.plan_view(user=request.user, plan=plan)
    if view is None:
        raise Http404(_("No investment plan, or you may not see it."))
    years = plan.years
    plan_years = years[:PLAN_YEARS]
    series = []
    for p in view.inputs:
        flows = [p.cash_flows.get(y, ZERO) for y in years]
        series.append([*flows, sum(flows[:PLAN_YEARS], ZERO), sum(flows, ZERO)])
    shown_rows, shown_totals = _columns(series)
    rows = [
        {"project": project, "amounts": amounts}
        for project, amounts in zip(view.projects, shown_rows, strict=True)
    ]
    ceiling_rows = []
    for year in years:
        total = view.totals[year]
        ceiling = view.ceilings.get(year)
        ceiling_rows.append(
            {
                "year": year,
                "total": format_money(total),
                "binding": format_money(view.binding[year]),
                "ceiling": format_money(ceiling) if ceiling is not None else "",
                "margin": format_money(ceiling - total) if ceiling is not None else "",
                "over": year in view.breaches,
                "breach": format_money(view.breaches[year]) if year in view.breaches else "",
            }
        )
    owners = sorted(view.owners)
    owner_rows, owner_totals = _columns(
        [[view.owners[o][y].capital_cost for y in years] for o in owners]
    )
    chart = cash_flow_chart(years, view.totals, view.ceilings, tick_label=lambda a: format_money(a))
    return render(
        request,
        "finance/investments/plan.html",
        {
            "plan": plan,
            "years": years,
            "plan_years": plan_years,
            "horizon_years": years[PLAN_YEARS:],
            "rows": rows,
            "totals": shown_totals,
            "ceiling_rows": ceiling_rows,
            "breaches": [
                {"year": y, "amount": format_money(a)} for y, a in sorted(view.breaches.items())
            ],
            "owner_rows": list(zip(owners, owner_rows, strict=True)),
            "owner_totals": owner_totals,
            "chart": chart,
            "whole_plan": view.whole_plan,
            "can_edit": view.whole_plan,
        },
    )


def _kr(amount: Decimal) -> str:
    return format_money(amount, "kr")


def _percent(fraction: Decimal) -> str:
    value = fraction * 100
    text = format_number(value, 2)
    return text.rstrip("0").rstrip(",.") if ("," in text or "." in text) else text


def _explain(schedule: capital.ComponentSchedule, row: capital.Row) -> dict[str, str]:
    name = schedule.name or _("the asset")
    if row.last:
        dep = _("%(name)s: depreciation %(opening)s kr, the remainder in the last year") % {
            "name": name,
            "opening": _kr(row.opening_book_value),
        }
    else:
        dep = _(
            "%(name)s: depreciation %(cost)s kr / %(life)s years × %(months)s/12 = %(dep)s kr"
        ) % {
            "name": name,
            "cost": _kr(row.cost),
            "life": row.life_years,
            "months": row.months,
            "dep": _kr(row.depreciation),
        }
    interest = _(
        "%(name)s: interest %(opening)s kr × %(rate)s %% × %(months)s/12 = %(interest)s kr"
    ) % {
        "name": name,
        "opening": _kr(row.opening_book_value),
        "rate": _percent(row.rate),
        "months": row.months,
        "interest": _kr(row.interest),
    }
    return {"depreciation": dep, "interest": interest}


@require_GET
def project(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_detail(user=request.user, pk=pk)
    if project is None:
        raise Http404(_("No such investment project, or you may not see it."))
    plan = project.plan
    data = selectors.as_input(project)
    result = capital.project_capital(data, years=plan.years, rates=selectors.rates_for(plan))
    total = sum(data.cash_flows.values(), ZERO)
    components = [
        {
            "name": c.name,
            "share": _percent(c.share),
            "life": c.life_years,
            "cost": _kr(total * c.share),
        }
        for c in project.components.all()
    ]
    explanations: dict[int, list[dict[str, str]]] = {y: [] for y in plan.years}
    for schedule in result.components:
        for row in schedule.rows:
            explanations[row.year].append(_explain(schedule, row))
    years = [
        {
            "year": y,
            "cash_flow": _kr(data.cash_flows.get(y, ZERO)),
            "opening": _kr(result.years[y].opening_book_value),
            "depreciation": _kr(result.years[y].depreciation),
            "interest": _kr(result.years[y].interest),
            "capital_cost": _kr(result.years[y].capital_cost),
            "explanations": explanations[y],
        }
        for y in plan.years
    ]
    return render(
        request,
        "finance/investments/project.html",
        {
            "project": project,
            "plan": plan,
            "components": components,
            "total": _kr(total),
            "years": years,
            "can_edit": can_edit_plan(request.user, plan),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        plan = _plan_or_404(request)
        project = None
        if not can_edit_plan(request.user, plan):
            if selectors.plan_view(user=request.user, plan=plan) is None:
                raise Http404(_("No investment plan, or you may not see it."))
            raise PermissionDenied
    else:
        project = selectors.project_detail(user=request.user, pk=pk)
        if project is None:
            raise Http404(_("No such investment project, or you may not see it."))
        plan = project.plan
        if not can_edit_plan(request.user, plan):
            raise PermissionDenied
    form = ProjectForm(request.POST or None, plan=plan, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_project(
                plan=plan,
                project=project,
                data=form.project_data(),
                by=request.user,
                version=form.cleaned_data.get("version"),
            )
        except DomainError as e:
            if getattr(e, "field", None) and e.field in form.fields:
                form.add_error(e.field, e.error_dict[e.field])
            else:
                form.add_error(None, e)
        else:
            messages.success(request, _("The project is saved."))
            return redirect(reverse("finance:investment", args=[saved.pk]))
    return render(
        request,
        "finance/investments/edit.html",
        {"form": form, "project": project, "plan": plan},
        status=400 if request.method == "POST" else 200,
    )
