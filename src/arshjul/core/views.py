"""Views every installation has: the health check, the language switch, and the answer to a
request too large for the server (413 in the user's language instead of Django's bare 400)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Anyone may read: 200 when the app and its database answer, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@never_cache
@require_GET
def choose_language(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Anyone: remember the chosen language in a cookie and go back to the page she was on."""
    if code not in {c for c, _ in settings.LANGUAGES}:
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400. A request over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 with a page that
    explains the limit, in the site's layout; its script marks the form's text to be put back
    when she goes back to the form (static/js/forms.js). Other bad requests: Django's."""
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    if request.path.startswith("/api/"):
        message = _("The request is larger than the server accepts (%(size)s MB).") % {
            "size": f"{megabytes:.1f}"
        }
        return JsonResponse({"code": "too_large", "message": message, "field": None}, status=413)
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    referer = request.META.get("HTTP_REFERER", "")
    back = (
        referer
        if url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure())
        else request.path
    )
    return render(request, "413.html", {"megabytes": megabytes, "back": back}, status=413)
