"""The meetings' agenda API: a meeting's agenda with its decisions and minutes, its follow-up
tasks, and the runner's changes to them.

Read: those who read the meeting in full (meetings.permissions: its runners, invitees and the
members of its body); anyone else gets a 404. An item's input documents are listed as far as
the caller may read them in the register; the minutes' text only while she may read their
document.
Change (POST, PUT, DELETE): signed-in callers only, by the web app's session with its CSRF
token: the meeting's runners (the secretary of its body and the finance office); a task's owner
may mark it done. Anyone else who may read the meeting gets a 403. The rules live in
meetings/agenda.py; a stale version answers 409, a refusal 400 in the API's one error shape.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from arshjul.core.errors import DomainError
from arshjul.documents.models import Document
from arshjul.documents.permissions import documents_visible_to
from arshjul.organisation.models import Person

from . import agenda
from .models import AgendaItem, Meeting, Task
from .permissions import meetings_visible_to

router = Router(tags=["meetings"])
VERSION_HELP = "The meeting's version as last read: a change made meanwhile is refused (409)."


class AgendaDocumentOut(Schema):
    id: int
    case_number: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    description: str
    on_invitation: bool = Field(..., description="False for an item added at the meeting.")
    state: str = Field(..., description="planned, handled, dropped or postponed.")
    state_label: str
    outcome: str = Field(
        ..., description="given, with_changes, not_given, noted, or empty: no decision."
    )
    outcome_label: str
    decision_text: str
    decided_at: dt.datetime | None
    documents: list[AgendaDocumentOut] = Field(
        ..., description="The input documents the caller may read in the register."
    )

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_outcome_label(obj) -> str:
        return str(obj.get_outcome_display())

    @staticmethod
    def resolve_documents(obj) -> list:
        return list(obj.documents.all())


class MinutesOut(Schema):
    document: AgendaDocumentOut
    status: str
    text: str = Field(..., description="The minutes as written in the app (sanitised HTML).")


class AgendaOut(Schema):
    meeting: int
    status: str
    phase: str = Field(
        ...,
        description="before (the agenda as invited is edited), handling (held or documented: "
        "items are handled and decided) or closed.",
    )
    version: int = Field(..., description=VERSION_HELP)
    items: list[AgendaItemOut]
    minutes: MinutesOut | None


class PersonOut(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class TaskOut(Schema):
    id: int
    title: str
    owner: PersonOut
    due: dt.date
    done: dt.date | None
    item: int | None = Field(..., alias="item_id")
    uid: str = Field(..., description="The task's stable id in the personal calendar feed.")

    @staticmethod
    def resolve_uid(obj) -> str:
        return f"{obj.uid}@arshjul"


class AgendaItemIn(Schema):
    title: str
    description: str = ""
    documents: list[int] | None = Field(
        None, description="Ids of register documents of the meeting's organisation; omit to keep."
    )
    version: int = Field(..., description=VERSION_HELP)


class OrderIn(Schema):
    items: list[int] = Field(..., description="Every item's id once, in the new order.")
    version: int = Field(..., description=VERSION_HELP)


class StateIn(Schema):
    state: str = Field(..., description="planned, handled, dropped or postponed.")
    version: int = Field(..., description=VERSION_HELP)


class DecisionIn(Schema):
    outcome: str = Field(..., description="given, with_changes, not_given, noted, or empty.")
    text: str = ""
    version: int = Field(..., description=VERSION_HELP)


class MinutesIn(Schema):
    text: str = Field(..., description="Formatted text (HTML is sanitised) or plain paragraphs.")
    document_type: str | None = Field(
        None,
        description="protokoll or minnesanteckningar, when the step's documentation names "
        "neither (a stand-alone meeting).",
    )
    version: int = Field(..., description=VERSION_HELP)


class TaskIn(Schema):
    title: str
    owner: int = Field(..., description="The id of a person of the meeting's organisation.")
    due: dt.date = Field(..., description="On or after the meeting day.")
    item: int | None = None
    version: int = Field(..., description=VERSION_HELP)


class TaskDoneIn(Schema):
    done: bool
    version: int = Field(..., description=VERSION_HELP)


def _meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    qs = meetings_visible_to(
        request.user, Meeting.objects.select_related("body", "step", "minutes")
    )
    meeting = qs.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def _agenda(request: HttpRequest, meeting: Meeting) -> dict:
    docs = documents_visible_to(request.user, Document.objects.all()).order_by("case_number")
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("documents", queryset=docs))
        .order_by("order")
    )
    minutes = None
    if (
        meeting.minutes_id
        and documents_visible_to(
            request.user, Document.objects.filter(pk=meeting.minutes_id)
        ).exists()
    ):
        minutes = {
            "document": meeting.minutes,
            "status": meeting.minutes.status,
            "text": meeting.minutes_text,
        }
    return {
        "meeting": meeting.pk,
        "status": meeting.status,
        "phase": agenda.phase(meeting),
        "version": meeting.version,
        "items": items,
        "minutes": minutes,
    }


def _fresh(request: HttpRequest, pk: int) -> dict:
    return _agenda(request, _meeting_or_404(request, pk))


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting"), pk=item_pk, meeting=meeting
    )


@router.get("/meetings/{pk}/agenda", response=AgendaOut, summary="A meeting's agenda")
def get_agenda(request: HttpRequest, pk: int):
    return _fresh(request, pk)


@router.post(
    "/meetings/{pk}/agenda",
    response={201: AgendaOut},
    auth=django_auth,
    summary="Add an agenda item",
    description="Before the meeting the item is on the invitation; once held, added at the meeting.",
)
def add_item(request: HttpRequest, pk: int, payload: AgendaItemIn):
    meeting = _meeting_or_404(request, pk)
    agenda.add_item(
        meeting=meeting,
        title=payload.title,
        description=payload.description,
        documents=payload.documents,
        by=request.user,
        version=payload.version,
    )
    return Status(201, _fresh(request, pk))


@router.put(
    "/meetings/{pk}/agenda/order",
    response=AgendaOut,
    auth=django_auth,
    summary="Reorder the agenda",
)
def reorder(request: HttpRequest, pk: int, payload: OrderIn):
    meeting = _meeting_or_404(request, pk)
    agenda.reorder_items(
        meeting=meeting, ids=payload.items, by=request.user, version=payload.version
    )
    return _fresh(request, pk)


@router.put(
    "/meetings/{pk}/agenda/{item_pk}", response=AgendaOut, auth=django_auth, summary="Edit an item"
)
def edit_item(request: HttpRequest, pk: int, item_pk: int, payload: AgendaItemIn):
    meeting = _meeting_or_404(request, pk)
    agenda.edit_item(
        item=_item(meeting, item_pk),
        title=payload.title,
        description=payload.description,
        documents=payload.documents,
        by=request.user,
        version=payload.version,
    )
    return _fresh(request, pk)


@router.delete(
    "/meetings/{pk}/agenda/{item_pk}",
    response=AgendaOut,
    auth=django_auth,
    summary="Take an item off the agenda",
)
def remove_item(request: HttpRequest, pk: int, item_pk: int, version: int):
    meeting = _meeting_or_404(request, pk)
    agenda.remove_item(item=_item(meeting, item_pk), by=request.user, version=version)
    return _fresh(request, pk)


@router.put(
    "/meetings/{pk}/agenda/{item_pk}/state",
    response=AgendaOut,
    auth=django_auth,
    summary="Mark an item handled, dropped or postponed",
)
def mark_item(request: HttpRequest, pk: int, item_pk: int, payload: StateIn):
    meeting = _meeting_or_404(request, pk)
    agenda.mark_item(
        item=_item(meeting, item_pk), state=payload.state, by=request.user, version=payload.version
    )
    return _fresh(request, pk)


@router.put(
    "/meetings/{pk}/agenda/{item_pk}/decision",
    response=AgendaOut,
    auth=django_auth,
    summary="Record the decision on an item",
    description="Refused (code not_held) on a meeting not yet held, and on a cancelled one.",
)
def decide(request: HttpRequest, pk: int, item_pk: int, payload: DecisionIn):
    meeting = _meeting_or_404(request, pk)
    agenda.decide(
        item=_item(meeting, item_pk),
        outcome=payload.outcome,
        text=payload.text,
        by=request.user,
        version=payload.version,
    )
    return _fresh(request, pk)


@router.put(
    "/meetings/{pk}/minutes",
    response=AgendaOut,
    auth=django_auth,
    summary="Write the minutes",
    description=(
        "Files the text as a new PDF/A version of the meeting's minutes in the register "
        "(protokoll or minnesanteckningar, as the step's documentation says)."
    ),
)
def write_minutes(request: HttpRequest, pk: int, payload: MinutesIn):
    meeting = _meeting_or_404(request, pk)
    agenda.write_minutes(
        meeting=meeting,
        text=payload.text,
        document_type=payload.document_type,
        by=request.user,
        version=payload.version,
    )
    return _fresh(request, pk)


@router.get("/meetings/{pk}/tasks", response=list[TaskOut], summary="A meeting's follow-up tasks")
def list_tasks(request: HttpRequest, pk: int):
    meeting = _meeting_or_404(request, pk)
    return list(meeting.tasks.select_related("owner"))


@router.post(
    "/meetings/{pk}/tasks",
    response={201: TaskOut},
    auth=django_auth,
    summary="Add a follow-up task",
    description="Refused (code due_before_meeting) when due before the meeting day.",
)
def add_task(request: HttpRequest, pk: int, payload: TaskIn):
    meeting = _meeting_or_404(request, pk)
    owner = Person.objects.filter(pk=payload.owner, organisation_id=meeting.organisation_id).first()
    if owner is None:
        raise DomainError(
            _("There is no such person in the meeting's organisation."),
            code="unknown_person",
            field="owner",
        )
    item = _item(meeting, payload.item) if payload.item is not None else None
    task = agenda.add_task(
        meeting=meeting,
        title=payload.title,
        owner=owner,
        due=payload.due,
        item=item,
        by=request.user,
        version=payload.version,
    )
    return Status(201, Task.objects.select_related("owner").get(pk=task.pk))


@router.put(
    "/meetings/{pk}/tasks/{task_pk}",
    response=TaskOut,
    auth=django_auth,
    summary="Mark a task done or open",
)
def set_task_done(request: HttpRequest, pk: int, task_pk: int, payload: TaskDoneIn):
    meeting = _meeting_or_404(request, pk)
    task = get_object_or_404(Task.objects.select_related("meeting"), pk=task_pk, meeting=meeting)
    agenda.set_task_done(task=task, done=payload.done, by=request.user, version=payload.version)
    return Task.objects.select_related("owner").get(pk=task.pk)
