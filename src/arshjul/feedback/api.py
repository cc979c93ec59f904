"""The feedback reports' JSON API: a cycle's reports with their deadlines, one report with its
sections and status trail, starting a report, saving its text, moving its status, the finance
office's deadline dashboard and the compilation of all committees' answers.

Read: the rules of the report's document (documents.permissions, as on the pages): a draft only
for those who write it (the committee's secretary and head of administration, the finance
office, named co-authors); from prepared on also the committee's members and the chief
executive's office; anyone once decided or sent unless secret. A report she may not see is a
404.
The dashboard: the finance office of the cycle's organisation (403 for others).
Change (POST, PUT): signed-in callers only, by the web app's session with its CSRF token: the
committee's secretary and head of administration, and the finance office; anyone else who may
see the report gets a 403. The rules live in the services; every refusal has the API's one error
shape {code, message, field}, a stale version answers 409.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from arshjul.core.api_schema import ErrorOut
from arshjul.core.errors import DomainError
from arshjul.documents.api import StatusIn, TransitionOut
from arshjul.documents.choices import TRANSITIONS
from arshjul.documents.selectors import decision_reference
from arshjul.organisation.models import Body
from arshjul.process.models import Cycle

from . import selectors, services
from .models import FeedbackReport
from .permissions import can_edit_report, can_see_dashboard

router = Router(tags=["feedback"])


class CommitteeOut(Schema):
    slug: str
    name: str
    short_name: str


class DocumentRefOut(Schema):
    id: int
    case_number: str
    status: str
    status_label: str
    decision_reference: str | None
    decision_date: dt.date | None
    decision_paragraph: str
    version: int = Field(
        ..., description="Send it back when moving the status: a change made meanwhile is refused."
    )
    url: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_decision_reference(obj) -> str | None:
        return decision_reference(obj) or None

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class DeadlineOut(Schema):
    step: str = Field(..., description="The deadline step's key in the cycle.")
    title: str
    date: dt.date = Field(..., description="The deadline: the step's last day.")
    needs: str = Field(..., description="What the deadline asks for: prepared or sent.")
    state: str = Field(..., description="on_time, late, missing or open (not yet due).")
    reached: dt.date | None = Field(..., description="The day the report first got there.")

    @staticmethod
    def resolve_step(obj) -> str:
        return obj.step.key

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.step.title

    @staticmethod
    def resolve_date(obj) -> dt.date:
        return obj.step.end


class ReportListOut(Schema):
    """A row of selectors.reports_for_cycle: a report and its committee's deadlines."""

    id: int
    cycle: str
    committee: CommitteeOut
    status: str
    status_label: str
    case_number: str
    delivery: str | None = Field(
        ...,
        description="The deadline at which the report is due: on_time, late, missing or open; "
        "null when the caller sees no such deadline.",
    )
    deadlines: list[DeadlineOut]
    version: int
    updated: dt.datetime
    url: str

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.report.pk

    @staticmethod
    def resolve_cycle(obj) -> str:
        return obj.report.cycle.slug

    @staticmethod
    def resolve_committee(obj) -> Body:
        return obj.report.body

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.report.document.status

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.report.document.get_status_display())

    @staticmethod
    def resolve_case_number(obj) -> str:
        return obj.report.document.case_number

    @staticmethod
    def resolve_delivery(obj) -> str | None:
        return obj.delivery.state if obj.delivery else None

    @staticmethod
    def resolve_deadlines(obj) -> list:
        return obj.states

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.report.version

    @staticmethod
    def resolve_updated(obj) -> dt.datetime:
        return obj.report.updated

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.report.get_absolute_url()


class SectionOut(Schema):
    order: int
    heading: str
    text: str = Field(..., description="Sanitised HTML: paragraphs, emphasis, lists, links.")


