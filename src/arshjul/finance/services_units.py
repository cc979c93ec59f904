"""Changes to unit budgets: one function per use case, in a transaction, with the audit trail,
refusal of a stale form (the budget's version number the user started from; 0 for a unit that
has no budget yet) and of approval before the union consultation is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.core.errors import DomainError
from arshjul.documents.models import Document
from arshjul.organisation.models import Unit

from .models import FrameVersion, UnionConsultation, UnitBudget
from .models.ranges import AMOUNT
from .permissions_units import can_edit_unit


def _allowed(by, version: FrameVersion, unit: Unit) -> None:
    require_actor(by)
    if not can_edit_unit(by, version.scenario.cycle, unit):
        raise DomainError(_("You may not change this unit's budget."), code="forbidden")


def _stale() -> DomainError:
    return DomainError(
        _("Someone else changed this budget while you were editing it. Nothing was saved."),
        code="stale",
    )


def _locked(version: FrameVersion, unit: Unit, year: int) -> UnitBudget | None:
    return (
        UnitBudget.objects.select_for_update()
        .filter(frame_version=version, unit=unit, year=year)
        .first()
    )


@transaction.atomic
def set_amount(
    *, version: FrameVersion, unit: Unit, year: int, amount: Decimal, expected: int | None, by
) -> UnitBudget:
    """Set a unit's budget for the year (created on first save); an approved budget is frozen."""
    _allowed(by, version, unit)
    if unit.body_id is None or unit.organisation_id != version.scenario.cycle.organisation_id:
        raise DomainError(_("Choose one of the committee's units."), code="unit")
    AMOUNT.check(amount, field="amount")
    if amount < 0:
        raise DomainError(_("A budget cannot be negative."), code="amount", field="amount")
    budget = _locked(version, unit, year)
    if (budget.version if budget else 0) != expected:
        raise _stale()
    if budget is None:
        budget = UnitBudget.objects.create(
            frame_version=version, unit=unit, year=year, amount=amount
        )
        record(
            budget,
            action="finance.units.budget_set",
            by=by,
            changes={"amount": (None, str(amount))},
        )
        return budget
    if budget.is_approved:
        raise DomainError(_("The budget is approved and cannot be changed."), code="approved")
    before = budget.amount
    budget.amount = amount
    budget.version += 1
    budget.save(update_fields=["amount", "version"])
    record(
        budget,
        action="finance.units.budget_set",
        by=by,
        changes={"amount": (str(before), str(amount))},
    )
    return budget


def _editable_budget(budget: UnitBudget, by, expected: int | None) -> UnitBudget:
    require_actor(by)
    locked = (
        UnitBudget.objects.select_for_update()
        .select_related("unit", "frame_version__scenario__cycle")
        .get(pk=budget.pk)
    )
    _allowed(by, locked.frame_version, locked.unit)
    if locked.version != expected:
        raise _stale()
    if locked.is_approved:
        raise DomainError(_("The budget is approved and cannot be changed."), code="approved")
    return locked


@transaction.atomic
def record_consultation(
    *,
    budget: UnitBudget,
    held_on: dt.date,
    parties: str,
    outcome: str,
    minutes: Document | None,
    expected: int | None,
    by,
) -> UnionConsultation:
    """Record (or correct) the union consultation on a unit's budget."""
    locked = _editable_budget(budget, by, expected)
    parties, outcome = (parties or "").strip(), (outcome or "").strip()
    if not parties:
        raise DomainError(_("Name the parties consulted."), code="parties", field="parties")
    if not outcome:
        raise DomainError(
            _("Write the outcome of the consultation."), code="outcome", field="outcome"
        )
    if minutes is not None and minutes.organisation_id != locked.unit.organisation_id:
        raise DomainError(
            _("Choose one of the region's documents."), code="minutes", field="minutes"
        )
    before = UnionConsultation.objects.filter(budget=locked).first()
    consultation, _created = UnionConsultation.objects.update_or_create(
        budget=locked,
        defaults={"held_on": held_on, "parties": parties, "outcome": outcome, "minutes": minutes},
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    record(
        locked,
        action="finance.units.consultation_recorded",
        by=by,
        changes={
            "consultation": (
                f"{before.held_on} {before.outcome}" if before else None,
                f"{held_on} {outcome}",
            )
        },
    )
    return consultation


@transaction.atomic
def approve(*, budget: UnitBudget, expected: int | None, by) -> UnitBudget:
    """Approve a unit's budget; refused until the union consultation is recorded."""
    locked = _editable_budget(budget, by, expected)
    if not UnionConsultation.objects.filter(budget=locked).exists():
        raise DomainError(
            _("Record the union consultation (samverkan) on %(unit)s's budget before approving it.")
            % {"unit": locked.unit.name},
            code="no_consultation",
        )
    locked.status = UnitBudget.Status.APPROVED
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    record(
        locked,
        action="finance.units.budget_approved",
        by=by,
        changes={"status": ("draft", "approved")},
    )
    return locked
