"""Pages of the process calendar. Thin: parse, call one selector or service, render.

Read: see permissions.py (drafts and internal steps are hidden, not forbidden: 404).
Change: the finance office of the cycle's organisation (403 for others who may read).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from arshjul.accounts.roles import EDITOR_POSTS, bodies_served, is_finance_office, person_of
from arshjul.accounts.services import feed_token_for
from arshjul.core.errors import DomainError
from arshjul.core.history import history_of
from arshjul.notifications.selectors import due_for
from arshjul.organisation.models import Body

from . import charts, selectors, services
from .cache import cached, fragment, public_cache
from .choices import Track
from .filters import StepFilter
from .forms import CycleForm, MoveStepForm, RuleForm, VersionedForm
from .models import Cycle
from .permissions import can_edit_cycle, can_see_drafts


def _months(steps) -> list[tuple[dt.date, list]]:
    """Group steps by the month they start in."""
    grouped: OrderedDict[dt.date, list] = OrderedDict()
    for step in steps:
        grouped.setdefault(step.start.replace(day=1), []).append(step)
    return list(grouped.items())


def _overview(
    request: HttpRequest, *, cycles: list[Cycle], template: str, extra: dict
) -> HttpResponse:
    steps = selectors.timeline_for_cycles(
        cycles=cycles, user=request.user, relations=("participant_bodies",), lists_only=True
    )
    step_filter = StepFilter(
        request.GET,
        queryset=steps,
        organisation_ids={c.organisation_id for c in cycles},
        user=request.user,
        for_page=True,
    )
    today = timezone.localdate()

    def month_list() -> str:
        filtered = list(step_filter.qs) if step_filter.is_valid() else []
        return render_to_string(
            "process/partials/month_list.html",
            {
                "cycles": cycles,
                "months": _months(filtered),
                "step_count": len(filtered),
                "today": today,
            },
            request=request,
        )

    html = fragment(request, "month_list", month_list)
    if request.htmx:
        return HttpResponse(html)
    filter_form = fragment(
        request,
        "filter_form",
        lambda: render_to_string(
            "process/partials/filter_form.html", {"filter": step_filter}, request=request
        ),
    )
    context = {
        "cycles": cycles,
        "filter_form": filter_form,
        "month_list": html,
        "today": today,
        **extra,
    }
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request")
@public_cache
def home(request: HttpRequest) -> HttpResponse:
    """Anyone: the live cycles' steps month by month (today falls inside two cycles)."""
    today = timezone.localdate()
    cycles = selectors.live_cycles(today=today)
    if not cycles:
        cycles = list(selectors.cycle_list()[:1])

    def feed_list() -> str:
        bodies = (
            Body.objects.filter(organisation_id__in={c.organisation_id for c in cycles})
            .select_related("organisation")
            .order_by("name")
        )
        return render_to_string(
            "process/partials/feed_list.html", {"cycles": cycles, "bodies": bodies}, request=request
        )

    return _overview(
        request,
        cycles=cycles,
        template="process/home.html",
        extra={"feed_list": fragment(request, "feed_list", feed_list)},
    )


@require_http_methods(["GET", "POST"])
def cycle_list(request: HttpRequest) -> HttpResponse:
    """Anyone: every cycle. The finance office also makes a new cycle from a template here."""
    person = person_of(request.user)
    may_create = is_finance_office(request.user) and (
        person is not None or request.user.is_superuser
    )
    form = None
    if may_create:
        org_id = person.organisation_id if person else None
        form = CycleForm(request.POST or None, organisation_id=org_id)
        if request.method == "POST" and form.is_valid():
            try:
                cycle = services.generate_cycle(
                    template=form.cleaned_data["template"],
                    budget_year=form.cleaned_data["budget_year"],
                    by=request.user,
                )
            except DomainError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _(
                        "The cycle was made from the template. Its steps are drafts until you publish them."
                    ),
                )
                return redirect(cycle)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "process/cycle_list.html",
        {"cycle_list": selectors.cycle_list(), "today": timezone.localdate(), "form": form},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@require_GET