class ReportOut(Schema):
    id: int
    cycle: str
    committee: CommitteeOut
    version: int = Field(
        ...,
        description="The text's version: send it back when saving; a save made meanwhile "
        "is refused (409).",
    )
    updated: dt.datetime
    url: str
    document: DocumentRefOut
    sections: list[SectionOut]
    transitions: list[TransitionOut]
    next_statuses: list[str] = Field(..., description="The statuses the report may move to.")
    can_edit: bool = Field(..., description="Whether the caller may save the text and move it.")

    @staticmethod
    def resolve_cycle(obj: FeedbackReport) -> str:
        return obj.cycle.slug

    @staticmethod
    def resolve_committee(obj: FeedbackReport) -> Body:
        return obj.body

    @staticmethod
    def resolve_url(obj: FeedbackReport) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_sections(obj: FeedbackReport) -> list:
        return list(obj.sections.all())

    @staticmethod
    def resolve_transitions(obj: FeedbackReport) -> list:
        return list(obj.document.transitions.all())

    @staticmethod
    def resolve_next_statuses(obj: FeedbackReport) -> list[str]:
        return [str(s) for s in TRANSITIONS[obj.document.status]]

    @staticmethod
    def resolve_can_edit(obj: FeedbackReport, context) -> bool:
        return can_edit_report(context["request"].user, obj)


class StartIn(Schema):
    committee: str = Field(..., description="The committee's short name in links, e.g. hsn.")


class SectionIn(Schema):
    order: int = Field(..., description="The section's order, as in the report's sections.")
    text: str = Field(
        ...,
        max_length=services.TEXT_MAX_LENGTH,
        description="Plain text (paragraphs split by an empty line) or simple HTML; sanitised "
        "as on the page.",
    )


class SectionsIn(Schema):
    version: int = Field(..., description="The report's version as last read.")
    sections: list[SectionIn] = Field(..., description="Only the sections to change.")


class ReportRefOut(Schema):
    id: int
    status: str
    status_label: str
    case_number: str
    version: int
    updated: dt.datetime
    url: str


class DashboardDeadlineOut(Schema):
    step: str
    title: str
    date: dt.date


class DashboardRowOut(Schema):
    committee: CommitteeOut
    report: ReportRefOut | None = Field(..., description="null: the committee has not started.")
    deadlines: list[DeadlineOut]


class DashboardOut(Schema):
    cycle: str
    today: dt.date
    deadlines: list[DashboardDeadlineOut]
    rows: list[DashboardRowOut]


class AnswerOut(Schema):
    report: int
    committee: CommitteeOut
    status: str
    decision_reference: str | None
    text: str = Field(..., description="Sanitised HTML; empty when not answered.")


class HeadingOut(Schema):
    heading: str
    answers: list[AnswerOut]


class CompilationOut(Schema):
    cycle: str
    headings: list[HeadingOut]


def _cycle_or_404(slug: str) -> Cycle:
    return get_object_or_404(Cycle.objects.select_related("organisation", "template"), slug=slug)


def _report_or_404(request: HttpRequest, pk: int) -> FeedbackReport:
    report = selectors.report_detail(pk=pk, user=request.user)
    if report is None:
        raise Http404
    return report


def _report_ref(report: FeedbackReport) -> dict:
    return {
        "id": report.pk,
        "status": report.document.status,
        "status_label": str(report.document.get_status_display()),
        "case_number": report.document.case_number,
        "version": report.version,
        "updated": report.updated,
        "url": report.get_absolute_url(),
    }


@router.get(
    "/cycles/{slug}/feedback-reports",
    response=list[ReportListOut],
    summary="List a cycle's feedback reports",
    description=(
        "The reports the caller may see, by committee, each with its committee's deadlines "
        "(those the caller may see) and whether the report reached them on time, late, not at "
        "all (missing) or is not yet due (open)."
    ),
)
def list_reports(request: HttpRequest, slug: str):
    cycle = _cycle_or_404(slug)
    return selectors.reports_for_cycle(cycle=cycle, user=request.user, today=timezone.localdate())


