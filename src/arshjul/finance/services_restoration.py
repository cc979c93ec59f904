"""Changes to the deficits to restore from earlier years: in a transaction, with the audit trail
(before and after) and refusal of a stale form (the version number the user started from)."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.organisation.models import Organisation

from .models import EarlierDeficit
from .models.ranges import AMOUNT
from .permissions_restoration import can_edit_deficits

MIN_YEAR, MAX_YEAR = 1990, 2200


def _allowed(by, organisation_id: int) -> None:
    require_actor(by)
    if not can_edit_deficits(by, organisation_id):
        raise DomainError(_("You may not change the deficits to restore."), code="forbidden")


def _check(amount: Decimal | None, source: str) -> str:
    if amount is None:
        raise DomainError(_("Give the amount left to restore."), code="amount", field="amount")
    AMOUNT.check(amount, field="amount")
    if amount < 0:
        raise DomainError(
            _(
                "Type the deficit as a positive amount: what is left to restore, for example "
                "118,0. A surplus is not a deficit."
            ),
            code="negative",
            field="amount",
        )
    source = (source or "").strip()
    if not source:
        raise DomainError(
            _("Say where the figure comes from, for example the annual report and its page."),
            code="source",
            field="source",
        )
    return source


def _locked(deficit: EarlierDeficit, by, expected: int | None) -> EarlierDeficit:
    require_actor(by)
    try:
        locked = EarlierDeficit.objects.select_for_update().get(pk=deficit.pk)
    except EarlierDeficit.DoesNotExist:
        raise DomainError(
            _("Someone else removed this deficit while you were editing it. Nothing was saved."),
            code="stale",
        ) from None
    _allowed(by, locked.organisation_id)
    if require_version(expected, by) is not None and locked.version != expected:
        raise DomainError(
            _("Someone else changed this deficit while you were editing it. Nothing was saved."),
            code="stale",
        )
    return locked


@transaction.atomic
def add_deficit(
    *, organisation: Organisation, origin_year: int, amount: Decimal | None, source: str, by
) -> EarlierDeficit:
    """Record a deficit from an earlier year, as left to restore according to `source`."""
    _allowed(by, organisation.pk)
    if not (MIN_YEAR <= origin_year <= MAX_YEAR):
        raise DomainError(
            _("Give a year between %(low)s and %(high)s.") % {"low": MIN_YEAR, "high": MAX_YEAR},
            code="year",
            field="origin_year",
        )
    source = _check(amount, source)
    try:
        with transaction.atomic():
            deficit = EarlierDeficit.objects.create(
                organisation=organisation, origin_year=origin_year, amount=amount, source=source
            )
    except IntegrityError as exc:
        raise DomainError(
            _("A deficit from %(year)s is already recorded; change that one.")
            % {"year": origin_year},
            code="duplicate",
            field="origin_year",
        ) from exc
    record(
        deficit,
        action="finance.restoration.deficit_added",
        by=by,
        changes={"amount": (None, str(amount)), "source": (None, source)},
    )
    return deficit


@transaction.atomic
def change_deficit(
    *,
    deficit: EarlierDeficit,
    amount: Decimal | None,
    source: str,
    by,
    expected: int | None,
) -> EarlierDeficit:
    """Change what is left to restore of a deficit, or its source."""
    locked = _locked(deficit, by, expected)
    source = _check(amount, source)
    changes = {}
    if locked.amount != amount:
        changes["amount"] = (str(locked.amount), str(amount))
    if locked.source != source:
        changes["source"] = (locked.source, source)
    if not changes:
        return locked
    locked.amount, locked.source = amount, source
    locked.version += 1
    locked.save(update_fields=["amount", "source", "version"])
    record(locked, action="finance.restoration.deficit_changed", by=by, changes=changes)
    return locked


@transaction.atomic
def remove_deficit(*, deficit: EarlierDeficit, by, expected: int | None) -> None:
    locked = _locked(deficit, by, expected)
    record(
        locked,
        action="finance.restoration.deficit_removed",
        by=by,
        changes={"amount": (str(locked.amount), None), "source": (locked.source, None)},
    )
    locked.delete()
