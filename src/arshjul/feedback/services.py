"""Changes to feedback reports: starting a committee's report and saving its text. Its status
moves through the document register (documents.services.change_status)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from arshjul.core import revision
from arshjul.core.audit import record
from arshjul.core.errors import DomainError
from arshjul.documents import services as documents
from arshjul.documents.choices import DocumentStatus
from arshjul.documents.models import DocumentType
from arshjul.documents.permissions import can_edit_documents_of
from arshjul.notifications import services as notifications
from arshjul.organisation.choices import BodyKind

from .models import DEFAULT_HEADINGS, FeedbackReport, FeedbackSection
from .sanitise import clean_html
from .selectors import due_step

EDITABLE = (DocumentStatus.DRAFT, DocumentStatus.PREPARED)


def headings_for(template) -> list[str]:
    """The template's headings, or the six of seed 000."""
    own = list(template.feedback_headings.order_by("order").values_list("title", flat=True))
    return own or list(DEFAULT_HEADINGS)


@transaction.atomic
def start_report(*, cycle, body, by) -> FeedbackReport:
    """Open a committee's feedback report for a cycle: a draft in the register, one empty
    section per heading."""
    if by is not None and not can_edit_documents_of(by, body):
        raise DomainError(
            _("You may not write this committee's feedback report."), code="forbidden"
        )
    if body.organisation_id != cycle.organisation_id or body.kind != BodyKind.COMMITTEE:
        raise DomainError(
            _("Only the cycle's own committees answer with a feedback report."),
            code="not_a_committee",
        )
    if FeedbackReport.objects.filter(cycle=cycle, body=body).exists():
        raise DomainError(
            _("This committee already has a feedback report for the cycle."), code="duplicate"
        )
    due = due_step(cycle=cycle, body=body)
    document = documents.register_document(
        owner_body=body,
        document_type=DocumentType.objects.get(code="aterkopplingsrapport"),
        title=str(_("Feedback report %(body)s, %(cycle)s") % {"body": body.name, "cycle": cycle}),
        by=by,
        cycle=cycle,
        produced_by=due,
        year=due.start.year if due else None,
    )
    report = FeedbackReport.objects.create(cycle=cycle, body=body, document=document)
    FeedbackSection.objects.bulk_create(
        [
            FeedbackSection(report=report, order=i, heading=title)
            for i, title in enumerate(headings_for(cycle.template), start=1)
        ]
    )
    record(report, action="feedback.report.started", by=by)
    notifications.report_started(report=report)
    return report


@transaction.atomic
def save_sections(
    *, report: FeedbackReport, texts: dict[int, str], by, version: int | None
) -> FeedbackReport:
    """Save the text under each heading (sanitised). Refused once the committee has treated the
    report, or when someone else saved in between (her text is kept in the form)."""
    report = (
        FeedbackReport.objects.select_for_update()
        .select_related("document__owner_body")
        .get(pk=report.pk)
    )
    if by is not None and not can_edit_documents_of(by, report.document.owner_body):
        raise DomainError(_("You may not change this feedback report."), code="forbidden")
    if version is not None and report.version != version:
        raise DomainError(
            _(
                "Someone else saved this report while you were writing. Your text was not saved; "
                "it is still in the form below. Reload the page in another tab to see theirs."
            ),
            code="stale",
        )
    if report.document.status not in EDITABLE:
        raise DomainError(
            _("The committee has treated this report; its text can no longer be changed."),
            code="frozen",
        )
    changes = {}
    sections = {s.order: s for s in report.sections.all()}
    for order, text in texts.items():
        section = sections.get(order)
        if section is None:
            continue
        cleaned = clean_html(text)
        if cleaned != section.text:
            changes[section.heading] = (section.text, cleaned)
            section.text = cleaned
            section.save(update_fields=["text"])
    if changes:
        report.version += 1
        report.save(update_fields=["version", "updated"])
        record(report, action="feedback.report.edited", by=by, changes=changes)
        notifications.report_edited(report=report, by=by)
        revision.bump()
    return report
