"""The meeting page's agenda, decisions, minutes and follow-up tasks: what the page shows
(`agenda_context`, called from views._context) and the runner's changes.

Read: those who read the meeting in full (views._meeting_or_404); the minutes' document as the
register allows (published for the public). Change: the meeting's runners (403 for others who
may read, 404 for those who may not); a task's owner may also mark it done.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arshjul.accounts.roles import person_of
from arshjul.core.errors import DomainError
from arshjul.core.history import history_of
from arshjul.documents.models import Document
from arshjul.documents.permissions import documents_visible_to
from arshjul.feedback.sanitise import to_editable

from . import agenda
from . import views as meeting_views
from .choices import ItemState, Outcome
from .forms_agenda import MinutesForm, MinutesUploadForm, TaskForm
from .models import AgendaItem, Meeting, Task

SEARCH_LIMIT = 20


def agenda_context(request: HttpRequest, meeting: Meeting, context: dict) -> dict:
    """The agenda as invited and as handled, the document search, the minutes' and tasks' forms,
    and the history with the items' and tasks' changes. A fixed number of queries."""
    full, can_run = context["full"], context["can_run"]
    items = context.get("items") or []
    extra: dict = {
        "agenda_phase": agenda.phase(meeting),
        "item_states": ItemState.choices,
        "outcomes": Outcome.choices,
        "invited_items": [i for i in items if i.on_invitation],
        "agenda_changed": any(not i.on_invitation or i.state != "planned" for i in items),
        "tasks": list(meeting.tasks.select_related("owner", "item")) if full else [],
    }
    if can_run and extra["agenda_phase"] != "closed":
        extra |= _search(request, meeting)
        extra["minutes_type"] = agenda.minutes_type_for(meeting)
        extra["minutes_form"] = MinutesForm(
            initial={"version": meeting.version, "text": to_editable(meeting.minutes_text)},
            auto_id="minutes_%s",
        )
        extra["upload_form"] = MinutesUploadForm(
            initial={"version": meeting.version}, auto_id="upload_%s"
        )
        extra["task_form"] = TaskForm(
            initial={"version": meeting.version},
            organisation_id=meeting.organisation_id,
            auto_id="task_%s",
        )
    if can_run:
        extra["history"] = history_of(meeting, *items, *extra["tasks"])
    return extra


def _search(request: HttpRequest, meeting: Meeting) -> dict:
    """A search of the register for an item's input documents, by a plain GET form (no JS)."""
    item_id = request.GET.get("find_for", "")
    query = " ".join(request.GET.get("q", "").split())
    if not item_id.isdigit():
        return {}
    qs = documents_visible_to(
        request.user, Document.objects.filter(organisation_id=meeting.organisation_id)
    )
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(case_number__icontains=query))
    found = list(qs.select_related("document_type").order_by("-updated")[:SEARCH_LIMIT])
    return {"find_for": int(item_id), "find_query": query, "found": found}


def _back(meeting: Meeting, anchor: str = "agenda") -> HttpResponse:
    return redirect(f"{meeting.get_absolute_url()}#{anchor}")


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting"), pk=item_pk, meeting=meeting
    )


def _do(
    request: HttpRequest, meeting: Meeting, done: str, change, anchor="agenda", mine=False
) -> HttpResponse:
    """Run one change; its refusal or success as a message, then back to the page."""
    try:
        change()
    except DomainError as exc:
        meeting_views._refused(request, exc)
    else:
        messages.success(request, done)
    if mine:
        return redirect("process:mine")
    return _back(meeting, anchor)


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    return _do(
        request,
        meeting,
        _("The item was added to the agenda."),
        lambda: agenda.add_item(
            meeting=meeting,
            title=request.POST.get("title", ""),
            description=request.POST.get("description", ""),
            by=request.user,
            version=meeting_views._version(request),
        ),
    )


@require_POST
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    item = _item(meeting, item_pk)
    return _do(
        request,
        meeting,
        _("The item was saved."),
        lambda: agenda.edit_item(
            item=item,
            title=request.POST.get("title", ""),
            description=request.POST.get("description", ""),
            by=request.user,
            version=meeting_views._version(request),
        ),
    )


@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    item = _item(meeting, item_pk)
    return _do(
        request,
        meeting,
        _("The agenda was reordered."),
        lambda: agenda.move_item(
            item=item,
            up=request.POST.get("direction") == "up",
            by=request.user,
            version=meeting_views._version(request),
        ),
    )


@require_POST
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    item = _item(meeting, item_pk)
    return _do(
        request,
        meeting,
        _("The item was taken off the agenda."),
        lambda: agenda.remove_item(
            item=item, by=request.user, version=meeting_views._version(request)
        ),
    )


