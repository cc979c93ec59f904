"""The document register's JSON API: list and read documents, register one, move its status.

Read: anyone, under documents.permissions (the same rule as the pages): a draft for those who
write it, from prepared on also the body's members and the central offices, the public what is
decided, sent or published and not secret (a secret one's register entry is listed with its
title withheld); a document the caller may not see is a 404, an earlier version or the history
only for those who write it.
Change (POST): signed-in callers only, by the web app's session with its CSRF token (the
csrftoken cookie's value in the X-CSRFToken header): the finance office of the document's
organisation and the owner body's secretary and head of administration. Anyone else who may see
the document gets a 403. Every refusal has the API's one error shape {code, message, field}.
"""

import datetime as dt

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from arshjul.accounts.roles import organisation_id_of
from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body, Person
from arshjul.process.models import Cycle

from . import selectors, services
from .filters import DocumentFilter
from .models import Document, DocumentType

router = Router(tags=["documents"])


class DocumentVersionOut(Schema):
    number: int
    file_name: str = Field(..., alias="original_name")
    kind: str
    size: int
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj) -> str:
        return reverse("documents:download", kwargs={"pk": obj.document_id, "number": obj.number})


class DocumentOut(Schema):
    id: int
    case_number: str
    title: str
    type: str
    type_name: str
    organisation: str
    owner_body: str
    owner_body_name: str
    status: str
    status_label: str
    decision_reference: str | None
    decision_date: dt.date | None
    decision_paragraph: str
    secret: bool = Field(..., description="Covered by secrecy: never public, whatever its status.")
    secrecy_paragraph: str = Field(..., description="The OSL paragraph, e.g. OSL 19 kap. 1 §.")
    readable: bool = Field(
        ...,
        description="False: a secret document's register entry; its title is withheld and it "
        "has no page, versions or files for the caller.",
    )
    version: int = Field(
        ..., description="Send it back with a change: a change made meanwhile is refused."
    )
    created: dt.datetime
    url: str
    versions: list[DocumentVersionOut] = Field(
        ..., description="Every version for those who write it; the latest for its readers."
    )

    @staticmethod
    def resolve_readable(obj: Document) -> bool:
        return getattr(obj, "readable", True)

    @staticmethod
    def resolve_title(obj: Document) -> str:
        if getattr(obj, "readable", True):
            return obj.title
        return gettext("Withheld: secret under %(paragraph)s") % {
            "paragraph": obj.secrecy_paragraph
        }

    @staticmethod
    def resolve_type(obj: Document) -> str:
        return obj.document_type.code

    @staticmethod
    def resolve_type_name(obj: Document) -> str:
        return obj.document_type.name

    @staticmethod
    def resolve_organisation(obj: Document) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_owner_body(obj: Document) -> str:
        return obj.owner_body.slug

    @staticmethod
    def resolve_owner_body_name(obj: Document) -> str:
        return obj.owner_body.name

    @staticmethod
    def resolve_status_label(obj: Document) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_decision_reference(obj: Document) -> str | None:
        return selectors.decision_reference(obj) or None

    @staticmethod
    def resolve_url(obj: Document) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_versions(obj: Document) -> list:
        if not getattr(obj, "readable", True):
            return []
        return selectors.versions_shown(obj)


class TransitionOut(Schema):
    from_status: str
    to_status: str
    by: str | None
    at: dt.datetime

    @staticmethod
    def resolve_by(obj) -> str | None:
        if obj.by is None:
            return None
        return obj.by.get_full_name() or obj.by.get_username()


class DocumentDetailOut(DocumentOut):
    transitions: list[TransitionOut]
    co_authors: list[str] = Field(
        ..., description="The co-authors' names; only for those who write the document."
    )

    @staticmethod
    def resolve_co_authors(obj: Document) -> list[str]:
        if not getattr(obj, "may_write", False):
            return []
        return [str(p) for p in obj.co_authors.all()]

    @staticmethod
    def resolve_transitions(obj: Document) -> list:
        return list(obj.transitions.all())


class DocumentQuery(Schema):
    type: str | None = Field(None, description="A document type's code, e.g. aterkopplingsrapport.")
    body: str | None = Field(None, description="The owner body's short name in links, e.g. hsn.")
    status: str | None = None
    year: int | None = Field(None, description="The case number's year.")


class RegisterIn(Schema):
    owner_body: str = Field(..., description="The owner body's short name in links, e.g. hsn.")
    type: str = Field(..., description="A document type's code, e.g. aterkopplingsrapport.")
    title: str
    cycle: str | None = Field(None, description="The cycle's short name in links, if any.")


class AccessIn(Schema):
    secret: bool
    secrecy_paragraph: str = Field("", description="Required when secret, e.g. OSL 19 kap. 1 §.")
    co_authors: list[str] = Field(
        default_factory=list, description="The user names of the people who write it with you."
    )
    version: int = Field(..., description="The document's version as last read.")


