"""Changes to frame versions: one function per use case, in a transaction, with the audit trail
(before and after), refusal of a stale form (the version number the user started from) and of
any change to an adopted version or a tabled party proposal. A draft is marked prepared (from
then on everyone with a role in the process reads it) and a draft or prepared version adopted;
a party's proposal is never adopted as the region's frame."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.organisation.models import Body
from arshjul.process.models import Step

from .models import BalanceNote, BaseFrame, ChangeItem, FrameVersion, PartyProposal, Scenario
from .models.frames import FRAME_BODY_KINDS
from .models.ranges import AMOUNT
from .permissions_frames import can_edit_frames
from .selectors_frames import frames_of, scenario_for_frames, snapshot_of


def _allowed(by, cycle) -> None:
    require_actor(by)
    if not can_edit_frames(by, cycle):
        raise DomainError(_("You may not change the frames."), code="forbidden")


def _editable(
    version: FrameVersion, by, expected: int | None, *, permitted: bool = False
) -> FrameVersion:
    """The version locked for update, after the permission (unless the caller has checked it:
    `permitted`), frozen and stale checks."""
    require_actor(by)
    locked = (
        FrameVersion.objects.select_for_update()
        .select_related("scenario__cycle")
        .get(pk=version.pk)
    )
    if not permitted:
        _allowed(by, locked.scenario.cycle)
    if locked.is_adopted:
        raise DomainError(
            _(
                "The version “%(name)s” is adopted and cannot be changed. Copy it to a new "
                "version to make changes."
            )
            % {"name": locked.name},
            code="adopted",
        )
    if PartyProposal.objects.filter(frame_version=locked, status="tabled").exists():
        raise DomainError(
            _("The party proposal “%(name)s” is tabled and cannot be changed.")
            % {"name": locked.name},
            code="tabled",
        )
    _check_expected(locked, expected, by)
    return locked


def _check_expected(locked: FrameVersion, expected: int | None, by) -> None:
    if require_version(expected, by) is not None and locked.version != expected:
        raise DomainError(
            _("Someone else changed this version while you were editing it. Nothing was saved."),
            code="stale",
        )


def _not_party(version: FrameVersion) -> None:
    if PartyProposal.objects.filter(frame_version=version).exists():
        raise DomainError(
            _(
                "“%(name)s” is a party's proposal: it cannot be adopted as the region's frame "
                "or marked prepared. Copy the figures into one of the region's own versions."
            )
            % {"name": version.name},
            code="party",
        )


def _bump(version: FrameVersion) -> None:
    version.version += 1
    version.save(update_fields=["version"])


def _check_body(version: FrameVersion, body: Body) -> None:
    if body.organisation_id != version.scenario.cycle.organisation_id or (
        body.kind not in FRAME_BODY_KINDS
    ):
        raise DomainError(_("Choose one of the region's committees."), code="body", field="body")


@transaction.atomic
def create_version(
    *,
    scenario: Scenario,
    name: str,
    by,
    step: Step | None = None,
    copy_from: FrameVersion | None = None,
    permitted: bool = False,
) -> FrameVersion:
    """A new draft version, empty or a copy of another version of the same scenario (its
    base-year frames and change items; not its adoption). `permitted`: the caller has checked
    the permission (a party's proposal)."""
    require_actor(by)
    if not permitted:
        _allowed(by, scenario.cycle)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the version a name."), code="name", field="name")
    if copy_from is not None and copy_from.scenario_id != scenario.pk:
        raise DomainError(_("Copy a version of the same scenario."), code="copy_from")
    if step is not None and step.cycle_id != scenario.cycle_id:
        raise DomainError(_("Choose a step of the scenario's cycle."), code="step", field="step")
    try:
        with transaction.atomic():
            version = FrameVersion.objects.create(
                scenario=scenario, name=name, step=step, copied_from=copy_from
            )
    except IntegrityError as exc:
        raise DomainError(
            _("This scenario already has a version called “%(name)s”.") % {"name": name},
            code="name",
            field="name",
        ) from exc
    if copy_from is not None:
        BaseFrame.objects.bulk_create(
            BaseFrame(frame_version=version, body_id=b.body_id, amount=b.amount)
            for b in copy_from.base_frames.all()
        )
        fields = ("body_id", "year", "kind", "amount", "text", "decision", "one_off")
        ChangeItem.objects.bulk_create(
            ChangeItem(frame_version=version, **{f: getattr(i, f) for f in fields})
            for i in copy_from.items.all()
        )
    record(
        version,
        action="finance.frames.version_created",
        by=by,
        changes={"copied from": (None, copy_from.name)} if copy_from else {},
    )
    return version


@transaction.atomic
def adopt_version(
    *, version: FrameVersion, by, on: dt.date | None = None, expected: int | None
) -> FrameVersion:
    """Adopt the version (a draft or prepared one of the region's own): from now on it is
    frozen, its computed figures kept as they are now."""
    version = _editable(version, by, expected)
    _not_party(version)
    before = version.status
    data = frames_of(version, scenario_for_frames(version.scenario_id))
    version.status = FrameVersion.Status.ADOPTED
    version.adopted_on = on or timezone.localdate()
    version.version += 1
    version.snapshot = snapshot_of(data)
    version.save(update_fields=["status", "adopted_on", "version", "snapshot"])
    record(
        version,
        action="finance.frames.version_adopted",
        by=by,
        changes={"status": (before, "adopted"), "adopted_on": (None, str(version.adopted_on))},
    )
    return version


@transaction.atomic
def prepare_version(*, version: FrameVersion, by, expected: int | None) -> FrameVersion:
    """Mark a draft of the region's own prepared (the finance office): from now on every
    politician and official with a role in the process reads it (finance.permissions_frames).
    It stays open to the finance office's changes until it is adopted."""
    version = _editable(version, by, expected)
    _not_party(version)
    if not version.is_draft:
        raise DomainError(
            _("The version “%(name)s” is already prepared.") % {"name": version.name},
            code="prepared",
        )
    version.status = FrameVersion.Status.PREPARED
    version.version += 1
    version.save(update_fields=["status", "version"])
    record(
        version,
        action="finance.frames.version_prepared",
        by=by,
        changes={"status": ("draft", "prepared")},
    )
    return version


def check_item(
    *,
    version: FrameVersion,
    year: int,
    kind: str,
    amount: Decimal,
    text: str,
    kinds: tuple[str, ...] | None = None,
) -> str:
    """The rules of a change item (or a committee's proposal of one): a year of the scenario, a
    known type, a priority or saving typed positive, a text. Returns the text stripped."""
    if year not in version.scenario.years:
        raise DomainError(_("Choose a year of the scenario."), code="year", field="year")
    if kind not in (kinds or ChangeItem.Kind.values):
        raise DomainError(_("Choose a type."), code="kind", field="kind")
    AMOUNT.check(amount, field="amount")
    if kind in (ChangeItem.Kind.PRIORITY, ChangeItem.Kind.SAVING) and amount <= 0:
        raise DomainError(
            _("Write a priority or a saving as a positive amount; a saving is deducted."),
            code="sign",
            field="amount",
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Say what the change is."), code="text", field="text")
    return text


@transaction.atomic
def set_base_frames(
    *, version: FrameVersion, amounts: dict[Body, Decimal | None], by, expected: int | None
) -> FrameVersion:
    """Type the committees' frames in the budget year (None removes a committee's frame)."""
    version = _editable(version, by, expected)
    current = {b.body_id: b for b in version.base_frames.all()}
    changes = {}
    for body, amount in amounts.items():
        _check_body(version, body)
        row = current.get(body.pk)
        before = row.amount if row else None
        AMOUNT.check(amount, field="amount")
        if amount is not None and amount < 0:
            raise DomainError(
                _("A frame cannot be negative (%(body)s).") % {"body": body.short_name},
                code="negative",
            )
        if before == amount:
            continue
        changes[body.short_name] = (
            None if before is None else str(before),
            None if amount is None else str(amount),
        )
        if amount is None:
            row.delete()
        elif row is None:
            BaseFrame.objects.create(frame_version=version, body=body, amount=amount)
        else:
            row.amount = amount
            row.save(update_fields=["amount"])
    if changes:
        _bump(version)
        record(version, action="finance.frames.base_edited", by=by, changes=changes)
    return version


@transaction.atomic
def add_item(
    *,
    version: FrameVersion,
    body: Body,
    year: int,
    kind: str,
    amount: Decimal,
    text: str,
    by,
    expected: int | None,
    decision: str = "",
    one_off: bool = False,
    permitted: bool = False,
) -> ChangeItem:
    version = _editable(version, by, expected, permitted=permitted)
    _check_body(version, body)
    text = check_item(version=version, year=year, kind=kind, amount=amount, text=text)
    item = ChangeItem.objects.create(
        frame_version=version,
        body=body,
        year=year,
        kind=kind,
        amount=amount,
        text=text,
        decision=(decision or "").strip(),
        one_off=one_off,
    )
    _bump(version)
    record(
        version,
        action="finance.frames.item_added",
        by=by,
        changes={f"{year} {body.short_name} {kind}": (None, f"{amount} {text}")},
    )
    return item


@transaction.atomic
def remove_item(*, item: ChangeItem, by, expected: int | None, permitted: bool = False) -> None:
    version = _editable(item.frame_version, by, expected, permitted=permitted)
    item = ChangeItem.objects.select_related("body").get(pk=item.pk, frame_version=version)
    before = f"{item.amount} {item.text}"
    key = f"{item.year} {item.body.short_name} {item.kind}"
    item.delete()
    _bump(version)
    record(version, action="finance.frames.item_removed", by=by, changes={key: (before, None)})


@transaction.atomic
def save_balance_note(
    *, version: FrameVersion, year: int, reason: str, restoration: str, by, expected: int | None
) -> BalanceNote:
    """Record the exceptional reasons for a deficit year and the plan to restore it."""
    version = _editable(version, by, expected)
    if year not in version.scenario.years:
        raise DomainError(_("Choose a year of the scenario."), code="year", field="year")
    note, _created = BalanceNote.objects.get_or_create(frame_version=version, year=year)
    changes = {}
    for name, value in (("reason", reason), ("restoration", restoration)):
        value = (value or "").strip()
        if getattr(note, name) != value:
            changes[f"{year} {name}"] = (getattr(note, name) or None, value or None)
            setattr(note, name, value)
    if changes:
        note.save()
        _bump(version)
        record(version, action="finance.frames.balance_note_edited", by=by, changes=changes)
    return note