def _document(request: HttpRequest, meeting: Meeting, doc_pk: int | str) -> Document:
    return get_object_or_404(
        documents_visible_to(
            request.user, Document.objects.filter(organisation_id=meeting.organisation_id)
        ),
        pk=doc_pk,
    )


@require_POST
def document_add(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    item = _item(meeting, item_pk)
    raw = request.POST.get("document", "")
    if not raw.isdigit():
        messages.error(request, _("Choose a document from the register."))
        return _back(meeting)
    document = _document(request, meeting, raw)
    return _do(
        request,
        meeting,
        _("%(document)s was added to the item.") % {"document": document},
        lambda: agenda.add_document(
            item=item, document=document, by=request.user, version=meeting_views._version(request)
        ),
    )


@require_POST
def document_remove(request: HttpRequest, pk: int, item_pk: int, doc_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    item = _item(meeting, item_pk)
    document = get_object_or_404(item.documents.all(), pk=doc_pk)
    return _do(
        request,
        meeting,
        _("%(document)s was taken off the item.") % {"document": document},
        lambda: agenda.remove_document(
            item=item, document=document, by=request.user, version=meeting_views._version(request)
        ),
    )


@require_POST
def item_state(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    item = _item(meeting, item_pk)
    return _do(
        request,
        meeting,
        _("The item's handling was saved."),
        lambda: agenda.mark_item(
            item=item,
            state=request.POST.get("state", ""),
            by=request.user,
            version=meeting_views._version(request),
        ),
    )


@require_POST
def item_decision(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    item = _item(meeting, item_pk)
    return _do(
        request,
        meeting,
        _("The decision was saved."),
        lambda: agenda.decide(
            item=item,
            outcome=request.POST.get("outcome", ""),
            text=request.POST.get("decision_text", ""),
            by=request.user,
            version=meeting_views._version(request),
        ),
    )


def _rerender(request: HttpRequest, meeting: Meeting, **forms) -> HttpResponse:
    meeting.refresh_from_db()
    context = meeting_views._context(request, meeting, True)
    context.update(forms)
    return render(request, "meetings/detail.html", context, status=400)


@require_POST
def minutes_write(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    form = MinutesForm(request.POST, auto_id="minutes_%s")
    if form.is_valid():
        try:
            agenda.write_minutes(
                meeting=meeting,
                text=form.cleaned_data["text"],
                document_type=form.cleaned_data["document_type"] or None,
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The minutes were saved and filed in the register."))
            return _back(meeting, "minutes")
    return _rerender(request, meeting, minutes_form=form)


@require_POST
def minutes_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    form = MinutesUploadForm(request.POST, request.FILES, auto_id="upload_%s")
    if form.is_valid():
        try:
            agenda.upload_minutes(
                meeting=meeting,
                upload=form.cleaned_data["file"],
                document_type=form.cleaned_data["document_type"] or None,
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The minutes were uploaded to the register."))
            return _back(meeting, "minutes")
    return _rerender(request, meeting, upload_form=form)


@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    form = TaskForm(request.POST, organisation_id=meeting.organisation_id, auto_id="task_%s")
    if form.is_valid():
        try:
            agenda.add_task(
                meeting=meeting,
                title=form.cleaned_data["title"],
                owner=form.cleaned_data["owner"],
                due=form.cleaned_data["due"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The task was added."))
            return _back(meeting, "tasks")
    return _rerender(request, meeting, task_form=form)


@require_POST
def task_done(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """The runner, or the task's owner, marks it done or open again."""
    task = get_object_or_404(Task.objects.select_related("meeting"), pk=task_pk, meeting_id=pk)
    owner = person_of(request.user)
    if owner is not None and owner.pk == task.owner_id:
        meeting = task.meeting
    else:
        meeting = meeting_views._runner_meeting(request, pk)
    anchor = request.POST.get("next") == "mine"
    return _do(
        request,
        meeting,
        _("The task was saved."),
        lambda: agenda.set_task_done(
            task=task,
            done=request.POST.get("done") == "1",
            by=request.user,
            version=meeting_views._version(request),
        ),
        anchor="tasks",
        mine=anchor,
    )


@require_POST
def task_remove(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    meeting = meeting_views._runner_meeting(request, pk)
    task = get_object_or_404(
        Task.objects.select_related("meeting", "owner"), pk=task_pk, meeting=meeting
    )
    return _do(
        request,
        meeting,
        _("The task was removed."),
        lambda: agenda.remove_task(
            task=task, by=request.user, version=meeting_views._version(request)
        ),
        anchor="tasks",
    )
