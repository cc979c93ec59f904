"""Everything of a scenario in one workbook (export only)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from ..models import UnitBudget
from ..models.assumptions import Scenario
from ..selectors import ScenarioSpace
from ..selectors_frames import VersionFrames
from ..selectors_investments import PlanView
from ._common import Column, add_row, new_sheet, new_workbook
from .assumptions import assumptions_sheets
from .frames import frames_sheets
from .investments import investment_sheets
from .units import UNITS, unit_sheet

VERSIONS = gettext_lazy("Frame versions")


def everything_workbook(
    *,
    scenario: Scenario,
    result: ScenarioSpace,
    versions: Sequence[tuple[VersionFrames, dict[int, Decimal]]],
    plan: PlanView | None,
    budgets: Sequence[UnitBudget],
) -> Workbook:
    """One workbook: the assumptions and space, every frame version (its sheets prefixed V1,
    V2 …, listed on the versions sheet), the investment plan and every unit budget."""
    workbook = new_workbook(_("Everything of scenario %(name)s") % {"name": scenario.name})
    assumptions_sheets(workbook, scenario, result)
    sheet = new_sheet(
        workbook,
        VERSIONS,
        _("The frame versions of scenario %(name)s and their sheets' prefix.")
        % {"name": scenario.name},
        [Column(_("Prefix"), 8), Column(_("Version"), 40), Column(_("Status"), 14)],
        read_only=True,
    )
    for n, (data, _bases) in enumerate(versions, start=1):
        add_row(sheet, [f"V{n}", data.version.name, data.version.get_status_display()])
    for n, (data, bases) in enumerate(versions, start=1):
        frames_sheets(workbook, data, bases, prefix=f"V{n} ")
    if plan is not None:
        investment_sheets(workbook, plan)
    prefixes = {data.version.pk: f"V{n}" for n, (data, _b) in enumerate(versions, start=1)}
    unit_sheet(
        workbook,
        title=UNITS,
        note=_("Every unit budget of the scenario's frame versions, in kronor."),
        rows=[(b.unit, b) for b in budgets],
        extra=[
            (_("Version"), [prefixes.get(b.frame_version_id, "") for b in budgets]),
            (_("Committee"), [b.unit.body.short_name if b.unit.body else "" for b in budgets]),
            (_("Year"), [b.year for b in budgets]),
        ],
    )
    return workbook
