"""The unit budgets of a committee in a year under a frame version (FINANCE.md 7.4): the units'
budgets in tkr (rows add up), the committee's frame, a warning with the difference where they do
not add up (never a block), the union consultation per unit, and approval.

Read by the finance office, the chief executive's office, the committee's secretary, head of
administration, members and its units' managers; 404 for everyone else. The finance office and
the committee's secretary or head of administration change every unit, a unit's manager her own
(403 for the other readers).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arshjul.core.errors import DomainError
from arshjul.core.ranges import out_of_range
from arshjul.documents.models import Document
from arshjul.organisation.models import Body, Unit

from . import services_units as services
from .models import UnitBudget
from .models.ranges import AMOUNT
from .money import format_money, format_number, shown_parts, to_decimal
from .permissions_units import unit_access
from .selectors_frames import frames_of, scenario_for_frames, version_for
from .units import sum_check


def _context(request, slug, pk, vid, body_id, year):
    try:
        scenario = scenario_for_frames(pk)
    except Exception:
        raise Http404 from None
    if scenario.cycle.slug != slug or year not in scenario.years:
        raise Http404
    # The frame version by the frames' rule (a draft is the finance office's), then the unit
    # budgets' own rule.
    version = version_for(scenario, vid, user=request.user)
    body = get_object_or_404(Body, pk=body_id)
    reads, all_units, managed = unit_access(request.user, scenario.cycle, body)
    if not reads:
        raise Http404(_("No such committee, or you may not see its unit budgets."))
    return scenario, version, body, all_units, managed


def _url(scenario, version, body, year) -> str:
    return reverse(
        "finance:unit_budgets",
        kwargs={
            "slug": scenario.cycle.slug,
            "pk": scenario.pk,
            "vid": version.pk,
            "body_id": body.pk,
            "year": year,
        },
    )


@require_GET
def unit_budgets(
    request: HttpRequest, slug: str, pk: int, vid: int, body_id: int, year: int
) -> HttpResponse:
    scenario, version, body, all_units, managed = _context(request, slug, pk, vid, body_id, year)
    units = list(Unit.objects.filter(body=body).order_by("name"))
    budgets = {
        b.unit_id: b
        for b in UnitBudget.objects.filter(
            frame_version=version, year=year, unit__body=body
        ).select_related("consultation__minutes")
    }
    data = frames_of(version, scenario, only={body.pk})
    frame = data.frames.get((body.pk, year))
    frame_value = frame.value if frame else None
    amounts = [budgets[u.pk].amount if u.pk in budgets else None for u in units]
    check = sum_check(amounts, frame_value)
    shown, total = shown_parts([a or 0 for a in amounts], "tkr")
    # A refused amount comes back as she typed it, with its message beside the field.
    refused = request.session.pop(REFUSED_KEY, None) or {}
    rows = []
    for unit, amount, part in zip(units, amounts, shown, strict=True):
        budget = budgets.get(unit.pk)
        rows.append(
            {
                "unit": unit,
                "budget": budget,
                "consultation": getattr(budget, "consultation", None) if budget else None,
                "shown": format_number(part, 0) if amount is not None else "",
                "exact": format_money(amount, "kr") if amount is not None else "",
                "expected": budget.version if budget else 0,
                # what the input starts with: the exact amount in tkr, as typed
                "typed": (
                    format_number(
                        (amount / 1000).normalize(),
                        max(0, -(amount / 1000).normalize().as_tuple().exponent),
                    )
                    if amount is not None
                    else ""
                ),
                "can_edit": all_units or unit.pk in managed,
                # a row stored before the range existed: shown, with the range, to be corrected
                "out_of_range": AMOUNT.message if budget and out_of_range(budget) else None,
            }
        )
        if refused.get("unit") == unit.pk:
            rows[-1]["typed"] = refused.get("typed", "")
            rows[-1]["error"] = refused.get("message", "")
    context = {
        "cycle": scenario.cycle,
        "scenario": scenario,
        "version": version,
        "body": body,
        "year": year,
        "rows": rows,
        "total": format_number(total, 0),
        "frame": format_money(frame_value, "tkr") if frame_value is not None else None,
        "check": check,
        "difference": format_money(check.difference, "tkr") if check.warning else None,
        "difference_kr": format_money(check.difference, "kr") if check.warning else None,
        "today": dt.date.today().isoformat(),
        "can_import": bool(all_units or managed),
    }
    return render(request, "finance/units/units.html", context)


def _target(request, slug, pk, vid, body_id, year, unit_id):
    scenario, version, body, all_units, managed = _context(request, slug, pk, vid, body_id, year)
    unit = get_object_or_404(Unit, pk=unit_id, body=body)
    if not (all_units or unit.pk in managed):
        raise PermissionDenied
    return scenario, version, body, unit


def _expected(request) -> int | None:
    try:
        return int(request.POST.get("expected", ""))
    except ValueError:
        return None


def _budget(version, unit, year) -> UnitBudget:
    budget = UnitBudget.objects.filter(frame_version=version, unit=unit, year=year).first()
    if budget is None:
        raise Http404
    return budget


REFUSED_KEY = "finance.unit_amount.refused"


def _refuse(request, unit: Unit, message: str) -> None:
    """The message at the top names the unit; the page puts her text back in its field."""
    messages.error(request, f"{unit.name}: {message}")
    request.session[REFUSED_KEY] = {
        "unit": unit.pk,
        "typed": request.POST.get("amount", "")[:200],
        "message": str(message),
    }


@require_POST
def unit_amount(request, slug, pk, vid, body_id, year, unit_id):
    scenario, version, body, unit = _target(request, slug, pk, vid, body_id, year, unit_id)
    try:
        amount = to_decimal(request.POST.get("amount", "")) * 1000
    except ValueError:
        _refuse(request, unit, _("Write the budget as a number of tkr, e.g. 61 030,5."))
    else:
        try:
            services.set_amount(
                version=version,
                unit=unit,
                year=year,
                amount=amount,
                expected=_expected(request),
                by=request.user,
            )
        except DomainError as exc:
            _refuse(request, unit, exc.messages[0])
        else:
            messages.success(request, _("The budget of %(unit)s was saved.") % {"unit": unit.name})
    return redirect(_url(scenario, version, body, year))


@require_POST
def unit_consultation(request, slug, pk, vid, body_id, year, unit_id):
    scenario, version, body, unit = _target(request, slug, pk, vid, body_id, year, unit_id)
    budget = _budget(version, unit, year)
    try:
        held_on = dt.date.fromisoformat(request.POST.get("held_on", ""))
    except ValueError:
        messages.error(request, _("Give the date of the consultation as YYYY-MM-DD."))
        return redirect(_url(scenario, version, body, year))
    minutes = None
    if request.POST.get("minutes"):
        minutes = Document.objects.filter(
            pk=request.POST["minutes"], organisation_id=scenario.cycle.organisation_id
        ).first()
    try:
        services.record_consultation(
            budget=budget,
            held_on=held_on,
            parties=request.POST.get("parties", ""),
            outcome=request.POST.get("outcome", ""),
            minutes=minutes,
            expected=_expected(request),
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The union consultation was recorded."))
    return redirect(_url(scenario, version, body, year))


@require_POST
def unit_approve(request, slug, pk, vid, body_id, year, unit_id):
    scenario, version, body, unit = _target(request, slug, pk, vid, body_id, year, unit_id)
    budget = _budget(version, unit, year)
    try:
        services.approve(budget=budget, expected=_expected(request), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The budget of %(unit)s was approved.") % {"unit": unit.name})
    return redirect(_url(scenario, version, body, year))
