"""Excel download and upload on the finance pages (finance.excel).

Download: whoever reads the page reads its workbook, with the same versions and rows (the
selectors of finance.selectors_frames: drafts for the finance office, prepared and adopted
versions for everyone with a role in the process; the balance check and the financial space are
the finance office's and the chief executive's office's). "Everything of a scenario" is for those who read
the financial space. Upload: the finance office for the assumptions, a draft frame version and
the investment plan; unit budgets by whoever may edit them (finance.permissions_units), each
unit checked. 404 for those who may not read, 403 for readers who may not change.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from arshjul.organisation.models import Body, Unit

from . import excel as xl
from . import selectors_investments
from .models import BaseFrame, FrameVersion, InvestmentPlan, Scenario, UnitBudget
from .permissions import can_edit_assumptions, can_read_space
from .permissions_frames import can_edit_frames, reads_balance, reads_frames
from .permissions_investments import can_edit_plan
from .permissions_units import unit_access
from .selectors import space_of
from .selectors_frames import frames_of, scenario_for_frames, version_for, versions_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(workbook, name: str) -> HttpResponse:
    response = HttpResponse(xl.to_bytes(workbook), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "export"}.xlsx"'
    return response


def _scenario(slug: str, pk: int) -> Scenario:
    try:
        scenario = scenario_for_frames(pk)
    except Scenario.DoesNotExist:
        raise Http404 from None
    if scenario.cycle.slug != slug:
        raise Http404
    return scenario


def _bases(version: FrameVersion, only: set[int] | None) -> dict:
    rows = BaseFrame.objects.filter(frame_version=version)
    if only is not None:
        rows = rows.filter(body_id__in=only)
    return dict(rows.values_list("body_id", "amount"))


def _import_page(request, *, title: str, back: str, download: str, run, status=200):
    """The upload form; on POST the file is checked and imported, or every error listed."""
    errors: list[xl.CellError] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [xl.CellError("", "", _("Choose a file to upload."))]
        else:
            try:
                data = upload.read(settings.FINANCE_IMPORT_MAX_BYTES + 1)
                workbook = xl.open_workbook(upload.name, data)
                result = run(workbook)
            except xl.ImportRefused as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("The file was imported: %(n)s changed.") % {"n": result.changed}
                    if result.changed
                    else _("The file was imported: nothing had changed."),
                )
                return redirect(back)
    return render(
        request,
        "finance/excel/import.html",
        {"title": title, "back": back, "download": download, "errors": errors},
        status=400 if errors else status,
    )


# --- (a) assumptions and the financial space ----------------------------------------------


def _space_scenario(request, slug: str, pk: int) -> Scenario:
    scenario = _scenario(slug, pk)
    if not can_read_space(request.user, scenario.cycle):
        raise Http404(_("No such cycle, or you may not see its financial space."))
    return scenario


@require_GET
def assumptions_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario = _space_scenario(request, slug, pk)
    workbook = xl.assumptions_workbook(scenario, space_of(scenario))
    return _download(workbook, _("assumptions") + f"-{scenario.name}-{scenario.cycle.budget_year}")


@require_http_methods(["GET", "POST"])
def assumptions_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario = _space_scenario(request, slug, pk)
    if not can_edit_assumptions(request.user, scenario.cycle):
        raise PermissionDenied
    return _import_page(
        request,
        title=_("Import the assumptions of scenario %(name)s") % {"name": scenario.name},
        back=reverse("finance:scenarios", kwargs={"slug": slug}),
        download=reverse("finance:excel_assumptions", kwargs={"slug": slug, "pk": pk}),
        run=lambda wb: xl.import_assumptions(scenario=scenario, workbook=wb, by=request.user),
    )


@require_http_methods(["GET", "POST"])
def skr_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """SKR's own forecast file: the tax-base growth of the scenario's plan years."""
    scenario = _space_scenario(request, slug, pk)
    if not can_edit_assumptions(request.user, scenario.cycle):
        raise PermissionDenied
    name = request.FILES["file"].name if "file" in request.FILES else ""
    return _import_page(
        request,
        title=_("Read SKR's tax-base forecast into scenario %(name)s") % {"name": scenario.name},
        back=reverse("finance:scenario_edit", kwargs={"slug": slug, "pk": pk}),
        download=None,
        run=lambda wb: xl.import_skr_forecast(
            scenario=scenario, workbook=wb, name=name, by=request.user
        ),
    )


@require_GET
def everything_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scenario = _space_scenario(request, slug, pk)
    versions = versions_of(scenario, user=request.user)
    frames = [(frames_of(v, scenario), _bases(v, None)) for v in versions]
    view = None
    plan = InvestmentPlan.objects.filter(organisation_id=scenario.cycle.organisation_id).first()
    if plan is not None:
        view = selectors_investments.plan_view(user=request.user, plan=plan)
    budgets = list(
        UnitBudget.objects.filter(frame_version__in=versions)
        .select_related("unit__body", "consultation")
        .order_by("frame_version_id", "year", "unit__body__name", "unit__name")
    )
    workbook = xl.everything_workbook(
        scenario=scenario, result=space_of(scenario), versions=frames, plan=view, budgets=budgets
    )
    return _download(workbook, f"{scenario.name}-{scenario.cycle.budget_year}")


# --- (b) a frame version --------------------------------------------------------------------


@require_GET
def frames_export(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario = _scenario(slug, pk)
    if not reads_frames(request.user, scenario.cycle):
        raise Http404(_("No such scenario, or you may not see its frames."))
    version = version_for(scenario, vid, user=request.user, party=False)
    data = frames_of(version, scenario, balance=reads_balance(request.user, scenario.cycle))
    workbook = xl.frames_workbook(data, _bases(version, None))
    return _download(workbook, _("frames") + f"-{version.name}")


@require_http_methods(["GET", "POST"])
def frames_import(request: HttpRequest, slug: str, pk: int, vid: int) -> HttpResponse:
    scenario = _scenario(slug, pk)
    if not reads_frames(request.user, scenario.cycle):
        raise Http404(_("No such scenario, or you may not see its frames."))
    version = version_for(scenario, vid, user=request.user, party=False)
    if not can_edit_frames(request.user, scenario.cycle):
        raise PermissionDenied
    back = reverse("finance:frames", kwargs={"slug": slug, "pk": pk}) + f"?version={version.pk}"
    return _import_page(
        request,
        title=_("Import the frames of %(name)s") % {"name": version.name},
        back=back,
        download=reverse("finance:excel_frames", kwargs={"slug": slug, "pk": pk, "vid": vid}),
        run=lambda wb: xl.import_frames(version=version, workbook=wb, by=request.user),
    )


# --- (c) the investment plan ----------------------------------------------------------------


def _plan(request):
    plan = selectors_investments.plan_for_user(request.user)
    if plan is None:
        raise Http404(_("No investment plan, or you may not see it."))
    return plan


@require_GET
def investments_export(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    view = selectors_investments.plan_view(user=request.user, plan=plan)
    if view is None:
        raise Http404(_("No investment plan, or you may not see it."))
    workbook = xl.investments_workbook(view)
    return _download(workbook, _("investment plan") + f"-{plan.first_year}")


@require_http_methods(["GET", "POST"])
def investments_import(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    if not can_edit_plan(request.user, plan):
        if selectors_investments.plan_view(user=request.user, plan=plan) is None:
            raise Http404
        raise PermissionDenied
    return _import_page(
        request,
        title=_("Import the investment plan"),
        back=reverse("finance:investments"),
        download=reverse("finance:excel_investments"),
        run=lambda wb: xl.import_investments(plan=plan, workbook=wb, by=request.user),
    )


# --- (d) unit budgets -----------------------------------------------------------------------


def _units_context(request, slug, pk, vid, body_id, year):
    scenario = _scenario(slug, pk)
    if year not in scenario.years:
        raise Http404
    version = version_for(scenario, vid, user=request.user)
    body = get_object_or_404(Body, pk=body_id)
    reads, all_units, managed = unit_access(request.user, scenario.cycle, body)
    if not reads:
        raise Http404(_("No such committee, or you may not see its unit budgets."))
    return scenario, version, body, all_units, managed


@require_GET
def units_export(request, slug: str, pk: int, vid: int, body_id: int, year: int) -> HttpResponse:
    _s, version, body, _all, _managed = _units_context(request, slug, pk, vid, body_id, year)
    units = list(Unit.objects.filter(body=body).order_by("name"))
    budgets = {
        b.unit_id: b
        for b in UnitBudget.objects.filter(
            frame_version=version, year=year, unit__body=body
        ).select_related("consultation")
    }
    rows = [(u, budgets.get(u.pk)) for u in units]
    workbook = xl.units_workbook(version=version, body=body, year=year, rows=rows)
    return _download(workbook, _("unit budgets") + f"-{body.short_name}-{year}")


@require_http_methods(["GET", "POST"])
def units_import(request, slug: str, pk: int, vid: int, body_id: int, year: int) -> HttpResponse:
    _s, version, body, all_units, managed = _units_context(request, slug, pk, vid, body_id, year)
    if not (all_units or managed):
        raise PermissionDenied
    kwargs = {"slug": slug, "pk": pk, "vid": vid, "body_id": body_id, "year": year}
    return _import_page(
        request,
        title=_("Import the unit budgets of %(body)s %(year)s") % {"body": body.name, "year": year},
        back=reverse("finance:unit_budgets", kwargs=kwargs),
        download=reverse("finance:excel_units", kwargs=kwargs),
        run=lambda wb: xl.import_unit_budgets(
            version=version, body=body, year=year, workbook=wb, by=request.user
        ),
    )
