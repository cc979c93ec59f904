"""Feedback report pages: a committee's report (read, write, move its status), the finance
office's deadline dashboard, and all committees' answers side by side.

Read: the report's document rules (documents.permissions: a draft only for those who write it,
the committee's members and the central offices from prepared on, everyone once decided or
sent unless secret; the history for those who write it). Change: the committee's secretary and head of administration,
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
from arshjul.documents.choices import TRANSITION_LABELS, TRANSITIONS, DocumentStatus
from arshjul.documents.permissions import can_see_history, can_view_document
from arshjul.organisation.models import Body
from arshjul.process.models import Cycle

from . import exports, selectors, services
from .forms import ReportForm, SummaryForm
from .models import FeedbackReport, FeedbackSummary
from .permissions import can_edit_report, can_see_dashboard, can_write_summary
from .sanitise import clean_html, to_editable


def _report_or_404(request: HttpRequest, pk: int) -> FeedbackReport:
    report = selectors.report_detail(pk=pk, user=request.user)
    if report is None:
        raise Http404(_("No such feedback report, or you may not see it."))
    return report


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    can_edit = can_edit_report(request.user, report)
    sections = list(report.sections.all())
    editable = report.document.status in services.EDITABLE
    form = None
    theirs = []
    if can_edit and (editable or request.method == "POST"):
        initial = {f"section_{s.order}": to_editable(s.text) for s in sections}
        initial |= {f"seen_{s.order}": to_editable(s.text) for s in sections}
        form = ReportForm(
            request.POST or None, initial=initial | {"version": report.version}, sections=sections
        )
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
                    seen=form.seen(),
                )
            except DomainError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                if exc.domain_code == "stale":
                    theirs = _theirs(report, form.texts())
                    form.data = form.data.copy()
                    form.data["version"] = str(report.version)
                    form.add_error(
                        None,
                        _(
                            "Your text is still in the form below, and theirs is shown under "
                            "“Saved meanwhile”. Saving again saves the headings you changed and "
                            "keeps theirs under the others."
                        ),
                    )
                elif exc.domain_code == "frozen":
                    form.add_error(None, _("Copy your text from the form below if you need it."))
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
            "editable": editable,
            "theirs": theirs,
            "can_edit": can_edit,
            "next_statuses": _moves(report.document),
            "earlier": earlier,
            # The whole history, the report's text and its document's register entries together.
            "history": history_of(report, report.document)
            if can_see_history(request.user, report.document)
            else None,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


def _moves(document) -> list[dict]:
    """The moves open to the document, each with its button's verb; the way back to draft
    last, apart from the decision's fields."""
    moves = [{"value": s, "label": TRANSITION_LABELS[s]} for s in TRANSITIONS[document.status]]
    return sorted(moves, key=lambda m: m["value"] == DocumentStatus.DRAFT)


def _theirs(report: FeedbackReport, mine: dict[int, str]) -> list:
    """After a refused stale save: the text saved meanwhile under each heading where it differs
    from hers; the form then carries the current version, so that saving again is deliberate."""
    fresh = FeedbackReport.objects.get(pk=report.pk)
    report.version = fresh.version
    return [
        s
        for s in report.sections.model.objects.filter(report=report).order_by("order")
        if s.text != clean_html(mine.get(s.order, ""))
    ]


