"""Deficits to restore on the frames page (FINANCE.md 4.2): the organisation's deficits from
earlier years, and under the balance check their restoration per year by the version's results,
with the deadlines and warnings in words.

Read by whoever reads the frames page (a committee's people see the typed deficits, not the
restoration per year, as they do not see the balance check); changed by the organisation's
finance office (403 for the others, 404 for those who may not read the page).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arshjul.core.errors import DomainError

from . import services_restoration as services
from .forms_restoration import DeficitChangeForm, DeficitForm
from .models import EarlierDeficit, FrameVersion, Scenario
from .money import format_money
from .permissions_restoration import can_edit_deficits
from .selectors_restoration import deficits_of, restoration_of


def restoration_context(request: HttpRequest, scenario: Scenario, data, *, forms: dict) -> dict:
    """What the frames page shows of restoration (one query for the deficits)."""
    organisation_id = scenario.cycle.organisation_id
    deficits = deficits_of(organisation_id)
    can_edit = can_edit_deficits(request.user, organisation_id)
    m = format_money
    context = {
        "deficits": [{"obj": d, "amount": m(d.amount)} for d in deficits],
        "can_edit_deficits": can_edit,
    }
    if can_edit:
        context["deficit_form"] = forms.get("deficit") or DeficitForm()
    result = restoration_of(data, deficits) if data is not None else None
    if result is None:
        return context
    rows, warnings = [], []
    for r in result.years:
        rows.append(
            {
                "year": r.year,
                "result": m(r.result),
                "carried_in": m(r.carried_in),
                "restored": m(r.restored),
                "new": m(r.new_deficit),
                "remaining": m(r.remaining),
                "open": [
                    _("%(amount)s from %(origin)s, by %(deadline)s")
                    % {"amount": m(d.left), "origin": d.origin, "deadline": d.deadline}
                    for d in r.open
                ],
                "missed": bool(r.missed),
            }
        )
        for d in r.missed:
            warnings.append(
                _(
                    "The deficit from %(origin)s is not restored by its deadline %(deadline)s: "
                    "%(amount)s mnkr is left in %(year)s."
                )
                % {"origin": d.origin, "deadline": d.deadline, "amount": m(d.left), "year": r.year}
            )
    last = result.years[-1].year if result.years else None
    for d in result.open:
        if d.deadline > last:
            warnings.append(
                _(
                    "After %(year)s, %(amount)s mnkr of the deficit from %(origin)s is left to "
                    "restore by %(deadline)s."
                )
                % {"year": last, "amount": m(d.amount), "origin": d.origin, "deadline": d.deadline}
            )
    context |= {"restoration": rows, "restoration_warnings": warnings}
    return context


def _page_after(request, slug, pk, *, form=None) -> HttpResponse:
    """Back to the frames page (the version the form was sent from), or the page again with
    the form's problems."""
    from . import views_frames  # the frames page, which includes this module's context

    scenario, only = views_frames._scenario(request, slug, pk)
    wanted = request.POST.get("version", "")
    version = (
        FrameVersion.objects.filter(pk=wanted, scenario=scenario).first()
        if wanted.isdigit()
        else None
    )
    if form is not None:
        return views_frames._page(
            request, scenario, only, forms={"deficit": form, "version": version}, status=400
        )
    return views_frames._back(scenario, version)


def _editable_scenario(request: HttpRequest, slug: str, pk: int) -> Scenario:
    from . import views_frames

    scenario, _only = views_frames._scenario(request, slug, pk)
    if not can_edit_deficits(request.user, scenario.cycle.organisation_id):
        raise PermissionDenied
    return scenario


@require_POST
def deficit_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario = _editable_scenario(request, slug, pk)
    form = DeficitForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            deficit = services.add_deficit(
                organisation=scenario.cycle.organisation,
                origin_year=d["origin_year"],
                amount=d["amount"],
                source=d["source"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
        else:
            messages.success(
                request,
                _("The deficit from %(year)s was recorded.") % {"year": deficit.origin_year},
            )
            return _page_after(request, slug, pk)
    return _page_after(request, slug, pk, form=form)


def _deficit(scenario: Scenario, did: int) -> EarlierDeficit:
    return get_object_or_404(
        EarlierDeficit.objects.filter(organisation_id=scenario.cycle.organisation_id), pk=did
    )


@require_POST
def deficit_change(request: HttpRequest, slug: str, pk: int, did: int) -> HttpResponse:
    scenario = _editable_scenario(request, slug, pk)
    deficit = _deficit(scenario, did)
    form = DeficitChangeForm(request.POST)
    if not form.is_valid():
        problems = [e for errors in form.errors.values() for e in errors]
        messages.error(request, " ".join([_("Nothing was saved."), *problems]))
        return _page_after(request, slug, pk)
    d = form.cleaned_data
    try:
        services.change_deficit(
            deficit=deficit,
            amount=d["amount"],
            source=d["source"],
            by=request.user,
            expected=d["expected"],
        )
    except DomainError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("The deficit from %(year)s was saved.") % {"year": deficit.origin_year}
        )
    return _page_after(request, slug, pk)


@require_POST
def deficit_remove(request: HttpRequest, slug: str, pk: int, did: int) -> HttpResponse:
    scenario = _editable_scenario(request, slug, pk)
    deficit = _deficit(scenario, did)
    expected = request.POST.get("expected", "")
    try:
        services.remove_deficit(
            deficit=deficit, by=request.user, expected=int(expected) if expected.isdigit() else None
        )
    except DomainError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("The deficit from %(year)s was removed.") % {"year": deficit.origin_year}
        )
    return _page_after(request, slug, pk)
