"""The notifications page (/me/notifications/): what is due for me and what is new in my
bodies; marking read, opening one, and the language of one's e-mails. Signed-in users only,
each sees only her own notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from arshjul.accounts.roles import person_of
from arshjul.core.errors import DomainError

from . import selectors, services
from .choices import MailState
from .forms import LanguageForm
from .models import Notification, OutgoingMail
from .permissions import notifications_visible_to
from .permissions_outbox import may_see_outbox, outbox_visible_to


def _person_or_404(request: HttpRequest):
    person = person_of(request.user)
    if person is None:
        raise Http404
    return person


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    context = {"person": person}
    if person is not None:
        notifications = selectors.notifications_for(person=person)
        context.update(
            due=selectors.due_for(user=request.user),
            notifications=notifications,
            unread=sum(1 for n in notifications if n.read_at is None),
            language_form=LanguageForm(initial={"language": person.language}),
        )
    if may_see_outbox(request.user):
        context["outbox_failed"] = outbox_visible_to(
            request.user, OutgoingMail.objects.filter(state=MailState.FAILED)
        ).count()
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(person=_person_or_404(request))
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked as read.",
            "%(count)s notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")


@login_required
@require_GET
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go on to its report or document."""
    notification = get_object_or_404(
        notifications_visible_to(request.user, Notification.objects.all()), pk=pk
    )
    services.mark_read(notification=notification)
    return redirect(notification.target_url())


@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    person = _person_or_404(request)
    form = LanguageForm(request.POST)
    if form.is_valid():
        try:
            services.set_language(
                person=person, language=form.cleaned_data["language"], by=request.user
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your e-mails will be written in the language chosen."))
    else:
        messages.error(request, _("Choose Swedish or English."))
    return redirect("notifications:list")
