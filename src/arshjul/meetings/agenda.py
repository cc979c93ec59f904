"""Changes to a meeting's agenda, decisions, minutes and follow-up tasks.

Before the meeting (planned, invited) the runner adds, edits, reorders and removes items: the
agenda as invited. Once held (held, documented) the invited items stay as they were; items can
be added at the meeting and each one is marked handled, dropped or postponed, and decided.
The minutes become a document of the register (protokoll or minnesanteckningar) produced by the
meeting's step. Each change runs in a transaction, checks the runner, refuses a stale version,
records an audit entry with the values before and bumps the meeting's version (services._touch).
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from arshjul.accounts.roles import person_of, require_actor
from arshjul.core.audit import record
from arshjul.core.errors import DomainError
from arshjul.documents import services as documents
from arshjul.documents.models import Document, DocumentType
from arshjul.documents.permissions import documents_visible_to
from arshjul.feedback.sanitise import clean_html
from arshjul.organisation.models import Person

from .choices import AFTER_HELD, BEFORE_HELD, ItemState, MeetingStatus, Outcome
from .models import AgendaItem, Meeting, Task
from .selectors import meeting_day
from .services import _require_runner, _touch, lock

MINUTES_TYPES = ("protokoll", "minnesanteckningar")
# While held or documented the agenda is handled and decided; a closed meeting is history.
HANDLING = (MeetingStatus.HELD, MeetingStatus.DOCUMENTED)
TEXT_MAX_LENGTH = 100_000  # characters of minutes as written, before sanitising


def phase(meeting: Meeting) -> str:
    """ "before" (the agenda as invited is edited), "handling" (at and after the meeting) or
    "closed" (closed or cancelled: nothing changes)."""
    if meeting.status in BEFORE_HELD:
        return "before"
    if meeting.status in HANDLING:
        return "handling"
    return "closed"


def _refuse_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(
            _("The meeting is cancelled; its agenda is kept as it was."), code="cancelled"
        )
    if meeting.status == MeetingStatus.CLOSED:
        raise DomainError(_("The meeting is closed; its agenda is kept as it was."), code="closed")


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Give the item a title."), code="required", field="title")
    return title[:300]


def _locked_item(item: AgendaItem, version: int | None, by) -> tuple[Meeting, AgendaItem]:
    _require_runner(by, item.meeting)
    meeting = lock(item.meeting, version, by=by)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    return meeting, item


def _doc_names(docs) -> list[str]:
    return sorted(f"{d.case_number} {d.title}" for d in docs)


def _documents_for(meeting: Meeting, ids: list[int] | None, by) -> list[Document]:
    """Documents of the meeting's organisation that the runner may see; refused otherwise."""
    if not ids:
        return []
    qs = Document.objects.filter(pk__in=set(ids), organisation_id=meeting.organisation_id)
    qs = documents_visible_to(require_actor(by), qs)
    found = list(qs)
    if len(found) != len(set(ids)):
        raise DomainError(
            _("A document is not in the register of the meeting's organisation."),
            code="bad_document",
            field="documents",
        )
    return found


