"""The JSON API under /api/v1/ with its OpenAPI schema at /api/v1/openapi.json.

One exception handler maps the domain error to one error shape: {"code", "message", "field"}.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import HttpRequest
from ninja import NinjaAPI

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
