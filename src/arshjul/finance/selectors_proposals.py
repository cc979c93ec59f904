"""Reads of committees' change proposals, limited to what the user may see (one query)."""

from __future__ import annotations

from .models import ChangeProposal, InvestmentProject, Scenario
from .permissions_proposals import proposal_bodies_for


def proposals_for(user, scenario: Scenario) -> list[ChangeProposal]:
    """The scenario's proposals the user may read: every one for the finance office and the
    chief executive's office, their own committees' for a committee's people, else none."""
    only = proposal_bodies_for(user, scenario.cycle)
    if only is not None and not only:
        return []
    qs = ChangeProposal.objects.filter(frame_version__scenario=scenario).select_related(
        "frame_version", "body", "project", "item"
    )
    if only is not None:
        qs = qs.filter(body_id__in=only)
    return list(qs.order_by("status", "frame_version__created", "year", "body__name", "pk"))


def own_projects(bodies: set[int]):
    return InvestmentProject.objects.filter(owner_body_id__in=bodies).order_by("name")
