"""Party budgets (yrkanden): the majority's frames and a party's side by side per committee and
year, each with its balance check, and the appendix of the party's change items (printable).

Read: see permissions_party (the finance office every one; a party's own politicians its
draft; everyone with a role in the process once tabled; 404 otherwise). A proposal builds on a
prepared or adopted version, which every reader of the proposal reads too.
Created and changed by the finance office and the party's own politicians (403 for the
others); a tabled proposal is frozen. A new proposal is made from the frames page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arshjul.core.errors import DomainError

from . import selectors_frames as sel
from . import selectors_party as psel
from . import services_party as services
from .forms_frames import ItemForm
from .forms_party import NewPartyProposalForm
from .models import PartyProposal, Scenario
from .money import format_money, format_number
from .permissions_party import can_edit_proposal, proposing_parties
from .views_frames import _balance, _expected


def _load(request: HttpRequest, slug: str, pk: int, ppk: int):
    try:
        scenario = sel.scenario_for_frames(pk)
    except Scenario.DoesNotExist:
        raise Http404 from None
    if scenario.cycle.slug != slug:
        raise Http404
    proposal = psel.proposal_of(scenario, ppk, user=request.user)
    return scenario, proposal


def _table(data: psel.SideBySide) -> dict:
    """Per committee: majority and party per year (mnkr), each side as rounded once over its
    whole table (the majority's figures are the frames page's), columns adding up to Σ."""
    years = data.majority.years
    bodies = data.party.bodies
    majority, party = data.majority.shown, data.party.shown
    rows = []
    for body in bodies:
        cells = []
        for year in years:
            m, p = majority[body.pk, year], party[body.pk, year]
            cells.append(
                {
                    "majority": format_number(m, 1),
                    "party": format_number(p, 1),
                    "differs": data.majority.frames[body.pk, year].value
                    != data.party.frames[body.pk, year].value,
                }
            )
        rows.append({"body": body, "cells": cells})
    totals = [
        {
            "majority": format_number(data.majority.shown_total(y), 1),
            "party": format_number(data.party.shown_total(y), 1),
        }
        for y in years
    ]
    return {"years": years, "rows": rows, "totals": totals}


def _appendix(items) -> list[dict]:
    groups: dict[int, dict] = {}
    for item in items:
        item.amount_shown = format_money(item.amount)
        groups.setdefault(item.body_id, {"body": item.body, "items": []})["items"].append(item)
    return list(groups.values())


def _page(request, scenario, proposal, *, form=None, status=200):
    data = psel.side_by_side(proposal, scenario)
    can_edit = can_edit_proposal(request.user, proposal, scenario.cycle)
    editable = can_edit and not proposal.is_tabled
    ok = data.majority.frames and data.party.frames
    context = {
        "cycle": scenario.cycle,
        "scenario": scenario,
        "proposal": proposal,
        "data": data,
        "table": _table(data) if ok else None,
        "majority_balance": _balance(data.majority),
        "party_balance": _balance(data.party),
        "appendix": _appendix(data.own_items),
        "can_edit": can_edit,
        "editable": editable,
        "expected": proposal.frame_version.version,
    }
    if editable:
        context["item_form"] = form or ItemForm(
            scenario=scenario, initial={"expected": proposal.frame_version.version}
        )
    return render(request, "finance/party/proposal.html", context, status=status)


@require_GET
def proposal(request: HttpRequest, slug: str, pk: int, ppk: int) -> HttpResponse:
    scenario, prop = _load(request, slug, pk, ppk)
    return _page(request, scenario, prop)


def _edit(request, slug, pk, ppk):
    scenario, prop = _load(request, slug, pk, ppk)
    if not can_edit_proposal(request.user, prop, scenario.cycle):
        raise PermissionDenied
    return scenario, prop


def _back(scenario: Scenario, prop: PartyProposal):
    return redirect(
        reverse(
            "finance:party_proposal",
            kwargs={"slug": scenario.cycle.slug, "pk": scenario.pk, "ppk": prop.pk},
        )
    )


@require_POST
def item_new(request: HttpRequest, slug: str, pk: int, ppk: int) -> HttpResponse:
    scenario, prop = _edit(request, slug, pk, ppk)
    form = ItemForm(request.POST, scenario=scenario)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.add_item(
                proposal=prop,
                **form.item(),
                by=request.user,
                expected=d["expected"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
        else:
            messages.success(request, _("The change item was added."))
            return _back(scenario, prop)
    return _page(request, scenario, prop, form=form, status=400)


@require_POST
def item_remove(request: HttpRequest, slug: str, pk: int, ppk: int, item: int) -> HttpResponse:
    scenario, prop = _edit(request, slug, pk, ppk)
    row = get_object_or_404(prop.frame_version.items, pk=item)
    try:
        services.remove_item(proposal=prop, item=row, by=request.user, expected=_expected(request))
    except DomainError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The change item was removed."))
    return _back(scenario, prop)


@require_POST
def table(request: HttpRequest, slug: str, pk: int, ppk: int) -> HttpResponse:
    scenario, prop = _edit(request, slug, pk, ppk)
    try:
        services.table_proposal(proposal=prop, by=request.user, expected=_expected(request))
    except DomainError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The proposal is tabled."))
    return _back(scenario, prop)


@require_POST
def proposal_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A new party proposal on one of the scenario's versions, from the frames page."""
    from .views_frames import _page as frames_page
    from .views_frames import _scenario

    scenario, only = _scenario(request, slug, pk)
    parties = proposing_parties(request.user, scenario.cycle)
    if not parties.exists():
        raise PermissionDenied
    form = NewPartyProposalForm(request.POST, scenario=scenario, parties=parties, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        try:
            prop = services.create_proposal(
                base=d["base"], party=d["party"], name=d["name"], by=request.user
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
        else:
            messages.success(
                request, _("The proposal “%(name)s” was created.") % {"name": prop.frame_version}
            )
            return _back(scenario, prop)
    return frames_page(request, scenario, only, forms={"party": form}, status=400)


def party_form_context(request, scenario: Scenario, form=None) -> dict:
    """The frames page's form for a new party proposal, for whoever may create one."""
    parties = proposing_parties(request.user, scenario.cycle)
    if not parties.exists():
        return {}
    return {
        "party_form": form
        or NewPartyProposalForm(scenario=scenario, parties=parties, user=request.user)
    }