@router.post(
    "/cycles/{slug}/feedback-reports",
    response={201: ReportOut},
    auth=django_auth,
    summary="Start a committee's feedback report",
    description="Registers the report as a draft with one empty section per heading.",
)
def start_report(request: HttpRequest, slug: str, payload: StartIn):
    cycle = _cycle_or_404(slug)
    body = Body.objects.filter(
        slug=payload.committee, organisation_id=cycle.organisation_id
    ).first()
    if body is None:
        raise DomainError(
            _("There is no committee “%(slug)s” in the cycle's organisation."),
            code="unknown_body",
            params={"slug": payload.committee},
            field="committee",
        )
    report = services.start_report(cycle=cycle, body=body, by=request.user)
    return Status(201, _report_or_404(request, report.pk))


@router.get("/feedback-reports/{pk}", response=ReportOut, summary="One feedback report")
def get_report(request: HttpRequest, pk: int):
    return _report_or_404(request, pk)


@router.put(
    "/feedback-reports/{pk}/sections",
    response=ReportOut,
    auth=django_auth,
    summary="Save a feedback report's text",
    description=(
        "Saves the sections given, sanitised as on the page. Send the report's version as last "
        "read: if someone saved meanwhile nothing is saved and the answer is 409 (code stale). "
        "Once the committee has treated the report its text is frozen."
    ),
)
def save_sections(request: HttpRequest, pk: int, payload: SectionsIn):
    report = _report_or_404(request, pk)
    orders = {s.order for s in report.sections.all()}
    for section in payload.sections:
        if section.order not in orders:
            raise DomainError(
                _("The report has no section %(order)s."),
                code="unknown_section",
                params={"order": section.order},
                field="sections",
            )
    services.save_sections(
        report=report,
        texts={s.order: s.text for s in payload.sections},
        by=request.user,
        version=payload.version,
    )
    return _report_or_404(request, pk)


@router.post(
    "/feedback-reports/{pk}/status",
    response=ReportOut,
    auth=django_auth,
    summary="Move a feedback report's status",
    description=(
        "Moves the report's document: draft → prepared → treated → decided → sent → published. "
        "Send the document's version (document.version). Deciding needs decision_date and "
        "decision_paragraph (e.g. “§ 86”)."
    ),
)
def change_status(request: HttpRequest, pk: int, payload: StatusIn):
    report = _report_or_404(request, pk)
    services.move_report(
        report=report,
        to=payload.to,
        by=request.user,
        version=payload.version,
        decision_date=payload.decision_date,
        decision_paragraph=payload.decision_paragraph,
    )
    return _report_or_404(request, pk)


@router.get(
    "/cycles/{slug}/feedback-dashboard",
    response={200: DashboardOut, 403: ErrorOut},
    summary="The finance office's deadline dashboard",
    description=(
        "Every committee of the cycle's organisation against its report's deadlines. For the "
        "finance office of the cycle's organisation only."
    ),
)
def dashboard(request: HttpRequest, slug: str):
    cycle = _cycle_or_404(slug)
    if not can_see_dashboard(request.user, cycle):
        raise DomainError(
            _("Only the finance office of the cycle's organisation sees the dashboard."),
            code="forbidden",
        )
    today = timezone.localdate()
    deadlines, rows = selectors.feedback_dashboard(cycle=cycle, today=today)
    return {
        "cycle": cycle.slug,
        "today": today,
        "deadlines": [{"step": s.key, "title": s.title, "date": s.end} for s in deadlines],
        "rows": [
            {
                "committee": row.body,
                "report": _report_ref(row.report) if row.report else None,
                "deadlines": row.states,
            }
            for row in rows
        ],
    }


@router.get(
    "/cycles/{slug}/feedback-compilation",
    response=CompilationOut,
    summary="All committees' answers under each heading",
    description="The reports the caller may see; drafts never for the public.",
)
def compilation(request: HttpRequest, slug: str):
    cycle = _cycle_or_404(slug)
    _reports, by_heading = selectors.compilation(cycle=cycle, user=request.user)
    return {
        "cycle": cycle.slug,
        "headings": [
            {
                "heading": heading,
                "answers": [
                    {
                        "report": report.pk,
                        "committee": report.body,
                        "status": report.document.status,
                        "decision_reference": decision_reference(report.document) or None,
                        "text": section.text if section else "",
                    }
                    for report, section in answers
                ],
            }
            for heading, answers in by_heading
        ],
    }
