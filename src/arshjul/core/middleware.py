"""Swedish unless the user chose otherwise: the language comes from the user's choice (the
language cookie set by the switch in the header), never from the browser's Accept-Language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class SignInMiddleware:
    """A page that needs a signed-in user sends an anonymous visitor to sign in (and back),
    instead of answering 403. The API keeps its 401/403 answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied

        if (
            isinstance(exception, PermissionDenied)
            and request.method == "GET"
            and not request.path.startswith("/api/")
            and not getattr(request.user, "is_authenticated", False)
        ):
            return redirect_to_login(request.get_full_path())
        return None
