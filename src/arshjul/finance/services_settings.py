"""Changes to an organisation's finance settings and its existing assets' capital costs: in a
transaction, audited (before and after), a stale form refused."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.organisation.models import Body, Organisation

from .models import ExistingCapitalCost, FinanceSettings
from .models.frames import FRAME_BODY_KINDS
from .models.ranges import AMOUNT
from .permissions_settings import can_edit_finance_settings

FIELDS = ("default_plan_years", "activation_convention", "compensation", "self_financing_goal")


def _allowed(by, organisation: Organisation) -> None:
    require_actor(by)
    if not can_edit_finance_settings(by, organisation.pk):
        raise DomainError(_("Only the finance office changes this."), code="forbidden")


def _stale() -> DomainError:
    return DomainError(
        _("Someone else saved a change while you were editing. Reload the page and try again."),
        code="stale",
    )


@transaction.atomic
def save_settings(
    *, organisation: Organisation, values: dict, by, expected: int | None
) -> FinanceSettings:
    _allowed(by, organisation)
    settings, _created = FinanceSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    if require_version(expected, by) is not None and expected != settings.version:
        raise _stale()
    changes = {}
    for name in FIELDS:
        before, after = getattr(settings, name), values[name]
        if before != after:
            changes[name] = (
                None if before is None else str(before),
                None if after is None else str(after),
            )
            setattr(settings, name, after)
    if changes:
        settings.version += 1
        settings.save()
        record(settings, action="finance.settings.edited", by=by, changes=changes)
    return settings


@transaction.atomic
def save_existing_assets(
    *,
    organisation: Organisation,
    amounts: dict[tuple[int, int], Decimal | None],
    by,
    expected: int | None,
) -> int:
    """Set (or clear, with None) the existing assets' capital costs per (body, year); returns
    the number of changed cells. `expected` is the organisation's finance-settings version,
    raised on every save so that two people editing the grid cannot overwrite each other."""
    _allowed(by, organisation)
    settings, _created = FinanceSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    if require_version(expected, by) is not None and expected != settings.version:
        raise _stale()
    bodies = {
        b.pk: b for b in Body.objects.filter(organisation=organisation, kind__in=FRAME_BODY_KINDS)
    }
    if any(body not in bodies for body, _year in amounts):
        raise DomainError(_("Choose a committee of the organisation."), code="body")
    current = {
        (row.body_id, row.year): row
        for row in ExistingCapitalCost.objects.filter(organisation=organisation)
    }
    changed = 0
    for (body, year), amount in sorted(amounts.items()):
        AMOUNT.check(amount, field="amount")
        if amount is not None and amount < 0:
            raise DomainError(_("Capital costs cannot be negative."), code="negative")
        row = current.get((body, year))
        before = row.amount if row else None
        if before == amount:
            continue
        if amount is None:
            row.delete()
        elif row is None:
            ExistingCapitalCost.objects.create(
                organisation=organisation, body_id=body, year=year, amount=amount
            )
        else:
            row.amount = amount
            row.save(update_fields=["amount"])
        changed += 1
        record(
            settings,
            action="finance.existing_assets.edited",
            by=by,
            changes={
                f"{bodies[body].short_name} {year}": (
                    None if before is None else str(before),
                    None if amount is None else str(amount),
                )
            },
        )
    if changed:
        settings.version += 1
        settings.save(update_fields=["version"])
    return changed
