"""The JSON API under /api/v1/ with its OpenAPI schema at /api/v1/openapi.json.

Every error has one shape, {"code", "message", "field"}: refused changes (DomainError), input
that does not validate (422) and what does not exist or may not be seen (404).
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from arshjul.core.errors import DomainError
from arshjul.process.api import router as process_router

api = NinjaAPI(
    title="Årshjul API",
    version="1",
    description=(
        "Read the planning and budget process: cycles and their dated steps. "
        "Dates are ISO 8601. Sign in to the web app to see internal steps; anonymous "
        "callers see published public steps only."
    ),
    urls_namespace="api-v1",
    # Swagger UI (served from django-ninja's own static files) sets inline styles.
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"]}),
)
api.add_router("/", process_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(
        request, {"code": "not_found", "message": str(_("Not found.")), "field": None}, status=404
    )


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError):
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    return api.create_response(
        request,
        {
            "code": "invalid",
            "message": first.get("msg", str(_("The request is not valid."))),
            "field": ".".join(location) or None,
        },
        status=422,
    )


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    return api.create_response(
        request,
        {
            "code": exc.domain_code,
            "message": " ".join(exc.messages),
            "field": getattr(exc, "field", None),
        },
        status=403 if exc.domain_code == "forbidden" else 400,
    )
