"""Meeting pages: the list of meetings, a meeting's page (six parts, invitees, attendance,
agenda, decisions, minutes, tasks, history), making one from a meeting step or stand-alone,
and the secretary's changes (invitees, the majority's representatives, move, cancel, status).

Read: see permissions (runners, invitees, the body's members; the public only a published
public step's meeting without its invitees). Change: the secretary of the meeting's body and
the finance office (403 for others who may read; 404 for those who may not).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arshjul.accounts.roles import bodies_served, is_finance_office, organisation_id_of
from arshjul.core.errors import DomainError
from arshjul.core.history import history_of
from arshjul.documents.models import Document
from arshjul.documents.permissions import EDITOR_POSTS, documents_visible_to
from arshjul.organisation.models import Body, Person
from arshjul.process.models import Step
from arshjul.process.permissions import steps_visible_to

from . import selectors, services
from .choices import BEFORE_HELD, TRANSITIONS, MeetingStatus
from .forms import AddInviteeForm, CancelForm, NewMeetingForm, VersionForm, WhenForm
from .models import AgendaItem, Invitee, Meeting
from .permissions import (
    can_read_meeting,
    can_run_meeting,
    can_see_attendance,
    is_public,
    meetings_listed_for,
)
from .views_agenda import agenda_context
from .views_attendance import attendance_context


def _meeting_or_404(request: HttpRequest, pk: int) -> tuple[Meeting, bool]:
    """The meeting and whether the user reads it in full; 404 when she may see nothing."""
    meeting = (
        Meeting.objects.select_related("body", "organisation", "step__cycle", "minutes")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404(_("No such meeting, or you may not see it."))
    full = can_read_meeting(request.user, meeting)
    if not full and not is_public(meeting):
        raise Http404(_("No such meeting, or you may not see it."))
    return meeting, full


def _context(request: HttpRequest, meeting: Meeting, full: bool, **forms) -> dict:
    can_run = can_run_meeting(request.user, meeting)
    invitees = []
    if full or can_see_attendance(request.user, meeting):
        invitees = list(
            meeting.invitees.select_related("person").order_by("source", "person__last_name")
        )
    items = (
        list(
            AgendaItem.objects.filter(meeting=meeting)
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=documents_visible_to(request.user, Document.objects.all()).order_by(
                        "case_number"
                    ),
                )
            )
            .order_by("order")
        )
        if full
        else []
    )
    minutes_visible = bool(
        meeting.minutes
        and documents_visible_to(
            request.user, Document.objects.filter(pk=meeting.minutes_id)
        ).exists()
    )
    context = {
        "meeting": meeting,
        "full": full,
        "can_run": can_run,
        "can_pick": full
        and meeting.step is not None
        and meeting.step.chair_picks_majority
        and meeting.status in BEFORE_HELD
        and services.may_pick_majority(request.user, meeting),
        "invitees": invitees,
        "show_attendance": can_see_attendance(request.user, meeting),
        "items": items,
        "minutes_visible": minutes_visible,
        "go_ahead": selectors.go_ahead_for(meeting.step, user=request.user)
        if meeting.step_id
        else None,
        "next_statuses": [MeetingStatus(s) for s in TRANSITIONS[meeting.status]],
        "before_held": meeting.status in BEFORE_HELD,
        "history": history_of(meeting) if can_run else None,
    }
    if can_run and meeting.status in BEFORE_HELD:
        local_start, local_end = timezone.localtime(meeting.start), timezone.localtime(meeting.end)
        context["when_form"] = forms.get("when_form") or WhenForm(
            initial={
                "version": meeting.version,
                "day": local_start.date(),
                "start_time": local_start.time().replace(second=0, microsecond=0),
                "end_time": local_end.time().replace(second=0, microsecond=0),
                "location": meeting.location,
            },
            auto_id="when_%s",
        )
        context["add_form"] = forms.get("add_form") or AddInviteeForm(
            initial={"version": meeting.version},
            organisation_id=meeting.organisation_id,
            auto_id="add_%s",
        )
        context["cancel_form"] = forms.get("cancel_form") or CancelForm(
            initial={"version": meeting.version}, auto_id="cancel_%s"
        )
    context |= agenda_context(request, meeting, context)
    if context["can_pick"]:
        chosen = {i.person_id for i in invitees if i.source == "majority"}
        context["majority"] = [
            (seat, seat.person_id in chosen) for seat in selectors.majority_candidates(meeting)
        ]
    context |= attendance_context(request, meeting, full)
    return context


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, full = _meeting_or_404(request, pk)
    return render(request, "meetings/detail.html", _context(request, meeting, full))


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """The meetings the user may open (as the API's list): those she reads in full and the
    public steps' meetings; coming ones first, then the latest held."""
    qs = meetings_listed_for(request.user, Meeting.objects.select_related("body", "step__cycle"))
    now = timezone.now()
    coming = list(qs.filter(end__gte=now).order_by("start")[:100])
    past = list(qs.filter(end__lt=now).order_by("-start")[:50])
    return render(
        request,
        "meetings/list.html",
        {
            "coming": coming,
            "past": past,
            "can_create": bool(_runnable_bodies(request.user).exists()),
        },
    )


def _runnable_bodies(user):
    org = organisation_id_of(user)
    if org is None:
        return Body.objects.none()
    qs = Body.objects.filter(organisation_id=org).order_by("name")
    if getattr(user, "is_superuser", False) or is_finance_office(user):
        return qs
    return qs.filter(pk__in=bodies_served(user, kinds=EDITOR_POSTS))


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """A stand-alone meeting of a body the user runs meetings for."""
    bodies = _runnable_bodies(request.user)
    if not bodies.exists():
        raise PermissionDenied
    form = NewMeetingForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                body=form.cleaned_data["body"],
                title=form.cleaned_data["title"],
                start=form.start(),
                end=form.end(),
                location=form.cleaned_data["location"],
                purpose=form.cleaned_data["purpose"],
                by=request.user,
            )
        except DomainError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The meeting was created."))
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/new.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def from_step(request: HttpRequest, step_pk: int) -> HttpResponse:
    """Make the meeting of a cycle's meeting step (its secretary or the finance office)."""
    step = get_object_or_404(
        steps_visible_to(request.user, Step.objects.select_related("cycle")), pk=step_pk
    )
    existing = Meeting.objects.filter(step=step).first()
    if existing is not None:
        return redirect(existing.get_absolute_url())
    try:
        meeting = services.create_for_step(step=step, by=request.user)
    except DomainError as exc:
        if exc.domain_code == "forbidden":
            raise PermissionDenied from exc
        for message in exc.messages:
            messages.error(request, message)
        return redirect(step.get_absolute_url())
    messages.success(request, _("The meeting was created with its invitees as of its day."))
    return redirect(meeting.get_absolute_url())


