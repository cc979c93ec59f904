"""Who may read and change documents in the register: the one rule behind every page, API
endpoint, download, Word/PDF export, history view, list and notification of the documents,
feedback and notifications apps (and the agenda documents that meetings show).

Read, by the document's status:
- A draft (and the history of earlier texts of any document) belongs to those who write it:
  the owner body's secretary and head of administration, the finance office of the
  organisation (it writes for every body), the chief executive's office where it writes (the
  executive board and its working committee), and the document's named co-authors.
- From prepared on (prepared, treated, decided, sent, published) also the members of the owner
  body, the chief executive's office and the finance office (the whole organisation's), and the
  invitees and the secretary of a meeting that has it on its agenda.
- The public reads what is decided, sent or published (an allmän handling under the principle
  of public access) unless it is marked secret under a paragraph of the secrecy law (OSL); a
  secret document is never public, whatever its status. Its register entry stays public with
  the title withheld (see `register_entries_visible_to`).
- Another organisation's people read only what is public.
Change: the writers above less the co-authors (they read and are named, but the owner body's
officials move it): the finance office of its organisation, the owner body's secretary and head
of administration, and the chief executive's office for the executive board and its working
committee. A superuser reads and changes everything.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from arshjul.accounts.roles import (
    EDITOR_POSTS,
    bodies_served,
    is_central_office_of,
    is_executive_office,
    is_finance_office,
    member_bodies,
    organisation_id_of,
    people_holding,
    people_seated,
    people_serving,
    person_of,
    served_bodies,
)
from arshjul.organisation.choices import EXECUTIVE_OFFICE_POSTS, FINANCE_OFFICE_POSTS, BodyKind
from arshjul.organisation.models import Body

from .choices import DocumentStatus
from .models import Document

PREPARED_ON = (
    DocumentStatus.PREPARED,
    DocumentStatus.TREATED,
    DocumentStatus.DECIDED,
    DocumentStatus.SENT,
    DocumentStatus.PUBLISHED,
)
"""The statuses in which the body's members and the central offices read a document."""

PUBLIC_STATUSES = (DocumentStatus.DECIDED, DocumentStatus.SENT, DocumentStatus.PUBLISHED)
"""The statuses in which a document not marked secret is public (an allmän handling)."""

NOTHING = Q(pk__in=[])


def is_public(document: Document) -> bool:
    return document.status in PUBLIC_STATUSES and not document.secret


def _public() -> Q:
    return Q(status__in=PUBLIC_STATUSES, secret=False)


def written_by_executive_office(body: Body) -> bool:
    """The chief executive and her staff write for the executive board and its committees."""
    if body.kind == BodyKind.BOARD:
        return True
    return body.parent_id is not None and body.parent.kind == BodyKind.BOARD


def editable_bodies(user) -> set[int] | None:
    """Body ids whose documents the user may change; None means every body of her organisation."""
    if is_finance_office(user):
        return None
    bodies = bodies_served(user, kinds=EDITOR_POSTS)
    if is_executive_office(user):
        boards = Body.objects.filter(
            organisation_id=organisation_id_of(user), kind=BodyKind.BOARD
        ).values_list("pk", flat=True)
        bodies |= set(boards) | set(
            Body.objects.filter(parent_id__in=list(boards)).values_list("pk", flat=True)
        )
    return bodies


def can_edit_documents_of(user, body) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if organisation_id_of(user) != body.organisation_id:
        return False
    bodies = editable_bodies(user)
    return bodies is None or body.pk in bodies


def can_edit_document(user, document: Document) -> bool:
    return can_edit_documents_of(user, document.owner_body)


# --- Read: the queryset filter (one rule; the predicates below are this filter on one row) ----


def _co_authored_by(person_id: int) -> Q:
    return Q(
        pk__in=Document.co_authors.through.objects.filter(person_id=person_id).values("document_id")
    )


