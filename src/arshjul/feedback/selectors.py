"""Reads of feedback reports: their deadlines from the cycle's steps, and the dashboard."""

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

from .models import FeedbackReport

REPORT_TYPE = "aterkopplingsrapport"
# What a deadline needs: the material to the committee needs the report prepared; the report
# to the board's working committee needs it sent.
SENT = (DocumentStatus.SENT, DocumentStatus.PUBLISHED)
PREPARED = (DocumentStatus.PREPARED, DocumentStatus.TREATED, DocumentStatus.DECIDED, *SENT)


def _deadlines(cycle: Cycle) -> list[Step]:
    return list(
        Step.objects.filter(cycle=cycle, kind="deadline")
        .prefetch_related("participant_bodies", "produces")
        .order_by("start")
    )


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
    deadlines = [
        s
        for s in _deadlines(cycle)
        if any(d.code == REPORT_TYPE for d in s.produces.all())
        or any(b.kind == BodyKind.COMMITTEE for b in s.participant_bodies.all())
    ]
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
    """Reports whose document the user may see: drafts only for the committee's own people."""
    visible = documents_visible_to(user, Document.objects.all()).values("pk")
    return qs.filter(Q(document__in=visible))