@vary_on_headers("HX-Request")
@public_cache
def cycle_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone: one cycle month by month; the finance office also sees the chain checks."""
    cycle = get_object_or_404(Cycle.objects.select_related("organisation", "template"), slug=slug)
    extra = {"cycle": cycle, "can_edit": can_edit_cycle(request.user, cycle)}
    if can_see_drafts(request.user, cycle) and not request.htmx:
        # Data only, never HTML: the section holds a form with the user's own CSRF token.
        language = request.LANGUAGE_CODE  # the problems' messages are in the user's language
        extra["problems"] = cached(
            "chain", lambda: selectors.chain_problems(cycle), cycle.pk, language
        )
        extra["publishable"] = cached(
            "publishable", lambda: services.publishable_steps(cycle), cycle.pk
        )
    return _overview(request, cycles=[cycle], template="process/cycle_detail.html", extra=extra)


@require_POST
def cycle_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Finance office: publish every step that may be published."""
    cycle = get_object_or_404(Cycle, slug=slug)
    if not can_edit_cycle(request.user, cycle):
        raise PermissionDenied
    count = services.publish_cycle(cycle=cycle, by=request.user)
    messages.success(
        request,
        ngettext("%(count)s step published.", "%(count)s steps published.", count)
        % {"count": count},
    )
    return redirect(cycle)


@require_GET
@public_cache
def wheel(request: HttpRequest) -> HttpResponse:
    """Anyone: the årshjul for one calendar year, every cycle that touches it on it."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 1990), 2100)
    cycles = selectors.cycles_for_calendar_year(year=year)

    def body() -> str:
        steps = list(
            selectors.timeline_for_cycles(
                cycles=cycles, user=request.user, relations=(), lists_only=True
            )
        )
        chart = charts.wheel(year=year, cycles=cycles, steps=steps, today=today)
        shown = [s for s in steps if s.start.year <= year <= s.end.year]  # what the wheel shows
        return render_to_string(
            "process/partials/wheel_body.html",
            {"year": year, "cycles": cycles, "chart": chart, "steps": shown, "tracks": Track},
            request=request,
        )

    return render(
        request,
        "process/wheel.html",
        {"year": year, "cycles": cycles, "wheel_body": fragment(request, "wheel", body)},
    )


@require_GET
@public_cache
def timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone: a cycle as a Gantt-like chart."""
    cycle = get_object_or_404(Cycle.objects.select_related("organisation"), slug=slug)

    def body() -> str:
        steps = list(
            selectors.timeline_for_cycles(
                cycles=[cycle], user=request.user, relations=(), lists_only=True
            )
        )
        chart = charts.timeline(cycle=cycle, steps=steps, today=timezone.localdate())
        return render_to_string(
            "process/partials/timeline_body.html",
            {"cycle": cycle, "chart": chart, "steps": steps},
            request=request,
        )

    return render(
        request,
        "process/timeline.html",
        {"cycle": cycle, "timeline_body": fragment(request, "timeline", body)},
    )


def _step_or_404(request: HttpRequest, slug: str, key: str):
    step = selectors.step_detail(cycle_slug=slug, key=key, user=request.user)
    if step is None:
        raise Http404(_("No such step, or it is not published."))
    return step


def _meeting_context(request: HttpRequest, step) -> dict:
    """The step's meeting as far as the user may see it, whether she may make it, and the
    go-ahead the step needs from an earlier meeting."""
    from arshjul.meetings.models import Meeting
    from arshjul.meetings.permissions import can_read_meeting, is_public
    from arshjul.meetings.selectors import go_ahead_for

    meeting = Meeting.objects.filter(step=step).select_related("step").first()
    if meeting is not None and not (can_read_meeting(request.user, meeting) or is_public(meeting)):
        meeting = None
    may_make = (
        step.kind == "meeting"
        and meeting is None
        and not Meeting.objects.filter(step=step).exists()
        and (
            is_finance_office(request.user) or bool(bodies_served(request.user, kinds=EDITOR_POSTS))
        )
    )
    return {
        "meeting": meeting,
        "may_make_meeting": may_make,
        "go_ahead": go_ahead_for(step, user=request.user),
    }


