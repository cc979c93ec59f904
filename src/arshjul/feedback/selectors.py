"""Reads of feedback reports, shaped for pages and API alike: one report, a cycle's reports
with their deadlines from the cycle's steps, the dashboard and the compilation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from arshjul.documents.choices import DocumentStatus
from arshjul.documents.models import Document, DocumentTransition
from arshjul.documents.permissions import documents_visible_to
from arshjul.organisation.choices import BodyKind
from arshjul.organisation.models import Body
from arshjul.process.models import Cycle, Step
from arshjul.process.permissions import steps_visible_to

from .models import DEFAULT_HEADINGS, FeedbackReport

REPORT_TYPE = "aterkopplingsrapport"
# What a deadline needs: the material to the committee needs the report prepared; the report
# to the board's working committee needs it sent.
SENT = (DocumentStatus.SENT, DocumentStatus.PUBLISHED)
PREPARED = (DocumentStatus.PREPARED, DocumentStatus.TREATED, DocumentStatus.DECIDED, *SENT)


def _deadlines(cycle: Cycle, user=None) -> list[Step]:
    """The cycle's deadline steps; only those the user may see when a user is given."""
    qs = Step.objects.filter(cycle=cycle, kind="deadline")
    if user is not None:
        qs = steps_visible_to(user, qs)
    return list(qs.prefetch_related("participant_bodies", "produces").order_by("start"))


def headings_for(template) -> list[str]:
    """The template's headings, or the six of seed 000."""
    own = list(template.feedback_headings.order_by("order").values_list("title", flat=True))
    return own or list(DEFAULT_HEADINGS)


def due_step(*, cycle: Cycle, body: Body) -> Step | None:
    """The deadline step at which the committee's report is due (it produces the report)."""
    for step in _deadlines(cycle):
        if any(d.code == REPORT_TYPE for d in step.produces.all()) and _concerns(step, body):
            return step
    return None


def _concerns(step: Step, body: Body) -> bool:
    bodies = step.participant_bodies.all()
    return not bodies or body in bodies


@dataclass(frozen=True)
class DeadlineState:
    step: Step
    needs: str  # "prepared" or "sent"
    state: str  # on_time | late | missing | open
    reached: dt.date | None


def _first_reached(transitions: list[DocumentTransition], statuses) -> dt.date | None:
    days = [timezone.localdate(t.at) for t in transitions if t.to_status in statuses]
    return min(days) if days else None


def deadline_states(*, report, deadlines: list[Step], today: dt.date) -> list[DeadlineState]:
    """For each deadline of the report's committee: on time, late, missing or still open."""
    states = []
    transitions = list(report.document.transitions.all()) if report else []
    for step in deadlines:
        produces_report = any(d.code == REPORT_TYPE for d in step.produces.all())
        needs, statuses = ("sent", SENT) if produces_report else ("prepared", PREPARED)
        reached = _first_reached(transitions, statuses)
        if reached is not None:
            state = "on_time" if reached <= step.end else "late"
        else:
            state = "missing" if today > step.end else "open"
        states.append(DeadlineState(step=step, needs=needs, state=state, reached=reached))
    return states


def _report_deadlines(cycle: Cycle, user=None) -> list[Step]:
    """The deadlines a report is measured against: the one that produces it, and those in which
    committees take part (the material to the committee)."""
    return [
        s
        for s in _deadlines(cycle, user)
        if any(d.code == REPORT_TYPE for d in s.produces.all())
        or any(b.kind == BodyKind.COMMITTEE for b in s.participant_bodies.all())
    ]


@dataclass(frozen=True)
class DashboardRow:
    body: Body
    report: object | None
    states: list[DeadlineState]


def feedback_dashboard(
    *, cycle: Cycle, today: dt.date | None = None
) -> tuple[list[Step], list[DashboardRow]]:
    """Every committee of the cycle's organisation against its report's deadlines."""
    today = today or timezone.localdate()
    deadlines = _report_deadlines(cycle)
    reports = {
        r.body_id: r
        for r in FeedbackReport.objects.filter(cycle=cycle)
        .select_related("document")
        .prefetch_related(
            Prefetch("document__transitions", queryset=DocumentTransition.objects.order_by("at"))
        )
    }
    rows = []
    for body in Body.objects.filter(
        organisation_id=cycle.organisation_id, kind=BodyKind.COMMITTEE
    ).order_by("name"):
        mine = [s for s in deadlines if _concerns(s, body)]
        rows.append(
            DashboardRow(
                body=body,
                report=reports.get(body.pk),
                states=deadline_states(report=reports.get(body.pk), deadlines=mine, today=today),
            )
        )
    return deadlines, rows


def reports_visible_to(user, qs):
    """Reports whose document the user may see (documents.permissions): a draft only for those
    who write it, the committee's members from prepared on, the public once decided or sent."""
    visible = documents_visible_to(user, Document.objects.all()).values("pk")
    return qs.filter(Q(document__in=visible))


def report_detail(*, pk: int, user) -> FeedbackReport | None:
    """One report with its sections, document and status trail; None if the user may not see it."""
    qs = (
        FeedbackReport.objects.select_related(
            "cycle__organisation", "body", "document__owner_body", "document__decision_body"
        )
        .prefetch_related(
            "sections",
            Prefetch(
                "document__transitions",
                queryset=DocumentTransition.objects.select_related("by").order_by("at", "id"),
            ),
        )
        .filter(pk=pk)
    )
    return reports_visible_to(user, qs).first()


@dataclass(frozen=True)
class ReportRow:
    report: FeedbackReport
    states: list[DeadlineState]

    @property
    def delivery(self) -> DeadlineState | None:
        """The deadline at which the report is due, sent: on time, late, missing or open."""
        return next((s for s in self.states if s.needs == "sent"), None)


def reports_for_cycle(*, cycle: Cycle, user, today: dt.date | None = None) -> list[ReportRow]:
    """The cycle's reports the user may see, by committee, each against the deadlines of its
    committee that the user may see."""
    today = today or timezone.localdate()
    deadlines = _report_deadlines(cycle, user)
    reports = reports_visible_to(
        user,
        FeedbackReport.objects.filter(cycle=cycle)
        .select_related("cycle", "body", "document__owner_body", "document__decision_body")
        .prefetch_related(
            Prefetch(
                "document__transitions", queryset=DocumentTransition.objects.order_by("at", "id")
            )
        ),
    ).order_by("body__name")
    return [
        ReportRow(
            report=r,
            states=deadline_states(
                report=r, deadlines=[s for s in deadlines if _concerns(s, r.body)], today=today
            ),
        )
        for r in reports
    ]


def compilation(*, cycle: Cycle, user) -> tuple[list[FeedbackReport], list[tuple[str, list]]]:
    """All committees' answers under each heading of the cycle's template, as far as the user may
    see the reports: (reports, [(heading, [(report, section or None), …]), …])."""
    reports = list(
        reports_visible_to(
            user,
            FeedbackReport.objects.filter(cycle=cycle)
            .select_related("body", "document__owner_body", "document__decision_body")
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
        for heading in headings_for(cycle.template)
    ]
    return reports, by_heading
