"""The product's URLs plus `bench/bare`: the ceiling of this stack (Django, its middleware,
gunicorn) for a view that does no work. Never part of the product's URLconf."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare", bare, name="bench-bare"),
    path("", include("arshjul.urls")),
]