def _runner_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting the user runs: the anonymous is refused before anything is looked up (as
    the API answers her 401; core.middleware sends her to sign in on a GET), a non-reader 404,
    a reader who does not run it 403."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    meeting, full = _meeting_or_404(request, pk)
    if not full or not can_run_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def _version(request: HttpRequest) -> int | None:
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise DomainError(
            _("The form was out of date. Reload the page and try again."), code="stale"
        )
    return form.cleaned_data["version"]


def _refused(request: HttpRequest, exc: DomainError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _runner_meeting(request, pk)
    try:
        services.change_status(
            meeting=meeting,
            to=request.POST.get("to", ""),
            by=request.user,
            version=_version(request),
        )
    except DomainError as exc:
        _refused(request, exc)
    else:
        if request.POST.get("to") == MeetingStatus.INVITED:
            # They go out from the outbox (send_mail_outbox), not from this request.
            messages.success(
                request,
                _(
                    "The meeting's status was changed. The invitations are queued and are "
                    "e-mailed within a few minutes."
                ),
            )
        else:
            messages.success(request, _("The meeting's status was changed."))
    return redirect(meeting.get_absolute_url())


@require_POST
def when(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _runner_meeting(request, pk)
    form = WhenForm(request.POST, auto_id="when_%s")
    if form.is_valid():
        try:
            services.move(
                meeting=meeting,
                start=form.start(),
                end=form.end(),
                location=form.cleaned_data["location"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The meeting's time and place were saved."))
            return redirect(meeting.get_absolute_url())
    meeting.refresh_from_db()
    return render(
        request,
        "meetings/detail.html",
        _context(request, meeting, True, when_form=form),
        status=400,
    )


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _runner_meeting(request, pk)
    form = CancelForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                _("The form was out of date. Reload the page and try again."), code="stale"
            )
        services.cancel(
            meeting=meeting,
            reason=form.cleaned_data["reason"],
            by=request.user,
            version=form.cleaned_data["version"],
        )
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The meeting was cancelled."))
    return redirect(meeting.get_absolute_url())


@require_POST
def invitees_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _runner_meeting(request, pk)
    try:
        services.refresh_invitees(meeting=meeting, by=request.user)
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            _("The invitees were brought up to date from the posts and seats on the meeting day."),
        )
    return redirect(meeting.get_absolute_url() + "#invitees")


@require_POST
def invitee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _runner_meeting(request, pk)
    form = AddInviteeForm(request.POST, organisation_id=meeting.organisation_id, auto_id="add_%s")
    if form.is_valid():
        try:
            services.add_invitee(
                meeting=meeting,
                person=form.cleaned_data["person"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("%(name)s was invited.") % {"name": form.cleaned_data["person"]}
            )
            return redirect(meeting.get_absolute_url() + "#invitees")
    meeting.refresh_from_db()
    return render(
        request, "meetings/detail.html", _context(request, meeting, True, add_form=form), status=400
    )


@require_POST
def invitee_remove(request: HttpRequest, pk: int, invitee_pk: int) -> HttpResponse:
    meeting = _runner_meeting(request, pk)
    invitee = get_object_or_404(
        Invitee.objects.select_related("person", "meeting"), pk=invitee_pk, meeting=meeting
    )
    try:
        services.remove_invitee(invitee=invitee, by=request.user, version=_version(request))
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(name)s is no longer invited.") % {"name": invitee.person})
    return redirect(meeting.get_absolute_url() + "#invitees")


@require_POST
def majority(request: HttpRequest, pk: int) -> HttpResponse:
    """The board's chair (or someone acting for her) picks the majority's representatives."""
    meeting, full = _meeting_or_404(request, pk)
    if not full or not services.may_pick_majority(request.user, meeting):
        raise PermissionDenied
    ids = [int(v) for v in request.POST.getlist("people") if v.isdigit()]
    people = list(Person.objects.filter(pk__in=ids, organisation_id=meeting.organisation_id))
    try:
        services.pick_majority(
            meeting=meeting, people=people, by=request.user, version=_version(request)
        )
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The majority's representatives were saved."))
    return redirect(meeting.get_absolute_url() + "#invitees")
