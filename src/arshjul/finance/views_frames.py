"""The frames page of a scenario: frames per committee and year in versions, the balance check,
the change items, and the difference between two versions.

Who reads which version is one rule (finance.permissions_frames), stated on the page: the
finance office reads drafts; everyone with a role in the process reads every committee's frames
of a prepared or adopted version; the balance check is for those who read the financial space;
404 for everyone else. The finance office changes (403 for the others) and marks a draft
prepared; an adopted version is frozen.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arshjul.core.errors import DomainError
from arshjul.core.history import history_of

from . import capital_costs
from . import selectors_frames as sel
from . import services_frames as services
from .charts_frames import charts_of
from .forms_frames import BaseFramesForm, ItemForm, NewVersionForm, NoteForm
from .frames import Frame
from .models import ChangeItem, FrameVersion, Scenario
from .money import format_money, format_number
from .permissions_frames import can_edit_frames, reads_balance, reads_frames
from .permissions_units import unit_bodies_for
from .selectors_party import readable_proposals
from .space import format_rate
from .views_restoration import restoration_context

ZERO = Decimal(0)


def _scenario(request: HttpRequest, slug: str, pk: int) -> tuple[Scenario, set[int] | None]:
    try:
        scenario = sel.scenario_for_frames(pk)
    except Scenario.DoesNotExist:
        raise Http404 from None
    if scenario.cycle.slug != slug:
        raise Http404
    if not reads_frames(request.user, scenario.cycle):
        raise Http404(_("No such scenario, or you may not see its frames."))
    # Every reader of a version reads all its committees' frames (`only` stays for the pages'
    # signatures: None, every committee).
    return scenario, None


def _editor(request: HttpRequest, scenario: Scenario) -> None:
    if not can_edit_frames(request.user, scenario.cycle):
        raise PermissionDenied


def _explain(
    frame: Frame, kk: capital_costs.CommitteeKK | None = None, shown: Decimal | None = None
) -> list[str]:
    m = lambda v: format_money(v, "mnkr")  # noqa: E731
    if frame.index_rate == ZERO and frame.index_amount == ZERO and frame.kk_change == ZERO:
        lines = [_("Frame without capital costs (typed): %(v)s") % {"v": m(frame.carried)}]
    else:
        lines = [
            _("Last year's frame without capital costs and one-off items: %(v)s")
            % {"v": m(frame.carried)},
            _("Index %(rate)s: %(v)s")
            % {"rate": format_rate(frame.index_rate), "v": m(frame.index_amount)},
        ]
    labels = dict(ChangeItem.Kind.choices)
    for kind, total in frame.sums.items():
        if total:
            lines.append(f"{labels[kind]}: {m(total)}")
    lines.append(_("Capital costs (not indexed): %(v)s") % {"v": m(frame.kk)})
    if kk is not None and kk.plan:
        lines.append(
            _("of which existing assets %(existing)s and the investment plan %(plan)s")
            % {"existing": m(kk.existing), "plan": m(kk.plan)}
        )
    if frame.kk_change:
        lines.append(_("Change in capital costs: %(v)s") % {"v": m(frame.kk_change)})
    lines.append(
        _("Frame: %(v)s (exact %(kr)s kr)")
        % {
            "v": m(frame.value) if shown is None else format_number(shown, 1),
            "kr": format_money(frame.value, "kr"),
        }
    )
    return lines


def _frames_table(data: sel.VersionFrames, units: set[int] | None = None) -> dict:
    """Rows per committee with cells per year, in mnkr, as rounded once over the whole table
    (`selectors_frames.shown_table`); each year's column adds up to Σ."""
    rows = []
    for body in data.bodies:
        cells = []
        for year in data.years:
            frame = data.frames[body.pk, year]
            shown = data.shown[body.pk, year]
            cells.append(
                {
                    "year": year,
                    "shown": format_number(shown, 1),
                    "lines": _explain(
                        frame, data.kk.parts.get((body.pk, year)) if data.kk else None, shown
                    ),
                }
            )
        rows.append({"body": body, "cells": cells, "units": units is None or body.pk in units})
    totals = [format_number(data.shown_total(y), 1) for y in data.years]
    return {"rows": rows, "totals": totals}


def _balance(data: sel.VersionFrames) -> list[dict]:
    out = []
    goal = data.kk.self_financing_goal if data.kk else None
    for b in data.balance:
        ratio = data.kk.self_financing(b.year, b.result) if data.kk and data.kk.computed else None
        out.append(
            {
                "year": b.year,
                "revenue": format_money(b.revenue),
                "frames": format_money(b.frames),
                "central": format_money(b.central),
                "result": format_money(b.result),
                "required": format_money(b.required),
                "below_zero": b.below_zero,
                "below_goal": b.below_goal,
                "note": data.notes.get(b.year),
                "self_financing": (
                    format_number(ratio * 100, 1) + "\u00a0%" if ratio is not None else ""
                ),
                "below_self_financing_goal": ratio is not None
                and goal is not None
                and ratio < goal,
            }
        )
    return out