def _move_document(request: HttpRequest, document, done: str, move=None) -> None:
    """Move a register document's status from a posted form, with messages for the user."""
    version = request.POST.get("version", "")
    if not version.isdigit():
        messages.error(request, _("The form was out of date. Reload the page and try again."))
        return
    try:
        decision_date = request.POST.get("decision_date") or None
        decision_day = dt.date.fromisoformat(decision_date) if decision_date else None
    except ValueError:
        messages.error(request, _("Write the decision date as a date, e.g. 2021-04-08."))
        return
    try:
        (move or documents.change_status)(
            document=document,
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
        messages.success(request, done)


@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the report's status (prepared, treated, decided with date and §, sent)."""
    report = _report_or_404(request, pk)
    if not can_edit_report(request.user, report):
        raise PermissionDenied
    _move_document(
        request,
        report.document,
        _("The report's status was changed."),
        move=lambda document, **kw: services.move_report(report=report, **kw),
    )
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
        if can_see_dashboard(request.user, cycle):
            return redirect("feedback:dashboard", slug=cycle.slug)
        return redirect("notifications:list")
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
    reports, by_heading = selectors.compilation(cycle=cycle, user=request.user)
    return cycle, reports, by_heading


@require_GET
def compilation(request: HttpRequest, slug: str) -> HttpResponse:
    """All committees' answers side by side under each heading, as far as the reader may see them."""
    cycle, reports, by_heading = _compilation(request, slug)
    summary = (
        FeedbackSummary.objects.filter(cycle=cycle).select_related("document__owner_body").first()
    )
    if summary is not None and not can_view_document(request.user, summary.document):
        summary = None
    return render(
        request,
        "feedback/compilation.html",
        {
            "cycle": cycle,
            "reports": reports,
            "by_heading": by_heading,
            "summary": summary,
            "can_write_summary": can_write_summary(request.user, cycle),
        },
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


def _summary_or_404(request: HttpRequest, slug: str) -> FeedbackSummary:
    summary = (
        FeedbackSummary.objects.select_related(
            "cycle__organisation",
            "cycle__template",
            "document__owner_body",
            "document__decision_body",
        )
        .prefetch_related("document__transitions__by", "document__versions")
        .filter(cycle__slug=slug)
        .first()
    )
    if summary is None or not can_view_document(request.user, summary.document):
        raise Http404(_("No summary for this cycle, or you may not see it."))
    return summary


@require_http_methods(["GET", "POST"])
def summary(request: HttpRequest, slug: str) -> HttpResponse:
    """The chief executive's summary: the finance office writes it under the headings, with the
    committees' answers at hand; readers of its register document read it."""
    summary = _summary_or_404(request, slug)
    cycle = summary.cycle
    can_edit = can_write_summary(request.user, cycle)
    headings = [s["heading"] for s in summary.sections]
    form = None
    if can_edit and summary.document.status in services.EDITABLE:
        initial = {
            f"section_{n}": to_editable(s["text"]) for n, s in enumerate(summary.sections, start=1)
        }
        initial |= {"version": summary.version, "introduction": to_editable(summary.introduction)}
        form = SummaryForm(request.POST or None, initial=initial, headings=headings)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_summary(
                    summary=summary,
                    introduction=form.cleaned_data["introduction"],
                    texts=form.texts(),
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
            except DomainError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The summary was saved."))
                return redirect(summary.get_absolute_url())
    answers = []
    if can_edit:
        _cycle, _reports, by_heading = _compilation(request, slug)
        answers = dict(by_heading)
    parts = [
        {
            "number": n,
            "heading": s["heading"],
            "text": s["text"],
            "field": form[f"section_{n}"] if form else None,
            "answers": answers.get(s["heading"], []) if answers else [],
        }
        for n, s in enumerate(summary.sections, start=1)
    ]
    return render(
        request,
        "feedback/summary.html",
        {
            "summary": summary,
            "cycle": cycle,
            "form": form,
            "parts": parts,
            "can_edit": can_edit,
            "can_file": summary.document.status in documents.OPEN_FOR_FILES,
            "next_statuses": _moves(summary.document),
            "history": history_of(summary, summary.document)
            if can_see_history(request.user, summary.document)
            else None,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@require_POST
def summary_start(request: HttpRequest, slug: str) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.select_related("template"), slug=slug)
    if not can_write_summary(request.user, cycle):
        raise PermissionDenied
    try:
        created = services.start_summary(cycle=cycle, by=request.user)
    except DomainError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("feedback:compilation", slug=cycle.slug)
    return redirect(created.get_absolute_url())


@require_POST
def summary_file(request: HttpRequest, slug: str) -> HttpResponse:
    """File the summary as it reads now as a PDF/A version of its register document."""
    summary = _summary_or_404(request, slug)
    if not can_write_summary(request.user, summary.cycle):
        raise PermissionDenied
    try:
        services.file_summary_pdf(
            summary=summary,
            pdf=exports.summary_pdf(summary=summary, request=request),
            by=request.user,
        )
    except DomainError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The summary was filed as a new version in the register."))
    return redirect(summary.get_absolute_url())


@require_POST
def summary_move(request: HttpRequest, slug: str) -> HttpResponse:
    summary = _summary_or_404(request, slug)
    if not can_write_summary(request.user, summary.cycle):
        raise PermissionDenied
    _move_document(request, summary.document, _("The summary's status was changed."))
    return redirect(summary.get_absolute_url())


@require_GET
def summary_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    summary = _summary_or_404(request, slug)
    content = exports.summary_pdf(summary=summary, request=request)
    return _download(content, "application/pdf", f"sammanfattning-{summary.cycle.slug}.pdf")


@require_GET
def summary_docx(request: HttpRequest, slug: str) -> HttpResponse:
    summary = _summary_or_404(request, slug)
    return _download(
        exports.summary_docx(summary=summary),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"sammanfattning-{summary.cycle.slug}.docx",
    )