class StatusIn(Schema):
    to: str
    version: int = Field(..., description="The document's version as last read.")
    decision_date: dt.date | None = None
    decision_paragraph: str = ""


def _filtered(request: HttpRequest, filters: DocumentQuery):
    qs = selectors.register_for(user=request.user)
    params = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    document_filter = DocumentFilter(params, queryset=qs)
    if not document_filter.is_valid():
        field, errors = next(iter(document_filter.errors.items()))
        raise DomainError(
            _("The filter “%(field)s” is not valid: %(error)s"),
            code="invalid_filter",
            params={"field": field, "error": " ".join(errors)},
            field=field,
        )
    return document_filter.qs


@router.get(
    "/documents",
    response=list[DocumentOut],
    summary="List documents in the register",
    description=(
        "Newest first, those the caller may see. Filter by type (its code), body (the owner "
        "body's short name in links), status and year."
    ),
)
@paginate(LimitOffsetPagination)
def list_documents(request: HttpRequest, filters: Query[DocumentQuery]):
    return _filtered(request, filters)


def _detail_or_404(request: HttpRequest, pk: int) -> Document:
    document = selectors.document_detail(pk=pk, user=request.user)
    if document is None:
        raise Http404
    return document


@router.get("/documents/{pk}", response=DocumentDetailOut, summary="One document")
def get_document(request: HttpRequest, pk: int):
    return _detail_or_404(request, pk)


def _caller_body(request: HttpRequest, slug: str) -> Body:
    """A body of the caller's organisation by its slug (any organisation's for a superuser with
    no organisation, if the slug is unambiguous)."""
    organisation_id = organisation_id_of(request.user)
    bodies = Body.objects.filter(slug=slug)
    if organisation_id is not None:
        bodies = bodies.filter(organisation_id=organisation_id)
    found = list(bodies.select_related("organisation")[:2])
    if len(found) != 1:
        raise DomainError(
            _("There is no body “%(slug)s” in your organisation."),
            code="unknown_body",
            params={"slug": slug},
            field="owner_body",
        )
    return found[0]


@router.post(
    "/documents",
    response={201: DocumentDetailOut},
    auth=django_auth,
    summary="Register a document",
    description="Registers a draft with the next case number of its owner body and year.",
)
def register_document(request: HttpRequest, payload: RegisterIn):
    body = _caller_body(request, payload.owner_body)
    document_type = DocumentType.objects.filter(code=payload.type).first()
    if document_type is None:
        raise DomainError(
            _("There is no document type “%(code)s”."),
            code="unknown_type",
            params={"code": payload.type},
            field="type",
        )
    cycle = None
    if payload.cycle:
        cycle = Cycle.objects.filter(
            slug=payload.cycle, organisation_id=body.organisation_id
        ).first()
        if cycle is None:
            raise DomainError(
                _("There is no cycle “%(slug)s” in the body's organisation."),
                code="unknown_cycle",
                params={"slug": payload.cycle},
                field="cycle",
            )
    document = services.register_document(
        owner_body=body,
        document_type=document_type,
        title=payload.title,
        cycle=cycle,
        by=request.user,
    )
    return Status(201, _detail_or_404(request, document.pk))


@router.post(
    "/documents/{pk}/status",
    response=DocumentDetailOut,
    auth=django_auth,
    summary="Move a document's status",
    description=(
        "Allowed moves: draft → prepared → treated → decided → sent → published (decided may "
        "also go straight to published; prepared and treated may go back to draft). Deciding "
        "needs decision_date and decision_paragraph (e.g. “§ 86”)."
    ),
)
def change_status(request: HttpRequest, pk: int, payload: StatusIn):
    document = _detail_or_404(request, pk)
    services.change_status(
        document=document,
        to=payload.to,
        by=request.user,
        version=payload.version,
        decision_date=payload.decision_date,
        decision_paragraph=payload.decision_paragraph,
    )
    return _detail_or_404(request, pk)


@router.put(
    "/documents/{pk}/access",
    response=DocumentDetailOut,
    auth=django_auth,
    summary="Mark a document secret or not, and name its co-authors",
    description=(
        "Secret needs its paragraph of the secrecy law (OSL); a document not secret has none. "
        "Co-authors are people of the document's organisation, by user name."
    ),
)
def set_access(request: HttpRequest, pk: int, payload: AccessIn):
    document = _detail_or_404(request, pk)
    names = set(payload.co_authors)
    people = list(
        Person.objects.select_related("user").filter(
            organisation_id=document.organisation_id, user__username__in=names
        )
    )
    unknown = names - {p.user.username for p in people}
    if unknown:
        raise DomainError(
            _("There is no person “%(name)s” in the document's organisation."),
            code="unknown_person",
            params={"name": sorted(unknown)[0]},
            field="co_authors",
        )
    services.set_access(
        document=document,
        secret=payload.secret,
        secrecy_paragraph=payload.secrecy_paragraph,
        co_authors=people,
        by=request.user,
        version=payload.version,
    )
    return _detail_or_404(request, pk)
