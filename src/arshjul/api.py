"""The JSON API under /api/v1/ with its OpenAPI schema at /api/v1/openapi.json.

Every error has one shape, {"code", "message", "field"}: refused changes (DomainError; a stale
version is a 409), input that does not validate (422), what does not exist or may not be seen
(404), and a change sent without a session (401) or without its CSRF token (403).
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from arshjul.core.api_schema import declare_errors
from arshjul.core.errors import DomainError
from arshjul.documents.api import router as documents_router
from arshjul.feedback.api import router as feedback_router
from arshjul.finance.api import router as finance_router
from arshjul.meetings.api_agenda import router as meetings_agenda_router
from arshjul.meetings.api_attendance import router as meetings_attendance_router
from arshjul.meetings.api_meetings import router as meetings_router
from arshjul.process.api import router as process_router


class ArshjulAPI(NinjaAPI):
    """The schema lists each operation's errors as well as its answer (core.api_schema)."""

    def get_openapi_schema(self, **kwargs):
        return declare_errors(super().get_openapi_schema(**kwargs))


api = ArshjulAPI(
    title="Årshjul API",
    version="1",
    description=(
        "Read the planning and budget process: cycles and their dated steps, the document "
        "register and the committees' feedback reports. Dates are ISO 8601. Sign in to the web "
        "app to see internal steps, unpublished documents and draft reports; anonymous callers "
        "see published ones only. Changes (POST, PUT) take the web app's session and its CSRF "
        "token in the X-CSRFToken header."
    ),
    urls_namespace="api-v1",
    # Swagger UI (served from django-ninja's own static files) sets inline styles.
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"]}),
)
api.add_router("/", process_router)
api.add_router("/", documents_router)
api.add_router("/", feedback_router)
api.add_router("/", meetings_agenda_router)
api.add_router("/", meetings_router)
api.add_router("/", meetings_attendance_router)
api.add_router("/", finance_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(
        request, {"code": "not_found", "message": str(_("Not found.")), "field": None}, status=404
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    """Sign-in and CSRF refusals of the session auth (django_auth) in the one shape."""
    if isinstance(exc, AuthenticationError):
        code, message = "unauthenticated", _("Sign in to do this.")
    elif exc.status_code == 403 and "CSRF" in exc.message:
        code = "csrf_failed"
        message = _("Send the csrftoken cookie's value in the X-CSRFToken header.")
    else:
        code, message = "error", exc.message
    return api.create_response(
        request, {"code": code, "message": str(message), "field": None}, status=exc.status_code
    )


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError):
    first = exc.errors[0] if exc.errors else {}
    loc = list(first.get("loc", ()))
    if loc[:1] == ["body"] and len(loc) > 2:
        loc = loc[2:]  # ("body", the handler's parameter name, field …): the field is what counts
    location = [str(part) for part in loc if part not in ("query", "path", "body")]
    return api.create_response(
        request,
        {
            "code": "invalid",
            "message": first.get("msg", str(_("The request is not valid."))),
            "field": ".".join(location) or None,
        },
        status=422,
    )


# A refused change is a 400, except: not allowed (403), and a change made meanwhile by someone
# else (409: read again, then retry).
DOMAIN_STATUS = {"forbidden": 403, "stale": 409}


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    return api.create_response(
        request,
        {
            "code": exc.domain_code,
            "message": " ".join(exc.messages),
            "field": getattr(exc, "field", None),
        },
        status=DOMAIN_STATUS.get(exc.domain_code, 400),
    )
