"""Pages of the document register. Thin: parse, call one selector or service, render.

Read (documents.permissions): a draft, those who write it; from prepared on also the body's
members and the central offices; decided, sent or published and not secret, anyone. A document
the user may not see is a 404, its files too; earlier versions and the history only for those
who write it.
Change (register, upload a version, move the status, secrecy and co-authors): the finance
office of its organisation and the owner body's secretary and head of administration (the
chief executive's office for the board); others who may see it get a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from arshjul.core.errors import DomainError
from arshjul.core.history import history_of

from . import selectors, services
from .choices import TRANSITION_LABELS, TRANSITIONS, DocumentStatus, FileKind
from .filters import DocumentFilter
from .forms import AccessForm, RegisterDocumentForm, StatusForm, UploadVersionForm
from .models import Document
from .permissions import can_edit_document, can_see_history

PER_PAGE = 50

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _add_errors(form, exc: DomainError) -> None:
    field = getattr(exc, "field", None)
    for message in exc.messages:
        form.add_error(field if field in form.fields else None, message)


def _all_errors(form) -> list[str]:
    """Every error of a form that has no place on the page to show them, less those of its
    hidden fields (already said as "the form was out of date")."""
    return [
        str(message)
        for name, errors in form.errors.items()
        if name not in form.fields or not form[name].is_hidden
        for message in errors
    ]


def _document_or_404(request: HttpRequest, pk: int) -> Document:
    document = selectors.document_detail(pk=pk, user=request.user)
    if document is None:
        raise Http404(_("No such document, or you may not see it."))
    return document


@require_GET
@vary_on_headers("HX-Request")
def register(request: HttpRequest) -> HttpResponse:
    """Anyone: the documents she may see, filtered by type, owner body, status and year."""
    document_filter = DocumentFilter(
        request.GET or None, queryset=selectors.register_for(user=request.user)
    )
    valid = not document_filter.is_bound or document_filter.is_valid()
    page = Paginator(document_filter.qs if valid else Document.objects.none(), PER_PAGE).get_page(
        request.GET.get("page")
    )
    documents = list(page.object_list)
    for document in documents:
        document.decision_reference = selectors.decision_reference(document)
    context = {"filter": document_filter, "page": page, "documents": documents}
    if request.htmx:
        return render(request, "documents/partials/register_table.html", context)
    context["may_register"] = selectors.bodies_for_registering(user=request.user).exists()
    return render(request, "documents/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest) -> HttpResponse:
    """Those who may register documents for at least one body: register a new one as a draft."""
    bodies = selectors.bodies_for_registering(user=request.user)
    if not bodies.exists():
        raise PermissionDenied
    form = RegisterDocumentForm(
        request.POST or None,
        bodies=bodies,
        cycles=selectors.cycles_for_registering(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.register_document(
                owner_body=data["owner_body"],
                document_type=data["document_type"],
                title=data["title"],
                cycle=data["cycle"],
                by=request.user,
            )
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The document was registered with case number %(case_number)s.")
                % {"case_number": document.case_number},
            )
            return redirect(document)
    return render(
        request,
        "documents/document_new.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _detail_context(
    request: HttpRequest,
    document: Document,
    *,
    upload_form: UploadVersionForm | None = None,
    status_form: StatusForm | None = None,
    access_form: AccessForm | None = None,
) -> dict:
    document.decision_reference = selectors.decision_reference(document)
    can_edit = can_edit_document(request.user, document)
    context: dict = {
        "document": document,
        "can_edit": can_edit,
        "versions": selectors.versions_shown(document),
    }
    if can_see_history(request.user, document):
        context["history"] = history_of(document)
    if not can_edit:
        return context
    context["access_form"] = access_form or AccessForm(
        initial={
            "version": document.version,
            "secret": document.secret,
            "secrecy_paragraph": document.secrecy_paragraph,
            "co_authors": [p.pk for p in document.co_authors.all()],
        },
        organisation_id=document.organisation_id,
        auto_id="access_%s",
    )
    allowed = TRANSITIONS.get(document.status, ())
    if document.status in services.OPEN_FOR_FILES:
        context["upload_form"] = upload_form or UploadVersionForm(
            initial={"version": document.version}, auto_id="upload_%s"
        )
    elif upload_form is not None:  # frozen meanwhile: no form to show the refusal on
        context["upload_errors"] = _all_errors(upload_form)
    status_errors: list[str] = []
    decide_form = None
    if status_form is not None:
        if (
            status_form["to"].value() == DocumentStatus.DECIDED
            and DocumentStatus.DECIDED in allowed
        ):
            decide_form = status_form
        else:
            status_errors = _all_errors(status_form)
    moves = []
    for to in allowed:
        form = None
        if to == DocumentStatus.DECIDED:
            form = decide_form or StatusForm(
                initial={"to": to, "version": document.version}, auto_id="decide_%s"
            )
        moves.append({"to": to, "label": TRANSITION_LABELS[to], "form": form})
    context.update(moves=moves, status_errors=status_errors)
    return context


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Who may see the document: its case number, status history, decision and versions; for
    those who may read it as a draft its full history; for editors also the upload form and the
    status buttons allowed from here."""
    document = _document_or_404(request, pk)
    return render(request, "documents/document_detail.html", _detail_context(request, document))