def _shown_amounts(items) -> None:
    for item in items:
        item.amount_shown = format_money(item.amount)


def _version_of(request: HttpRequest, versions: list[FrameVersion]) -> FrameVersion | None:
    wanted = request.GET.get("version")
    if wanted:
        for v in versions:
            if str(v.pk) == wanted:
                return v
        raise Http404
    return versions[-1] if versions else None


def _page(request, scenario, only, *, forms: dict | None = None, status: int = 200):
    versions = sel.versions_of(scenario, user=request.user)
    version = (
        forms.get("version") if forms and forms.get("version") else _version_of(request, versions)
    )
    can_edit = can_edit_frames(request.user, scenario.cycle)
    whole = reads_balance(request.user, scenario.cycle)
    data = sel.frames_of(version, scenario, only=only, balance=whole) if version else None
    if data:
        _shown_amounts(data.items)
    forms = forms or {}
    editable = can_edit and version is not None and not version.is_adopted
    context = {
        "cycle": scenario.cycle,
        "scenario": scenario,
        "versions": versions,
        "version": version,
        "data": data,
        "table": (
            _frames_table(data, unit_bodies_for(request.user, scenario.cycle))
            if data and data.frames
            else None
        ),
        "balance": _balance(data) if data else [],
        "can_edit": can_edit,
        "editable": editable,
        "filtered": not whole,
        "history": history_of(version) if can_edit and version else None,
        "proposals": readable_proposals(request.user, scenario),
    }
    context |= charts_of(data, filtered=not whole)
    context |= restoration_context(request, scenario, data, forms=forms)
    from .views_party import party_form_context  # the parts of this page of the proposals
    from .views_proposals import proposals_context

    context.update(proposals_context(request, scenario, version, forms.get("proposal")))
    context.update(party_form_context(request, scenario, forms.get("party")))
    if can_edit:
        context["new_form"] = forms.get("new") or NewVersionForm(scenario=scenario)
    if editable:
        expected = {"expected": version.version}
        context["item_form"] = forms.get("item") or ItemForm(scenario=scenario, initial=expected)
        bodies = sel.frame_bodies(scenario.cycle.organisation_id).order_by("name")
        current = {b.body_id: b.amount for b in version.base_frames.all()}
        context["base_form"] = forms.get("base") or BaseFramesForm(
            bodies=bodies, current=current, initial=expected
        )
        context["expected"] = version.version
    return render(request, "finance/frames/frames.html", context, status=status)


