"""Reads for the notifications page: what is due for me (my committees' feedback reports and
the undecided documents of my bodies that a coming step consumes) and what is new in my bodies
(my notifications, newest first)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.accounts.roles import bodies_served, member_bodies, person_of
from arshjul.documents.choices import DocumentStatus
from arshjul.documents.models import Document
from arshjul.documents.permissions import EDITOR_POSTS, documents_visible_to
from arshjul.feedback.models import FeedbackReport
from arshjul.feedback.selectors import REPORT_TYPE, SENT
from arshjul.organisation.choices import BodyKind
from arshjul.organisation.models import Body
from arshjul.process.models import Step
from arshjul.process.permissions import steps_visible_to

from .models import Notification

PAGE_SIZE = 100
UNDECIDED = (DocumentStatus.DRAFT, DocumentStatus.PREPARED, DocumentStatus.TREATED)


def notifications_for(*, person, limit: int = PAGE_SIZE) -> list[Notification]:
    """The person's notifications, newest first (the latest `limit`)."""
    return list(
        Notification.objects.filter(recipient=person)
        .select_related("body", "document")
        .order_by("-created", "-pk")[:limit]
    )


@dataclass(frozen=True)
class DueReport:
    body: Body
    step: Step
    report: FeedbackReport | None
    state: str  # not_started | draft | prepared | treated | decided | late
    days_left: int

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)

    @property
    def state_label(self) -> str:
        if self.state == "late":
            # As on the finance office's dashboard: a report never started is missing.
            return _("Missing") if self.report is None else _("Late")
        if self.state == "not_started":
            return _("Not started")
        return str(DocumentStatus(self.state).label)


@dataclass(frozen=True)
class DueDocument:
    document: Document
    step: Step
    days_left: int


@dataclass(frozen=True)
class DueForMe:
    reports: list[DueReport]
    documents: list[DueDocument]

    def __len__(self) -> int:
        return len(self.reports) + len(self.documents)


def due_for(*, user, today: dt.date | None = None) -> DueForMe:
    """What the user has to act on: the feedback reports of the committees she serves that are
    not sent (with the deadline of each cycle not yet over), and her bodies' undecided
    documents that a coming step uses."""
    today = today or timezone.localdate()
    if person_of(user) is None:
        return DueForMe(reports=[], documents=[])
    served = bodies_served(user, kinds=EDITOR_POSTS)
    return DueForMe(
        reports=_due_reports(user, served, today),
        documents=_due_documents(user, served | member_bodies(user), today),
    )


def _due_reports(user, served: set[int], today: dt.date) -> list[DueReport]:
    committees = list(Body.objects.filter(pk__in=served, kind=BodyKind.COMMITTEE))
    if not committees:
        return []
    steps = list(
        steps_visible_to(
            user,
            Step.objects.filter(
                cycle__organisation_id__in={c.organisation_id for c in committees},
                cycle__end__gte=today,
                kind="deadline",
                produces__code=REPORT_TYPE,
            ),
        )
        .distinct()
        .select_related("cycle")
        .prefetch_related("participant_bodies")
        .order_by("end", "pk")
    )
    reports = {
        (r.cycle_id, r.body_id): r
        for r in FeedbackReport.objects.filter(
            cycle__in={s.cycle_id for s in steps}, body__in=committees
        ).select_related("document")
    }
    due = []
    for step in steps:
        participants = set(step.participant_bodies.all())
        for body in sorted(committees, key=lambda b: b.name):
            if participants and body not in participants:
                continue
            report = reports.get((step.cycle_id, body.pk))
            if report is not None and report.document.status in SENT:
                continue
            if today > step.end:
                state = "late"
            elif report is None:
                state = "not_started"
            else:
                state = report.document.status
            due.append(
                DueReport(
                    body=body,
                    step=step,
                    report=report,
                    state=state,
                    days_left=(step.end - today).days,
                )
            )
    return due


def _due_documents(user, bodies: set[int], today: dt.date) -> list[DueDocument]:
    if not bodies:
        return []
    coming = steps_visible_to(user, Step.objects.filter(start__gte=today))
    documents: QuerySet[Document] = (
        documents_visible_to(
            user, Document.objects.filter(owner_body_id__in=bodies, status__in=UNDECIDED)
        )
        .annotate(next_use=Min("used_by__start", filter=Q(used_by__in=coming)))
        .filter(next_use__isnull=False)
        .select_related("owner_body", "document_type")
        .prefetch_related(
            Prefetch(
                "used_by",
                queryset=coming.select_related("cycle").order_by("start", "pk"),
                to_attr="coming_steps",
            )
        )
        .order_by("next_use", "case_number")
    )
    return [
        DueDocument(document=d, step=d.coming_steps[0], days_left=(d.next_use - today).days)
        for d in documents
        if d.coming_steps
    ]
