"""Who may read and change documents in the register (used by views, API and exports alike).

Read: a published document, anyone; otherwise the finance office and the chief executive's
office of its organisation, the secretary and the head of administration of its owner body, the
members of that body, and the invitees and the secretary of a meeting that has it on its
agenda (meetings: they read the input documents).
Change: the finance office of its organisation, the owner body's secretary and head of
administration, and the chief executive's office for the executive board and its working
committee. A draft is never public.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from arshjul.accounts.roles import (
    EDITOR_POSTS,
    bodies_served,
    is_executive_office,
    is_finance_office,
    member_bodies,
    organisation_id_of,
    person_of,
    serving_or_seated_bodies,
)
from arshjul.organisation.choices import BodyKind
from arshjul.organisation.models import Body

from .choices import DocumentStatus
from .models import Document


def editable_bodies(user) -> set[int] | None:
    """Body ids whose documents the user may change; None means every body of her organisation."""
    if is_finance_office(user):
        return None
    bodies = bodies_served(user, kinds=EDITOR_POSTS)
    if is_executive_office(user):
        # The chief executive and her staff write for the executive board and its committee.
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


def documents_visible_to(user, qs: QuerySet[Document]) -> QuerySet[Document]:
    published = Q(status=DocumentStatus.PUBLISHED)
    if not getattr(user, "is_authenticated", False):
        return qs.filter(published)
    if user.is_superuser:
        return qs
    org = organisation_id_of(user)
    if org is None:
        return qs.filter(published)
    if is_finance_office(user) or is_executive_office(user):
        return qs.filter(published | Q(organisation_id=org))
    served = bodies_served(user, kinds=EDITOR_POSTS)
    bodies = served | member_bodies(user)
    return qs.filter(
        published
        | Q(organisation_id=org, owner_body_id__in=bodies)
        | _on_agenda_of_her_meetings(user, served)
    )


def _on_agenda_of_her_meetings(user, served: set[int]) -> Q:
    """The input documents on the agenda of a meeting the user is invited to, or runs as the
    secretary of its body (one subquery)."""
    person = person_of(user)
    if person is None:
        return Q(pk__in=[])
    on_agenda = Document.agenda_items.through.objects.filter(
        Q(agendaitem__meeting__invitees__person_id=person.pk)
        | Q(agendaitem__meeting__body_id__in=served)
    ).values("document_id")
    return Q(pk__in=on_agenda)


def can_view_document(user, document: Document) -> bool:
    return documents_visible_to(user, Document.objects.filter(pk=document.pk)).exists()


def can_see_history(user, document: Document) -> bool:
    """The full history (earlier texts, who changed what) is for those who may read the document
    while it is a draft, whatever its status now; the public sees its status moves only."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if organisation_id_of(user) != document.organisation_id:
        return False
    if is_finance_office(user):
        return True
    bodies = serving_or_seated_bodies(user)
    return document.owner_body_id in bodies