@transaction.atomic
def add_item(
    *,
    meeting: Meeting,
    title: str,
    by,
    description: str = "",
    documents: list[int] | None = None,
    version: int | None,
) -> AgendaItem:
    """An item at the end of the agenda: on the invitation before the meeting, added at the
    meeting once it is held."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    _refuse_closed(meeting)
    title = _clean_title(title)
    docs = _documents_for(meeting, documents, by)
    last = meeting.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=last + 1,
        title=title,
        description=(description or "").strip(),
        on_invitation=meeting.status in BEFORE_HELD,
    )
    item.documents.set(docs)
    record(
        item,
        action="meetings.agenda.item_added",
        by=by,
        changes={
            "title": (None, item.title),
            "on_invitation": (None, item.on_invitation),
            **({"documents": (None, _doc_names(docs))} if docs else {}),
        },
    )
    _touch(meeting)
    return item


def _refuse_invited_after_held(meeting: Meeting, item: AgendaItem) -> None:
    if meeting.status not in BEFORE_HELD and item.on_invitation:
        raise DomainError(
            _("The meeting has been held; the items on its invitation stay as invited."),
            code="held",
        )


@transaction.atomic
def edit_item(
    *,
    item: AgendaItem,
    title: str,
    by,
    description: str = "",
    documents: list[int] | None = None,
    version: int | None,
) -> AgendaItem:
    """Change an item's title, description and (when given) its input documents: before the
    meeting, or an item added at the meeting."""
    require_actor(by)
    meeting, item = _locked_item(item, version, by)
    _refuse_closed(meeting)
    _refuse_invited_after_held(meeting, item)
    before = {"title": item.title, "description": item.description}
    item.title = _clean_title(title)
    item.description = (description or "").strip()
    changes = {k: (v, getattr(item, k)) for k, v in before.items() if v != getattr(item, k)}
    if documents is not None:
        old = list(item.documents.all())
        docs = _documents_for(meeting, documents, by)
        if {d.pk for d in old} != {d.pk for d in docs}:
            item.documents.set(docs)
            changes["documents"] = (_doc_names(old) or None, _doc_names(docs) or None)
    if not changes:
        return item
    item.save(update_fields=["title", "description"])
    record(item, action="meetings.agenda.item_edited", by=by, changes=changes)
    _touch(meeting)
    return item


@transaction.atomic
def add_document(*, item: AgendaItem, document: Document, by, version: int | None) -> AgendaItem:
    """Put one more input document on an item."""
    require_actor(by)
    ids = list(item.documents.values_list("pk", flat=True))
    if document.pk in ids:
        return item
    return edit_item(
        item=item,
        title=item.title,
        description=item.description,
        documents=[*ids, document.pk],
        by=by,
        version=version,
    )


@transaction.atomic
def remove_document(*, item: AgendaItem, document: Document, by, version: int | None) -> AgendaItem:
    require_actor(by)
    ids = [pk for pk in item.documents.values_list("pk", flat=True) if pk != document.pk]
    return edit_item(
        item=item,
        title=item.title,
        description=item.description,
        documents=ids,
        by=by,
        version=version,
    )


def _renumber(meeting: Meeting, items: list[AgendaItem]) -> None:
    """Give the items the orders 1…n in the given order (in two passes: orders are unique)."""
    for offset in (10_000, 0):
        for position, it in enumerate(items, start=1):
            it.order = position + offset
        AgendaItem.objects.bulk_update(items, ["order"])


@transaction.atomic
def reorder_items(*, meeting: Meeting, ids: list[int], by, version: int | None) -> list[AgendaItem]:
    """Put the agenda in the given order (every item's id once). Before the meeting only."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    _refuse_closed(meeting)
    if meeting.status not in BEFORE_HELD:
        raise DomainError(
            _("The meeting has been held; the items on its invitation stay as invited."),
            code="held",
        )
    items = {i.pk: i for i in meeting.items.select_for_update()}
    if sorted(ids) != sorted(items):
        raise DomainError(
            _("Name every item of the agenda once to reorder it."), code="bad_order", field="items"
        )
    before = [str(i) for i in sorted(items.values(), key=lambda i: i.order)]
    ordered = [items[pk] for pk in ids]
    _renumber(meeting, ordered)
    after = [str(i) for i in ordered]
    if before != after:
        record(
            meeting, action="meetings.agenda.reordered", by=by, changes={"items": (before, after)}
        )
        _touch(meeting)
    return ordered


@transaction.atomic
def move_item(*, item: AgendaItem, by, up: bool, version: int | None) -> None:
    """One place up or down (the page's buttons)."""
    require_actor(by)
    ids = list(item.meeting.items.order_by("order").values_list("pk", flat=True))
    at = ids.index(item.pk)
    to = at - 1 if up else at + 1
    if 0 <= to < len(ids):
        ids[at], ids[to] = ids[to], ids[at]
    reorder_items(meeting=item.meeting, ids=ids, by=by, version=version)


@transaction.atomic
def remove_item(*, item: AgendaItem, by, version: int | None) -> None:
    """Take an item off the agenda before the meeting (or one added at the meeting by mistake);
    the rest close up."""
    require_actor(by)
    meeting, item = _locked_item(item, version, by)
    _refuse_closed(meeting)
    _refuse_invited_after_held(meeting, item)
    if item.outcome:
        raise DomainError(_("The item has a decision; it stays on the agenda."), code="decided")
    name = str(item)
    item.delete()
    _renumber(meeting, list(meeting.items.order_by("order")))
    record(meeting, action="meetings.agenda.item_removed", by=by, changes={"items": ([name], None)})
    _touch(meeting)


def _refuse_not_handling(meeting: Meeting, *, what: str) -> None:
    _refuse_closed(meeting)
    if meeting.status not in HANDLING:
        if what == "decision":
            raise DomainError(
                _(
                    "A decision on a meeting not yet held cannot be recorded. Mark the meeting "
                    "held once it has begun."
                ),
                code="not_held",
                field="outcome",
            )
        raise DomainError(
            _("The meeting has not been held yet; mark it held first."), code="not_held"
        )


@transaction.atomic
def mark_item(*, item: AgendaItem, state: str, by, version: int | None) -> AgendaItem:
    """At or after the meeting: an item handled, dropped or postponed (or back to planned)."""
    require_actor(by)
    meeting, item = _locked_item(item, version, by)
    _refuse_not_handling(meeting, what="state")
    if state not in ItemState.values:
        raise DomainError(_("Choose how the item was handled."), code="invalid", field="state")
    if state in (ItemState.DROPPED, ItemState.POSTPONED) and item.outcome:
        raise DomainError(
            _("The item has a decision, so it was handled; clear the decision first."),
            code="decided",
            field="state",
        )
    if state == item.state:
        return item
    before = item.state
    item.state = state
    item.save(update_fields=["state"])
    record(item, action="meetings.agenda.item_handled", by=by, changes={"state": (before, state)})
    _touch(meeting)
    return item


@transaction.atomic
def decide(*, item: AgendaItem, outcome: str, text: str, by, version: int | None) -> AgendaItem:
    """The decision on an item (go-ahead given, given with changes, not given, noted) with its
    text; the item counts as handled. Only on a held meeting."""
    require_actor(by)
    meeting, item = _locked_item(item, version, by)
    _refuse_not_handling(meeting, what="decision")
    if outcome not in Outcome.values:
        raise DomainError(_("Choose a decision."), code="invalid", field="outcome")
    text = (text or "").strip()
    if outcome == Outcome.WITH_CHANGES and not text:
        raise DomainError(
            _("Say which changes the go-ahead was given with."),
            code="required",
            field="decision_text",
        )
    if outcome and item.state in (ItemState.DROPPED, ItemState.POSTPONED):
        raise DomainError(
            _("A dropped or postponed item takes no decision."), code="not_handled", field="outcome"
        )
    before = {"outcome": item.outcome, "decision_text": item.decision_text, "state": item.state}
    item.outcome = outcome
    item.decision_text = text if outcome else ""
    item.decided_at = timezone.now() if outcome else None
    if outcome and item.state == ItemState.PLANNED:
        item.state = ItemState.HANDLED
    changes = {k: (v, getattr(item, k)) for k, v in before.items() if v != getattr(item, k)}
    if not changes:
        return item
    item.save(update_fields=["outcome", "decision_text", "decided_at", "state"])
    record(item, action="meetings.agenda.decided", by=by, changes=changes)
    _touch(meeting)
    return item


# --- Minutes ---------------------------------------------------------------------------------


def minutes_type_for(meeting: Meeting) -> str | None:
    """The register's type the step's "documentation" names: a protocol (Mötesprotokoll) or
    notes (Ekonomidirektörens minnesanteckningar); None when it names neither (the runner
    chooses)."""
    text = (meeting.documentation or "").casefold()
    if "protokoll" in text or "minutes" in text:
        return "protokoll"
    if "anteckning" in text or "notes" in text:
        return "minnesanteckningar"
    return None


def _minutes_document(meeting: Meeting, type_code: str | None, by) -> Document:
    """The meeting's minutes in the register, registered on first use."""
    require_actor(by)
    if meeting.minutes_id is not None:
        return meeting.minutes
    code = minutes_type_for(meeting) or type_code
    if code not in MINUTES_TYPES:
        raise DomainError(
            _("Choose whether the minutes are a protocol or notes."),
            code="required",
            field="document_type",
        )
    step = meeting.step
    day = meeting_day(meeting)
    label = _("Minutes") if code == "protokoll" else _("Notes")
    document = documents.register_document(
        owner_body=meeting.body,
        document_type=DocumentType.objects.get(code=code),
        title=f"{label}: {meeting.title}, {day.isoformat()}",
        by=by,
        cycle=step.cycle if step is not None else None,
        produced_by=step,
        year=day.year,
    )
    before = meeting.minutes_id
    meeting.minutes = document
    meeting.save(update_fields=["minutes"])
    record(
        meeting, action="meetings.minutes.linked", by=by, changes={"minutes": (before, document)}
    )
    return document


def _refuse_minutes(meeting: Meeting) -> None:
    _refuse_closed(meeting)
    if meeting.status not in AFTER_HELD:
        raise DomainError(_("Minutes are written once the meeting has been held."), code="not_held")


def minutes_pdf(*, meeting: Meeting, document: Document, text: str) -> bytes:
    """The written minutes as PDF/A-2b, the way feedback/exports.py renders. WeasyPrint needs
    Pango, so it is imported here."""
    from weasyprint import HTML

    items = list(meeting.items.order_by("order"))
    html = render_to_string(
        "meetings/minutes_print.html",
        {"meeting": meeting, "document": document, "text": text, "items": items},
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-2b")


@transaction.atomic
def write_minutes(
    *,
    meeting: Meeting,
    text: str,
    by,
    document_type: str | None = None,
    version: int | None,
) -> Meeting:
    """Minutes written in the app (formatted text, sanitised): kept with the meeting and filed as
    a new PDF/A version of its register document."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    _refuse_minutes(meeting)
    if len(text or "") > TEXT_MAX_LENGTH:
        raise DomainError(
            _("The minutes are too long to save."), code="too_long", field="minutes_text"
        )
    cleaned = clean_html(text)
    if not cleaned:
        raise DomainError(_("Write the minutes first."), code="required", field="minutes_text")
    document = _minutes_document(meeting, document_type, by)
    before = meeting.minutes_text
    meeting.minutes_text = cleaned
    pdf = minutes_pdf(meeting=meeting, document=document, text=cleaned)
    name = f"{document.case_number.replace(' ', '_').replace('/', '-')}.pdf"
    documents.add_version(
        document=document,
        upload=SimpleUploadedFile(name, pdf, content_type="application/pdf"),
        by=by,
        version=document.version,  # found or made just now, in this transaction
    )
    _touch(meeting, "minutes_text")
    record(
        meeting,
        action="meetings.minutes.written",
        by=by,
        changes={"minutes_text": (before, cleaned)},
    )
    return meeting


@transaction.atomic
def upload_minutes(
    *,
    meeting: Meeting,
    upload: UploadedFile,
    by,
    document_type: str | None = None,
    version: int | None,
) -> Meeting:
    """Minutes written elsewhere, uploaded as a version of the meeting's register document."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    _refuse_minutes(meeting)
    document = _minutes_document(meeting, document_type, by)
    created = documents.add_version(
        document=document, upload=upload, by=by, version=document.version
    )
    _touch(meeting)
    record(
        meeting,
        action="meetings.minutes.uploaded",
        by=by,
        changes={"minutes": (None, f"{document.case_number} v{created.number}")},
    )
    return meeting


# --- Follow-up tasks -------------------------------------------------------------------------


@transaction.atomic
def add_task(
    *,
    meeting: Meeting,
    title: str,
    owner: Person,
    due: dt.date,
    by,
    item: AgendaItem | None = None,
    version: int | None,
) -> Task:
    """A follow-up task with its owner (a person of the organisation) and a due date on or after
    the meeting day."""
    _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("The meeting is cancelled; it has no follow-up."), code="cancelled")
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Say what is to be done."), code="required", field="title")
    if owner.organisation_id != meeting.organisation_id:
        raise DomainError(
            _("The person belongs to another organisation."),
            code="other_organisation",
            field="owner",
        )
    if due < meeting_day(meeting):
        raise DomainError(
            _("A task cannot be due before the meeting (%(day)s)."),
            code="due_before_meeting",
            params={"day": date_format(meeting_day(meeting), "j F Y")},
            field="due",
        )
    if item is not None and item.meeting_id != meeting.pk:
        raise DomainError(_("The item is not on this meeting's agenda."), code="other_meeting")
    task = Task.objects.create(meeting=meeting, item=item, title=title[:300], owner=owner, due=due)
    record(
        task,
        action="meetings.task.added",
        by=by,
        changes={"title": (None, task.title), "owner": (None, owner), "due": (None, due)},
    )
    _touch(meeting)
    return task


@transaction.atomic
def set_task_done(*, task: Task, done: bool, by, version: int | None) -> Task:
    """Mark a task done (today) or open again. Its runner or its owner may."""
    meeting = task.meeting
    owner = person_of(by)
    require_actor(by)
    if owner is None or owner.pk != task.owner_id:
        _require_runner(by, meeting)
    meeting = lock(meeting, version, by=by)
    task = Task.objects.select_for_update().get(pk=task.pk, meeting=meeting)
    before = task.done
    task.done = timezone.localdate() if done else None
    if (before is None) == (task.done is None):
        return task
    task.save(update_fields=["done"])
    record(task, action="meetings.task.done", by=by, changes={"done": (before, task.done)})
    _touch(meeting)
    return task


@transaction.atomic
def remove_task(*, task: Task, by, version: int | None) -> None:
    _require_runner(by, task.meeting)
    meeting = lock(task.meeting, version, by=by)
    name = f"{task.title} ({task.owner}, {task.due.isoformat()})"
    Task.objects.filter(pk=task.pk, meeting=meeting).delete()
    record(meeting, action="meetings.task.removed", by=by, changes={"tasks": ([name], None)})
    _touch(meeting)
