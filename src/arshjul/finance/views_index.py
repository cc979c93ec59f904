"""The money pages' index (*Ekonomi*, `/finance/`): for the signed-in user, the cycles'
scenarios, frames and capital costs she may read, the investment plan if she may see any of it,
and the finance settings for the finance office. Everyone signed in may open it; it lists only
what the pages themselves would show her (anonymous visitors are sent to sign in)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from arshjul.accounts.roles import organisation_id_of
from arshjul.process.models import Cycle

from .models import InvestmentPlan, InvestmentProject, Scenario
from .permissions import can_read_space
from .permissions_frames import reads_frames
from .permissions_investments import projects_visible_to
from .permissions_settings import can_edit_finance_settings


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    org = organisation_id_of(request.user)
    cycles = []
    if org is not None:
        qs = (
            Cycle.objects.filter(organisation_id=org, scenarios__isnull=False)
            .distinct()
            .select_related("organisation")
            .prefetch_related(Prefetch("scenarios", queryset=Scenario.objects.order_by("order")))
            .order_by("-budget_year")
        )
        for cycle in qs:
            whole = can_read_space(request.user, cycle)
            if whole or reads_frames(request.user, cycle):
                cycles.append({"cycle": cycle, "space": whole, "scenarios": cycle.scenarios.all()})
    plan = InvestmentPlan.objects.filter(organisation_id=org).first() if org else None
    show_plan = bool(
        plan
        and projects_visible_to(
            request.user, plan, InvestmentProject.objects.filter(plan=plan)
        ).exists()
    )
    return render(
        request,
        "finance/index.html",
        {
            "cycles": cycles,
            "plan": plan if show_plan or can_edit_finance_settings(request.user, org) else None,
            "settings": can_edit_finance_settings(request.user, org),
        },
    )