def _step_context(request: HttpRequest, step, **forms) -> dict:
    before, after = selectors.related_steps(step=step, user=request.user)
    can_edit = can_edit_cycle(request.user, step.cycle)
    context = {
        "step": step,
        "cycle": step.cycle,
        "rule_words": selectors.rule_in_words(step, user=request.user),
        "inputs_from": before,
        "outputs_to": after,
        "can_edit": can_edit,
        "gaps": selectors.meeting_gaps(step) if step.kind == "meeting" else [],
    }
    if step.kind == "meeting" or step.go_ahead_from:
        context |= _meeting_context(request, step)
    if can_edit:
        context["move_form"] = forms.get("move_form") or MoveStepForm(
            # A one-day step stays one day when only its start is changed.
            initial={
                "start": step.start,
                "end": None if step.single_day else step.end,
                "version": step.version,
            },
            auto_id="move_%s",
        )
        context["rule_form"] = forms.get("rule_form") or RuleForm(
            auto_id="rule_%s",
            initial={
                "rule": step.rule,
                "election_rule": step.election_rule,
                "adjust": step.adjust,
                "version": step.version,
            },
        )
        context["history"] = history_of(step, limit=20)
    return context


@require_GET
@public_cache
def step_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Who may see the step (see permissions): its six parts, dates, rule and documents."""
    step = _step_or_404(request, slug, key)
    return render(request, "process/step_detail.html", _step_context(request, step))


@require_POST
def step_change(request: HttpRequest, slug: str, key: str, action: str) -> HttpResponse:
    """Finance office: move, reset, re-rule, publish or withdraw a step."""
    step = _step_or_404(request, slug, key)
    if not can_edit_cycle(request.user, step.cycle):
        raise PermissionDenied
    forms: dict = {}
    try:
        if action == "move":
            form = MoveStepForm(request.POST, auto_id="move_%s")
            forms["move_form"] = form
            if form.is_valid():
                services.move_step(
                    step=step,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
                messages.success(request, _("The step was moved. Steps relative to it followed."))
                return redirect(step.get_absolute_url())
        elif action == "rule":
            form = RuleForm(request.POST, auto_id="rule_%s")
            forms["rule_form"] = form
            if form.is_valid():
                services.change_step_rule(
                    step=step,
                    rule=form.cleaned_data["rule"],
                    election_rule=form.cleaned_data["election_rule"],
                    adjust=form.cleaned_data["adjust"],
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
                messages.success(request, _("The date rule was saved."))
                return redirect(step.get_absolute_url())
        elif action in ("reset", "publish", "unpublish"):
            form = VersionedForm(request.POST)
            if not form.is_valid():
                raise DomainError(
                    _("The form was out of date. Reload the page and try again."), code="stale"
                )
            version = form.cleaned_data["version"]
            if action == "reset":
                services.reset_step(step=step, by=request.user, version=version)
                messages.success(request, _("The step is back on its rule's date."))
                return redirect(step.get_absolute_url())
            services.publish_step(
                step=step, by=request.user, publish=action == "publish", version=version
            )
            messages.success(
                request,
                _("The step was published.")
                if action == "publish"
                else _("The step was withdrawn."),
            )
            return redirect(step.get_absolute_url())
        else:
            raise Http404
    except DomainError as exc:
        target = forms.get("move_form") or forms.get("rule_form")
        if target is not None:
            field = getattr(exc, "field", None)
            for message in exc.messages:
                target.add_error(field if field in target.fields else None, message)
        else:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(step.get_absolute_url())
    step.refresh_from_db()
    return render(
        request, "process/step_detail.html", _step_context(request, step, **forms), status=400
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Signed-in users: the steps ahead in which they take part, and their personal feed."""
    person = person_of(request.user)
    today = timezone.localdate()
    steps = []
    if person is not None:
        qs = selectors.timeline_for_cycles(
            cycles=Cycle.objects.filter(organisation_id=person.organisation_id, end__gte=today),
            user=request.user,
            relations=(),
            lists_only=True,
        )
        steps = list(selectors.steps_for_person(qs, person).filter(end__gte=today)[:50])
    return render(
        request,
        "process/mine.html",
        {
            "person": person,
            "months": _months(steps),
            "today": today,
            "feed_token": feed_token_for(request.user),
            "due": due_for(user=request.user, today=today) if person is not None else None,
            "tasks": my_tasks(person),
        },
    )


def my_tasks(person) -> list:
    """The person's open follow-up tasks from meetings, soonest due first (one query)."""
    from arshjul.meetings.models import Task

    if person is None:
        return []
    return list(
        Task.objects.filter(owner=person, done__isnull=True)
        .select_related("meeting")
        .order_by("due", "pk")[:50]
    )
