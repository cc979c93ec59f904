"""Committees' change proposals on the frames page: a committee's people propose changes to
their own committee's frame on a draft version and withdraw them; the finance office takes
them in as change items (the amount may be changed first) or declines them with a reason.

Read: the finance office and the chief executive's office every proposal; a committee's
secretary, head of administration and members their own committee's; 404 for others (also for
a proposal of another committee). Plain POSTs that redirect back to the frames page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arshjul.core.errors import DomainError

from . import services_proposals as services
from .forms_proposals import DeclineForm, ProposalForm, TakeInForm
from .models import ChangeProposal, FrameVersion, Scenario
from .money import format_money
from .permissions_proposals import can_decide, proposal_bodies_for, proposing_bodies
from .selectors_proposals import proposals_for
from .views_frames import _back, _expected, _page, _scenario, _version


def proposals_context(request, scenario: Scenario, version: FrameVersion | None, form=None):
    """What the frames page shows of the proposals: the user's readable ones, the decision
    buttons for the finance office, the form for a committee's people on a draft version."""
    rows = proposals_for(request.user, scenario)
    for p in rows:
        p.amount_shown = format_money(p.amount)
        p.amount_input = TakeInForm.base_fields["amount"].prepare_value(p.amount)
    context = {
        "change_proposals": rows,
        "open_proposals": [p for p in rows if p.is_open],
        "closed_proposals": [p for p in rows if not p.is_open],
        "can_decide": can_decide(request.user, scenario.cycle),
    }
    bodies = proposing_bodies(request.user, scenario.cycle)
    if (
        bodies
        and version is not None
        and not version.is_adopted
        and not hasattr(version, "party_proposal")
    ):
        context["proposal_form"] = form or ProposalForm(scenario=scenario, bodies=bodies)
        context["proposal_version"] = version
    context["can_withdraw"] = bodies
    return context


def _proposal(request, scenario: Scenario, prid: int) -> ChangeProposal:
    only = proposal_bodies_for(request.user, scenario.cycle)
    qs = ChangeProposal.objects.filter(frame_version__scenario=scenario).select_related(
        "frame_version", "body"
    )
    if only is not None:
        qs = qs.filter(body_id__in=only)
    return get_object_or_404(qs, pk=prid)


def _refused(request, scenario, version, exc: DomainError) -> HttpResponse:
    messages.error(request, exc.messages[0])
    return _back(scenario, version)


@require_POST
def proposal_new(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    bodies = proposing_bodies(request.user, scenario.cycle)
    if not bodies:
        raise PermissionDenied
    version = _version(scenario, vid, request.user)
    form = ProposalForm(request.POST, scenario=scenario, bodies=bodies)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.propose_change(
                version=version,
                body=d["body"],
                year=d["year"],
                kind=d["kind"],
                amount=d["amount"],
                text=d["text"],
                justification=d["justification"],
                project=d["project"],
                by=request.user,
            )
        except DomainError as exc:
            if exc.domain_code in ("adopted", "party", "forbidden"):
                return _refused(request, scenario, version, exc)
            form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
        else:
            messages.success(request, _("Your proposal was sent to the finance office."))
            return _back(scenario, version)
    return _page(request, scenario, only, forms={"proposal": form, "version": version}, status=400)


@require_POST
def proposal_take_in(request: HttpRequest, slug: str, pk: int, prid: int) -> HttpResponse:
    scenario, _only = _scenario(request, slug, pk)
    proposal = _proposal(request, scenario, prid)
    if not can_decide(request.user, scenario.cycle):
        raise PermissionDenied
    form = TakeInForm(request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        messages.error(request, _("Nothing was saved: %(error)s") % {"error": first})
        return _back(scenario, proposal.frame_version)
    try:
        services.take_in(
            proposal=proposal,
            by=request.user,
            expected=form.cleaned_data["expected"],
            amount=form.cleaned_data["amount"],
            decision=form.cleaned_data["decision"],
        )
    except DomainError as exc:
        return _refused(request, scenario, proposal.frame_version, exc)
    messages.success(
        request,
        _("The proposal “%(text)s” was taken in as a change item.") % {"text": proposal.text},
    )
    return _back(scenario, proposal.frame_version)


@require_POST
def proposal_decline(request: HttpRequest, slug: str, pk: int, prid: int) -> HttpResponse:
    scenario, _only = _scenario(request, slug, pk)
    proposal = _proposal(request, scenario, prid)
    if not can_decide(request.user, scenario.cycle):
        raise PermissionDenied
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the proposal is declined. Nothing was saved."))
        return _back(scenario, proposal.frame_version)
    try:
        services.decline(
            proposal=proposal,
            by=request.user,
            expected=form.cleaned_data["expected"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _refused(request, scenario, proposal.frame_version, exc)
    messages.success(request, _("The proposal “%(text)s” was declined.") % {"text": proposal.text})
    return _back(scenario, proposal.frame_version)


@require_POST
def proposal_withdraw(request: HttpRequest, slug: str, pk: int, prid: int) -> HttpResponse:
    scenario, _only = _scenario(request, slug, pk)
    proposal = _proposal(request, scenario, prid)
    if proposal.body_id not in proposing_bodies(request.user, scenario.cycle):
        raise PermissionDenied
    try:
        services.withdraw(proposal=proposal, by=request.user, expected=_expected(request))
    except DomainError as exc:
        return _refused(request, scenario, proposal.frame_version, exc)
    messages.success(request, _("The proposal was withdrawn."))
    return _back(scenario, proposal.frame_version)