def _writes(user) -> Q:
    """The documents the user writes: drafts and their history are hers to read."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.is_superuser:
        return Q(pk__isnull=False)
    person = person_of(user)
    if person is None:
        return NOTHING
    own = Q(organisation_id=person.organisation_id)
    bodies = editable_bodies(user)
    editor = own if bodies is None else own & Q(owner_body_id__in=bodies)
    return editor | (own & _co_authored_by(person.pk))


def _reads_prepared(user) -> Q:
    """The documents the user reads from prepared on (beyond those she writes)."""
    person = person_of(user)
    if person is None:
        return NOTHING
    org = person.organisation_id
    if is_central_office_of(user, org):
        seen = Q(organisation_id=org)
    else:
        seen = Q(organisation_id=org, owner_body_id__in=member_bodies(user))
        seen |= Q(organisation_id=org) & _on_agenda_of_her_meetings(person.pk, served_bodies(user))
    return seen & Q(status__in=PREPARED_ON)


def _on_agenda_of_her_meetings(person_id: int, served: set[int]) -> Q:
    """The documents on the agenda of a meeting the person is invited to, or runs as the
    secretary of its body (one subquery)."""
    on_agenda = Document.agenda_items.through.objects.filter(
        Q(agendaitem__meeting__invitees__person_id=person_id)
        | Q(agendaitem__meeting__body_id__in=served)
    ).values("document_id")
    return Q(pk__in=on_agenda)


def readable(user) -> Q:
    """The read rule as a filter on documents."""
    if not getattr(user, "is_authenticated", False):
        return _public()
    return _public() | _writes(user) | _reads_prepared(user)


def documents_visible_to(user, qs: QuerySet[Document]) -> QuerySet[Document]:
    return qs.filter(readable(user))


def with_writer_flag(user, qs: QuerySet[Document]) -> QuerySet[Document]:
    """Each document annotated `may_write`: the user reads its earlier versions and history."""
    writes = _writes(user)
    if writes is NOTHING:
        return qs.annotate(may_write=Value(False, output_field=BooleanField()))
    return qs.annotate(
        may_write=Case(
            When(writes, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def register_entries_visible_to(user, qs: QuerySet[Document]) -> QuerySet[Document]:
    """The register's entries the user sees: the documents she reads, and the entries of secret
    documents that would otherwise be public (OSL 5 kap.: the register stays public; the part of
    an entry that would reveal the secret, the title, is withheld). Each is annotated
    `readable`: False for an entry whose document she may not open."""
    rule = readable(user)
    return qs.filter(rule | Q(status__in=PUBLIC_STATUSES, secret=True)).annotate(
        readable=Case(
            When(rule, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def can_view_document(user, document: Document) -> bool:
    return documents_visible_to(user, Document.objects.filter(pk=document.pk)).exists()


def can_see_history(user, document: Document) -> bool:
    """The full history (earlier texts and versions, who changed what) is for those who write
    the document, whatever its status now; its readers see its current text and status moves."""
    return Document.objects.filter(_writes(user), pk=document.pk).exists()


def may_read_earlier_versions(user, document: Document) -> bool:
    annotated = getattr(document, "may_write", None)
    return annotated if annotated is not None else can_see_history(user, document)


# --- Read, turned around: of these people, who may read the document (fan-outs) -------------


def readers_of(document: Document, people, *, on: dt.date | None = None):
    """Those of `people` (a Person queryset) who may read the document: the rule above for one
    document and many people, in one query."""
    if is_public(document):
        return people
    body = document.owner_body
    writers = (
        Q(pk__in=people_holding(FINANCE_OFFICE_POSTS, on=on))
        | Q(pk__in=people_serving(body, on=on))
        | Q(pk__in=document.co_authors.values("pk"))
    )
    if written_by_executive_office(body):
        writers |= Q(pk__in=people_holding(EXECUTIVE_OFFICE_POSTS, on=on))
    readers = writers
    if document.status in PREPARED_ON:
        readers |= (
            Q(pk__in=people_holding(EXECUTIVE_OFFICE_POSTS, on=on))
            | Q(pk__in=people_seated([body.pk], on=on))
            | _agenda_people(document, on=on)
        )
    same_organisation = Q(organisation_id=document.organisation_id) & readers
    return people.filter(Q(user__is_superuser=True) | same_organisation)


def _agenda_people(document: Document, *, on: dt.date | None) -> Q:
    """The people invited to a meeting with the document on its agenda, or serving its body
    (as `served_bodies`: the body's own secretary, or its parent body's); subqueries only."""
    from arshjul.meetings.models import Invitee, Meeting

    meetings = Meeting.objects.filter(items__documents=document)
    bodies = meetings.values("body_id")
    parents = Body.objects.filter(pk__in=bodies, parent__isnull=False).values("parent_id")
    return (
        Q(pk__in=Invitee.objects.filter(meeting__in=meetings).values("person_id"))
        | Q(pk__in=people_holding(EDITOR_POSTS, on=on, bodies=bodies))
        | Q(pk__in=people_holding(EDITOR_POSTS, on=on, bodies=parents))
    )
