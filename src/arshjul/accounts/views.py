"""Sign-in, sign-out and the personal calendar link. Only the signed-in user changes her link.

Sign-in is throttled: after LOGIN_ATTEMPTS failed attempts for one user name, or from one
address, within LOGIN_LOCKOUT_SECONDS, further attempts are refused until the time has passed.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .services import renew_feed_token


def _keys(request: HttpRequest) -> list[str]:
    name = (request.POST.get("username") or "").strip().lower()
    address = request.META.get("REMOTE_ADDR", "")
    return [
        "arshjul:login:" + hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()
        for kind, value in (("user", name), ("address", address))
        if value
    ]


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if any((cache.get(key) or 0) >= settings.LOGIN_ATTEMPTS for key in _keys(request)):
            form = self.get_form()
            form._errors = ErrorDict()  # refuse without checking the password at all
            form.cleaned_data = {}
            form.add_error(
                None,
                _("Too many failed attempts. Wait %(minutes)s minutes and try again.")
                % {"minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        for key in _keys(self.request):
            cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        for key in _keys(self.request)[:1]:  # the user name's count; the address keeps its own
            cache.delete(key)
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_POST
def renew_feed(request: HttpRequest) -> HttpResponse:
    renew_feed_token(user=request.user)
    messages.success(request, _("Your calendar link was renewed. The old link no longer works."))
    return redirect("process:mine")