@require_GET
def frames(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    return _page(request, scenario, only)


def _back(scenario: Scenario, version: FrameVersion | None = None):
    proposal = getattr(version, "party_proposal", None) if version is not None else None
    if proposal is not None:  # a party's proposal is shown on its own page
        return redirect(
            reverse(
                "finance:party_proposal",
                kwargs={"slug": scenario.cycle.slug, "pk": scenario.pk, "ppk": proposal.pk},
            )
        )
    url = reverse("finance:frames", kwargs={"slug": scenario.cycle.slug, "pk": scenario.pk})
    return redirect(f"{url}?version={version.pk}" if version else url)


def _refused(request, scenario, only, version, exc: DomainError, form=None, key=None):
    if form is not None and key is not None and exc.domain_code != "adopted":
        form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
        return _page(request, scenario, only, forms={key: form, "version": version}, status=400)
    messages.error(request, exc.messages[0])
    return _back(scenario, version)


@require_POST
def version_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    _editor(request, scenario)
    form = NewVersionForm(request.POST, scenario=scenario)
    if form.is_valid():
        try:
            version = services.create_version(
                scenario=scenario,
                name=form.cleaned_data["name"],
                step=form.cleaned_data["step"],
                copy_from=form.cleaned_data["copy_from"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
        else:
            messages.success(
                request, _("The version “%(name)s” was created.") % {"name": version.name}
            )
            return _back(scenario, version)
    return _page(request, scenario, only, forms={"new": form}, status=400)


def _version(scenario: Scenario, vid: int, user) -> FrameVersion:
    """A version the user reads (a party proposal's too: the services refuse what may not be
    done to it), or 404."""
    return sel.version_for(scenario, vid, user=user)


def _expected(request) -> int | None:
    try:
        return int(request.POST.get("expected", ""))
    except ValueError:
        return None


@require_POST
def version_adopt(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    version = _version(scenario, vid, request.user)  # 404 before 403: unread is unseen
    _editor(request, scenario)
    try:
        services.adopt_version(version=version, by=request.user, expected=_expected(request))
    except DomainError as exc:
        return _refused(request, scenario, only, version, exc)
    messages.success(
        request, _("The version “%(name)s” is adopted and frozen.") % {"name": version.name}
    )
    return _back(scenario, version)


@require_POST
def version_prepare(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    version = _version(scenario, vid, request.user)  # 404 before 403: unread is unseen
    _editor(request, scenario)
    try:
        services.prepare_version(version=version, by=request.user, expected=_expected(request))
    except DomainError as exc:
        return _refused(request, scenario, only, version, exc)
    messages.success(
        request,
        _("The version “%(name)s” is prepared: everyone with a role in the process reads it.")
        % {"name": version.name},
    )
    return _back(scenario, version)


@require_POST
def base_frames(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    version = _version(scenario, vid, request.user)  # 404 before 403: unread is unseen
    _editor(request, scenario)
    bodies = sel.frame_bodies(scenario.cycle.organisation_id).order_by("name")
    form = BaseFramesForm(request.POST, bodies=bodies, current={})
    if form.is_valid():
        try:
            services.set_base_frames(
                version=version,
                amounts=form.amounts(),
                by=request.user,
                expected=form.cleaned_data["expected"],
            )
        except DomainError as exc:
            return _refused(request, scenario, only, version, exc, form, "base")
        messages.success(request, _("The frames of the budget year were saved."))
        return _back(scenario, version)
    return _page(request, scenario, only, forms={"base": form, "version": version}, status=400)


@require_POST
def item_new(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    version = _version(scenario, vid, request.user)  # 404 before 403: unread is unseen
    _editor(request, scenario)
    form = ItemForm(request.POST, scenario=scenario)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.add_item(
                version=version,
                **form.item(),
                by=request.user,
                expected=d["expected"],
            )
        except DomainError as exc:
            return _refused(request, scenario, only, version, exc, form, "item")
        messages.success(request, _("The change item was added."))
        return _back(scenario, version)
    return _page(request, scenario, only, forms={"item": form, "version": version}, status=400)


@require_POST
def item_remove(request: HttpRequest, slug: str, pk: int, vid: int, item: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    version = _version(scenario, vid, request.user)  # 404 before 403: unread is unseen
    _editor(request, scenario)
    obj = get_object_or_404(version.items.all(), pk=item)
    try:
        services.remove_item(item=obj, by=request.user, expected=_expected(request))
    except DomainError as exc:
        return _refused(request, scenario, only, version, exc)
    messages.success(request, _("The change item was removed."))
    return _back(scenario, version)


@require_POST
def balance_note(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    version = _version(scenario, vid, request.user)  # 404 before 403: unread is unseen
    _editor(request, scenario)
    form = NoteForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.save_balance_note(
                version=version,
                year=d["year"],
                reason=d["reason"],
                restoration=d["restoration"],
                by=request.user,
                expected=d["expected"],
            )
        except DomainError as exc:
            return _refused(request, scenario, only, version, exc)
        messages.success(request, _("The reasons were recorded."))
    else:
        messages.error(request, _("Nothing was saved."))
    return _back(scenario, version)


@require_GET
def difference(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario, only = _scenario(request, slug, pk)
    versions = sel.versions_of(scenario, user=request.user)
    by_pk = {str(v.pk): v for v in versions}
    a, b = by_pk.get(request.GET.get("a", "")), by_pk.get(request.GET.get("b", ""))
    if a is None or b is None:
        raise Http404
    kk = capital_costs.for_scenario(scenario)
    fa = sel.frames_of(a, scenario, only=only, kk=kk, balance=False)
    fb = sel.frames_of(b, scenario, only=only, kk=kk, balance=False)
    _shown_amounts(fa.items + fb.items)
    rows = []
    for d in sel.difference(fa, fb):
        change = (d.b or ZERO) - (d.a or ZERO)
        rows.append(
            {
                "body": d.body,
                "year": d.year,
                "a": format_money(d.a) if d.a is not None else "–",
                "b": format_money(d.b) if d.b is not None else "–",
                "change": format_money(change),
                "only_a": d.only_a,
                "only_b": d.only_b,
            }
        )
    return render(
        request,
        "finance/frames/difference.html",
        {
            "cycle": scenario.cycle,
            "scenario": scenario,
            "a": a,
            "b": b,
            "rows": rows,
            "versions": versions,
        },
    )
