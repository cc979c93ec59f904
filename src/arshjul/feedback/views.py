"""Feedback report pages: a committee's report (read, write, move its status), the finance
office's deadline dashboard, and all committees' answers side by side.

Read: the report's document rules (a draft only for the committee's people and the finance
office; published for everyone). Change: the committee's secretary and head of administration,
and the finance office. Dashboard: the finance office (403 for others who may read the cycle).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arshjul.core.errors import DomainError
from arshjul.core.history import history_of
from arshjul.documents import services as documents
from arshjul.documents.choices import TRANSITIONS, DocumentStatus
from arshjul.documents.permissions import can_see_history
from arshjul.organisation.models import Body
from arshjul.process.models import Cycle

from . import exports, selectors, services
from .forms import ReportForm
from .models import FeedbackReport
from .permissions import can_edit_report, can_see_dashboard, can_view_report


def _report_or_404(request: HttpRequest, pk: int) -> FeedbackReport:
    report = (
        FeedbackReport.objects.select_related("cycle__organisation", "body", "document__owner_body")
        .prefetch_related("sections", "document__transitions__by")
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_view_report(request.user, report):
        raise Http404(_("No such feedback report, or you may not see it."))
    return report


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    can_edit = can_edit_report(request.user, report)
    sections = list(report.sections.all())
    form = None
    if can_edit and report.document.status in services.EDITABLE:
        initial = {f"section_{s.order}": s.text for s in sections} | {"version": report.version}
        form = ReportForm(request.POST or None, initial=initial, sections=sections)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_sections(
                    report=report,
                    texts=form.texts(),
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
            except DomainError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The report was saved."))
                return redirect(report.get_absolute_url())
    earlier = list(
        selectors.reports_visible_to(
            request.user,
            FeedbackReport.objects.filter(body=report.body)
            .exclude(pk=report.pk)
            .select_related("cycle"),
        ).order_by("-cycle__budget_year")
    )
    return render(
        request,
        "feedback/report.html",
        {
            "report": report,
            "sections": sections,
            "form": form,
            "can_edit": can_edit,
            "next_statuses": [DocumentStatus(s) for s in TRANSITIONS[report.document.status]],
            "earlier": earlier,
            # The whole history, the report's text and its document's register entries together.
            "history": history_of(report, report.document)
            if can_see_history(request.user, report.document)
            else None,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the report's status (prepared, treated, decided with date and §, sent)."""
    report = _report_or_404(request, pk)
    if not can_edit_report(request.user, report):
        raise PermissionDenied
    version = request.POST.get("version", "")
    if not version.isdigit():
        messages.error(request, _("The form was out of date. Reload the page and try again."))
        return redirect(report.get_absolute_url())
    try:
        decision_date = request.POST.get("decision_date") or None
        decision_day = dt.date.fromisoformat(decision_date) if decision_date else None
    except ValueError:
        messages.error(request, _("Write the decision date as a date, e.g. 2021-04-08."))
        return redirect(report.get_absolute_url())
    try:
        documents.change_status(
            document=report.document,
            to=request.POST.get("to", ""),
            by=request.user,
            version=int(version),
            decision_date=decision_day,
            decision_paragraph=request.POST.get("decision_paragraph", ""),
        )
    except DomainError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report's status was changed."))
    return redirect(report.get_absolute_url())


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.select_related("template"), slug=slug)
    body = get_object_or_404(
        Body, pk=request.POST.get("body"), organisation_id=cycle.organisation_id
    )
    try:
        created = services.start_report(cycle=cycle, body=body, by=request.user)
    except DomainError as exc:
        if exc.domain_code == "forbidden":
            raise PermissionDenied from exc
        for message in exc.messages:
            messages.error(request, message)
        return redirect("feedback:dashboard", slug=cycle.slug)
    return redirect(created.get_absolute_url())


@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.select_related("organisation"), slug=slug)
    if not can_see_dashboard(request.user, cycle):
        raise PermissionDenied
    deadlines, rows = selectors.feedback_dashboard(cycle=cycle, today=timezone.localdate())
    return render(
        request, "feedback/dashboard.html", {"cycle": cycle, "deadlines": deadlines, "rows": rows}
    )


def _compilation(request: HttpRequest, slug: str):
    cycle = get_object_or_404(Cycle.objects.select_related("organisation", "template"), slug=slug)
    reports = list(
        selectors.reports_visible_to(
            request.user,
            FeedbackReport.objects.filter(cycle=cycle)
            .select_related("body", "document__decision_body")
            .prefetch_related("sections"),
        ).order_by("body__name")
    )
    by_heading = [
        (
            heading,
            [
                (r, next((s for s in r.sections.all() if s.heading == heading), None))
                for r in reports
            ],
        )
        for heading in services.headings_for(cycle.template)
    ]
    return cycle, reports, by_heading


@require_GET
def compilation(request: HttpRequest, slug: str) -> HttpResponse:
    """All committees' answers side by side under each heading, as far as the reader may see them."""
    cycle, reports, by_heading = _compilation(request, slug)
    return render(
        request,
        "feedback/compilation.html",
        {"cycle": cycle, "reports": reports, "by_heading": by_heading},
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def compilation_docx(request: HttpRequest, slug: str) -> HttpResponse:
    """The compilation as Word, with the same answers the reader may see on the page."""
    cycle, reports, by_heading = _compilation(request, slug)
    content = exports.compilation_docx(cycle=cycle, by_heading=by_heading, reports=reports)
    return _download(
        content,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"aterkoppling-{cycle.slug}.docx",
    )


@require_GET
def compilation_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The compilation as PDF/A-2b for the archive."""
    cycle, reports, by_heading = _compilation(request, slug)
    content = exports.compilation_pdf(
        cycle=cycle, by_heading=by_heading, reports=reports, request=request
    )
    return _download(content, "application/pdf", f"aterkoppling-{cycle.slug}.pdf")
