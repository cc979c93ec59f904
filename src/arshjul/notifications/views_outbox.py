"""The outbox's failure list (/me/notifications/outbox/): the finance office's view of its
organisation's e-mail that failed or waits for a retry, with "send again". Anyone else gets a
404; the public is sent to sign in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arshjul.core.errors import DomainError

from . import outbox
from .choices import MailState
from .models import OutgoingMail
from .permissions_outbox import may_see_outbox, outbox_visible_to

SHOWN = 200


def _outbox_or_404(request: HttpRequest):
    if not may_see_outbox(request.user):
        raise Http404
    return outbox_visible_to(request.user, OutgoingMail.objects.all())


@login_required
@require_GET
def failures(request: HttpRequest) -> HttpResponse:
    qs = _outbox_or_404(request)
    troubled = (
        qs.filter(Q(state=MailState.FAILED) | Q(state=MailState.QUEUED, attempts__gt=0))
        .select_related("recipient")
        .order_by("-created_at", "-pk")[:SHOWN]
    )
    counts = {state: 0 for state in MailState.values}
    for state, count in _counts(qs):
        counts[state] = count
    return render(
        request,
        "notifications/outbox.html",
        {"mails": list(troubled), "counts": counts, "states": MailState},
    )


def _counts(qs):
    return qs.values_list("state").annotate(n=Count("pk")).order_by()


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_object_or_404(_outbox_or_404(request), pk=pk)
    try:
        outbox.retry(mail=mail, by=request.user)
    except DomainError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The e-mail to %(to)s is queued again.") % {"to": mail.to},
        )
    return redirect("notifications:outbox")
