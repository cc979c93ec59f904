"""Sign-in, sign-out and the personal calendar link. Only the signed-in user changes her link.

Sign-in is throttled by django-axes (accounts.throttle), here and in the admin alike.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .services import renew_feed_token


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_POST
def renew_feed(request: HttpRequest) -> HttpResponse:
    renew_feed_token(user=request.user)
    messages.success(request, _("Your calendar link was renewed. The old link no longer works."))
    return redirect("process:mine")