def _editable_or_403(request: HttpRequest, pk: int) -> Document:
    document = _document_or_404(request, pk)
    if not can_edit_document(request.user, document):
        raise PermissionDenied
    return document


@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors: add a version (the file's type is judged by its content, not its name)."""
    document = _editable_or_403(request, pk)
    form = UploadVersionForm(request.POST, request.FILES, auto_id="upload_%s")
    if form.is_valid():
        try:
            version = services.add_version(
                document=document,
                upload=form.cleaned_data["file"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Version %(number)s (%(name)s) was uploaded.")
                % {"number": version.number, "name": version.original_name},
            )
            return redirect(document)
    elif "version" in form.errors:
        form.add_error(None, _("The form was out of date. Reload the page and try again."))
    document = _document_or_404(request, pk)
    return render(
        request,
        "documents/document_detail.html",
        _detail_context(request, document, upload_form=form),
        status=400,
    )


@require_POST
def document_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors: move the document to a status allowed from its current one. The form carries
    the version the user saw: a change made meanwhile by someone else is refused."""
    document = _editable_or_403(request, pk)
    form = StatusForm(request.POST, auto_id="decide_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = services.change_status(
                document=document,
                to=data["to"],
                by=request.user,
                version=data["version"],
                decision_date=data["decision_date"],
                decision_paragraph=data["decision_paragraph"],
            )
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The document is now “%(status)s”.")
                % {"status": DocumentStatus(document.status).label},
            )
            return redirect(document)
    elif "version" in form.errors or "to" in form.errors:
        form.add_error(None, _("The form was out of date. Reload the page and try again."))
    document = _document_or_404(request, pk)
    return render(
        request,
        "documents/document_detail.html",
        _detail_context(request, document, status_form=form),
        status=400,
    )


@require_POST
def document_access(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors: mark the document secret under its OSL paragraph (or not) and name its
    co-authors. The form carries the version the user saw."""
    document = _editable_or_403(request, pk)
    form = AccessForm(request.POST, organisation_id=document.organisation_id, auto_id="access_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_access(
                document=document,
                secret=data["secret"],
                secrecy_paragraph=data["secrecy_paragraph"],
                co_authors=data["co_authors"],
                by=request.user,
                version=data["version"],
            )
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Who reads the document was saved."))
            return redirect(document)
    elif "version" in form.errors:
        form.add_error(None, _("The form was out of date. Reload the page and try again."))
    document = _document_or_404(request, pk)
    return render(
        request,
        "documents/document_detail.html",
        _detail_context(request, document, access_form=form),
        status=400,
    )


@require_GET
def download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """Who may see the document: one version's file, as an attachment of its own type."""
    version = selectors.version_for_download(pk=pk, number=number, user=request.user)
    if version is None:
        raise Http404(_("No such file, or you may not see it."))
    try:
        stream = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing from the archive.")) from exc
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=version.original_name,
        content_type=CONTENT_TYPES[FileKind(version.kind)],
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not version.document.is_public:
        patch_cache_control(response, private=True, no_store=True)
    return response
