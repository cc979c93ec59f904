"""Changes to feedback reports: starting a committee's report and saving its text. Its status
moves through the document register (documents.services.change_status)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.accounts.roles import require_actor
from arshjul.core import revision
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.documents import services as documents
from arshjul.documents.choices import DocumentStatus
from arshjul.documents.models import DocumentType
from arshjul.documents.permissions import can_edit_documents_of
from arshjul.notifications import services as notifications
from arshjul.organisation.choices import BodyKind
from arshjul.organisation.models import Body
from arshjul.process.models import Step

from .models import FeedbackReport, FeedbackSection, FeedbackSummary
from .permissions import can_write_summary
from .sanitise import clean_html
from .selectors import due_step, headings_for

EDITABLE = (DocumentStatus.DRAFT, DocumentStatus.PREPARED)
TEXT_MAX_LENGTH = 20000  # characters of one section as written, before sanitising


def _case_year(deadline) -> int:
    """The year of the case number: the year it is registered, or the deadline's year when the
    report is registered after the fact (a past cycle filled in later)."""
    today = timezone.localdate().year
    return min(today, deadline.year) if deadline else today


@transaction.atomic
def start_report(*, cycle, body, by) -> FeedbackReport:
    """Open a committee's feedback report for a cycle: a draft in the register, one empty
    section per heading."""
    require_actor(by)
    if not can_edit_documents_of(by, body):
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
        year=_case_year(due.start if due else None),
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
    *,
    report: FeedbackReport,
    texts: dict[int, str],
    by,
    version: int | None,
    seen: dict[int, str] | None = None,
) -> FeedbackReport:
    """Save the text under each heading (sanitised). Refused once the committee has treated the
    report, or when someone else saved in between (her text is kept in the form). With `seen`
    (the texts as she first saw them), only the headings she changed are written, so that a
    deliberate second save after a refusal keeps a colleague's text under the others."""
    report = (
        FeedbackReport.objects.select_for_update()
        .select_related("document__owner_body")
        .get(pk=report.pk)
    )
    require_actor(by)
    if not can_edit_documents_of(by, report.document.owner_body):
        raise DomainError(_("You may not change this feedback report."), code="forbidden")
    if require_version(version, by) is not None and report.version != version:
        raise DomainError(
            _("Someone else saved this report while you were writing. Your text was not saved."),
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
        if seen is not None and order in seen and cleaned == clean_html(seen[order]):
            continue  # she did not change this heading: whatever is saved there stays
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


SUMMARY_TYPE = "tjansteskrivelse"


def summary_input_steps(cycle, after) -> list[Step]:
    """The step that takes the summary in: the first consuming its document type after the
    reports' deadline (in the seeds, the preparation meeting after the steering dialogues)."""
    qs = Step.objects.filter(cycle=cycle, consumes__code=SUMMARY_TYPE)
    if after is not None:
        qs = qs.filter(start__gt=after)
    return list(qs.order_by("start")[:1])


@transaction.atomic
def start_summary(*, cycle, by) -> FeedbackSummary:
    """Open the chief executive's summary of a cycle's feedback: a draft document of the
    executive board in the register, one empty text per heading."""
    require_actor(by)
    if not can_write_summary(by, cycle):
        raise DomainError(
            _("Only the chief executive's office and the finance office write the summary."),
            code="forbidden",
        )
    if FeedbackSummary.objects.filter(cycle=cycle).exists():
        raise DomainError(_("The cycle already has a summary."), code="duplicate")
    board = (
        Body.objects.filter(organisation_id=cycle.organisation_id, kind=BodyKind.BOARD)
        .order_by("name")
        .first()
    )
    if board is None:
        raise DomainError(
            _("The organisation has no executive board to own the summary. Add it first."),
            code="no_board",
        )
    deadline = max(
        (
            s.start
            for s in Step.objects.filter(
                cycle=cycle, kind="deadline", produces__code="aterkopplingsrapport"
            )
        ),
        default=None,
    )
    document = documents.register_document(
        owner_body=board,
        document_type=DocumentType.objects.get(code=SUMMARY_TYPE),
        title=str(
            _("The chief executive's summary of the committees' feedback, %(cycle)s")
            % {"cycle": cycle}
        ),
        by=by,
        cycle=cycle,
        year=_case_year(deadline),
    )
    document.used_by.set(summary_input_steps(cycle, deadline))
    summary = FeedbackSummary.objects.create(
        cycle=cycle,
        document=document,
        sections=[{"heading": h, "text": ""} for h in headings_for(cycle.template)],
    )
    record(summary, action="feedback.summary.started", by=by)
    return summary


@transaction.atomic
def save_summary(
    *, summary: FeedbackSummary, introduction: str, texts: list[str], by, version: int | None
) -> FeedbackSummary:
    """Save the summary's introduction and its text under each heading (sanitised). Refused
    once it is treated, or when someone else saved in between (her text is kept in the form)."""
    summary = (
        FeedbackSummary.objects.select_for_update()
        .select_related("document__owner_body", "cycle")
        .get(pk=summary.pk)
    )
    require_actor(by)
    if not can_write_summary(by, summary.cycle):
        raise DomainError(
            _("Only the chief executive's office and the finance office write the summary."),
            code="forbidden",
        )
    if require_version(version, by) is not None and summary.version != version:
        raise DomainError(
            _(
                "Someone else saved this summary while you were writing. Your text was not "
                "saved; it is still in the form below. Reload the page in another tab to see theirs."
            ),
            code="stale",
        )
    if summary.document.status not in EDITABLE:
        raise DomainError(
            _("The summary has been treated; its text can no longer be changed."),
            code="frozen",
        )
    changes = {}
    intro = clean_html(introduction)
    if intro != summary.introduction:
        changes[str(_("Introduction"))] = (summary.introduction, intro)
        summary.introduction = intro
    sections = [dict(s) for s in summary.sections]
    for section, text in zip(sections, texts, strict=False):
        cleaned = clean_html(text)
        if cleaned != section["text"]:
            changes[section["heading"]] = (section["text"], cleaned)
            section["text"] = cleaned
    if changes:
        summary.sections = sections
        summary.version += 1
        summary.save(update_fields=["introduction", "sections", "version", "updated"])
        record(summary, action="feedback.summary.edited", by=by, changes=changes)
        revision.bump()
    return summary


def file_summary_pdf(*, summary: FeedbackSummary, pdf: bytes, by) -> None:
    """Store the summary as it reads now, as a PDF/A version of its register document."""
    require_actor(by)
    from django.core.files.uploadedfile import SimpleUploadedFile

    name = f"sammanfattning-{summary.cycle.slug}-v{summary.version}.pdf"
    summary.document.refresh_from_db(fields=["version"])  # the summary's own save went first
    documents.add_version(
        document=summary.document,
        upload=SimpleUploadedFile(name, pdf, content_type="application/pdf"),
        by=by,
        version=summary.document.version,
    )


@transaction.atomic
def move_report(
    *,
    report: FeedbackReport,
    to: str,
    by,
    version: int | None,
    decision_date=None,
    decision_paragraph: str = "",
):
    """Move the report's status through the register; an entirely unanswered report is not
    prepared (nor anything after)."""
    require_actor(by)
    documents.lock(report.document, version, by=by)  # a stale form is refused as stale first
    if to == DocumentStatus.PREPARED and not any(
        s.text.strip() for s in FeedbackSection.objects.filter(report=report)
    ):
        raise DomainError(
            _("Answer under at least one heading before the report is prepared."),
            code="empty",
        )
    return documents.change_status(
        document=report.document,
        to=to,
        by=by,
        version=version,
        decision_date=decision_date,
        decision_paragraph=decision_paragraph,
    )
