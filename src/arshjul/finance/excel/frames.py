"""A frame version in Excel: its base-year frames and change items (importable into a draft
version), its computed frames and the balance check (read-only)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from arshjul.core.errors import DomainError
from arshjul.organisation.models import Body

from .. import services_frames
from ..models import ChangeItem, FrameVersion
from ..selectors_frames import VersionFrames, frame_bodies
from ._common import (
    FIRST_ROW,
    KRONOR,
    CellError,
    Column,
    Imported,
    ImportRefused,
    Reader,
    add_row,
    domain_error,
    new_sheet,
    new_workbook,
)

# Sheet names (at most 31 characters in every language) and the importable headers.
BASE = gettext_lazy("Base frames")
ITEMS = gettext_lazy("Change items")
FRAMES = gettext_lazy("Frames")
BALANCE = gettext_lazy("Balance check")

BASE_HEADERS = (gettext_lazy("Committee"), gettext_lazy("Name"), gettext_lazy("Amount (kr)"))
ITEM_HEADERS = (
    gettext_lazy("Committee"),
    gettext_lazy("Year"),
    gettext_lazy("Type"),
    gettext_lazy("Amount (kr)"),
    gettext_lazy("Text"),
    gettext_lazy("Decision reference"),
    gettext_lazy("One-off"),
)


def _now(version):
    """A workbook does not carry the version its writer saw: the import is one transaction over
    the version as it is now, so it states that version explicitly."""
    return type(version).objects.values_list("version", flat=True).get(pk=version.pk)


def frames_sheets(
    workbook: Workbook, data: VersionFrames, bases: dict[int, Decimal], *, prefix: str = ""
) -> None:
    """The version's base-year frames, change items (both importable), its computed frames per
    committee and year and, when every committee is shown, the balance check (read-only)."""
    version = data.version
    years = data.years
    note = _("Frame version %(name)s (%(status)s).") % {
        "name": version.name,
        "status": version.get_status_display(),
    }
    sheet = new_sheet(
        workbook,
        f"{prefix}{BASE}",
        note
        + " "
        + _("Frames in %(year)s, capital costs included, in kronor.") % {"year": years[0]},
        [
            Column(str(BASE_HEADERS[0]), 14),
            Column(str(BASE_HEADERS[1]), 40),
            Column(str(BASE_HEADERS[2]), 20, KRONOR),
        ],
    )
    for body in data.bodies:
        add_row(sheet, [body.short_name, body.name, bases.get(body.pk)])
    sheet = new_sheet(
        workbook,
        f"{prefix}{ITEMS}",
        note + " " + _("A saving is entered positive and deducted; amounts in kronor."),
        [
            Column(str(ITEM_HEADERS[0]), 14),
            Column(str(ITEM_HEADERS[1]), 8),
            Column(str(ITEM_HEADERS[2]), 24),
            Column(str(ITEM_HEADERS[3]), 18, KRONOR),
            Column(str(ITEM_HEADERS[4]), 40),
            Column(str(ITEM_HEADERS[5]), 24),
            Column(str(ITEM_HEADERS[6]), 10),
        ],
    )
    for item in data.items:
        add_row(
            sheet,
            [
                item.body.short_name,
                item.year,
                item.get_kind_display(),
                item.amount,
                item.text,
                item.decision or None,
                item.one_off,
            ],
        )
    sheet = new_sheet(
        workbook,
        f"{prefix}{FRAMES}",
        note + " " + _("Frames per committee and year, in kronor."),
        [Column(_("Committee"), 14), Column(_("Name"), 40)]
        + [Column(str(y), 18, KRONOR) for y in years],
        read_only=True,
    )
    if data.missing_index:
        sheet.cell(
            row=FIRST_ROW,
            column=1,
            value=_("The index for %(year)s is missing in the scenario's assumptions.")
            % {"year": data.missing_index},
        )
    else:
        for body in data.bodies:
            add_row(
                sheet,
                [body.short_name, body.name]
                + [
                    data.frames[body.pk, y].value if (body.pk, y) in data.frames else None
                    for y in years
                ],
            )
    if data.balance:
        sheet = new_sheet(
            workbook,
            f"{prefix}{BALANCE}",
            note + " " + _("Budgeted result = S + B + FN − Σ frames − central items, in kronor."),
            [
                Column(_("Year"), 8),
                Column(_("S + B + FN"), 18, KRONOR),
                Column(_("Σ frames"), 18, KRONOR),
                Column(_("Central items"), 18, KRONOR),
                Column(_("Budgeted result"), 18, KRONOR),
                Column(_("Required result"), 18, KRONOR),
                Column(_("Below zero"), 10),
                Column(_("Below the goal"), 10),
            ],
            read_only=True,
        )
        for b in data.balance:
            add_row(
                sheet,
                [
                    b.year,
                    b.revenue,
                    b.frames,
                    b.central,
                    b.result,
                    b.required,
                    b.below_zero,
                    b.below_goal,
                ],
            )


def frames_workbook(data: VersionFrames, bases: dict[int, Decimal]) -> Workbook:
    """`bases`: the base-year frame per committee id (finance.selectors_frames)."""
    workbook = new_workbook(_("Frames, %(name)s") % {"name": data.version.name})
    frames_sheets(workbook, data, bases)
    return workbook


def import_frames(*, version: FrameVersion, workbook, by) -> Imported:
    """A draft version's base-year frames and change items: the file's replace the version's."""
    scenario = version.scenario
    if version.is_adopted:
        raise ImportRefused(
            [
                CellError(
                    "",
                    "",
                    _(
                        "The version “%(name)s” is adopted and cannot be changed. Copy it to a "
                        "new version to make changes."
                    )
                    % {"name": version.name},
                )
            ]
        )
    reader = Reader(workbook)
    base_sheet = reader.sheet(BASE, BASE_HEADERS)
    item_sheet = reader.sheet(ITEMS, ITEM_HEADERS)
    reader.refuse_if_errors()
    bodies = {b.short_name.casefold(): b for b in frame_bodies(scenario.cycle.organisation_id)}

    def body_of(sheet, number, value):
        body = bodies.get(str(value or "").strip().casefold())
        if body is None:
            reader.fail(
                sheet, number, 1, _("Unknown committee “%(name)s”.") % {"name": value or ""}
            )
        return body

    amounts: dict[Body, Decimal | None] = {}
    for number, cells in reader.rows(base_sheet, len(BASE_HEADERS)):
        body = body_of(base_sheet, number, cells[0])
        amount = reader.money(base_sheet, number, 3, cells[2], required=True)
        if body is not None and body in amounts:
            reader.fail(base_sheet, number, 1, _("The committee is listed twice."))
        elif body is not None:
            amounts[body] = amount
    items = []
    positive = (ChangeItem.Kind.PRIORITY, ChangeItem.Kind.SAVING)
    for number, cells in reader.rows(item_sheet, len(ITEM_HEADERS)):
        body = body_of(item_sheet, number, cells[0])
        year = reader.integer(item_sheet, number, 2, cells[1], what=_("year"))
        if year is not None and year not in scenario.years:
            reader.fail(
                item_sheet,
                number,
                2,
                _("%(year)s is outside the scenario's years %(first)s–%(last)s.")
                % {"year": year, "first": scenario.years[0], "last": scenario.years[-1]},
            )
        kind = reader.choice(item_sheet, number, 3, cells[2], ChangeItem.Kind.choices)
        amount = reader.money(item_sheet, number, 4, cells[3], required=True, negative=True)
        if kind in positive and amount is not None and amount <= 0:
            reader.fail(
                item_sheet,
                number,
                4,
                _("Write a priority or a saving as a positive amount; a saving is deducted."),
            )
        text = reader.text(item_sheet, number, 5, cells[4], max_length=300, required=True)
        decision = reader.text(item_sheet, number, 6, cells[5], max_length=200)
        one_off = reader.boolean(item_sheet, number, 7, cells[6])
        items.append((body, year, kind, amount, text, decision, one_off))
    reader.refuse_if_errors()
    listed = {b.pk for b in amounts}
    for row in version.base_frames.exclude(body_id__in=listed).select_related("body"):
        amounts[row.body] = None  # a committee left out of the file loses its base frame
    wanted = Counter((b.pk, y, k, a, t, d, o) for b, y, k, a, t, d, o in items)
    by_key = {(b.pk, y, k, a, t, d, o): (b, y, k, a, t, d, o) for b, y, k, a, t, d, o in items}
    changed = 0
    try:
        with transaction.atomic():
            before = version.version
            version = services_frames.set_base_frames(
                version=version, amounts=amounts, by=by, expected=_now(version)
            )
            changed += version.version != before
            for item in version.items.order_by("pk"):
                key = (
                    item.body_id,
                    item.year,
                    item.kind,
                    item.amount,
                    item.text,
                    item.decision,
                    item.one_off,
                )
                if wanted[key] > 0:
                    wanted[key] -= 1
                    continue
                services_frames.remove_item(item=item, by=by, expected=_now(version))
                changed += 1
            for key, count in wanted.items():
                body, year, kind, amount, text, decision, one_off = by_key[key]
                for _n in range(count):
                    services_frames.add_item(
                        version=version,
                        body=body,
                        year=year,
                        kind=kind,
                        amount=amount,
                        text=text,
                        decision=decision,
                        one_off=one_off,
                        by=by,
                        expected=_now(version),
                    )
                    changed += 1
    except DomainError as exc:
        raise ImportRefused([domain_error(exc)]) from None
    return Imported(changed=changed)
