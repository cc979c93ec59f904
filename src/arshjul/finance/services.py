"""Changes to the finance app's objects: one function per use case, in a transaction, with the
audit trail (before and after) and refusal of a stale form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.accounts.roles import require_actor
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.core.ranges import check_ranges
from arshjul.process.models import Cycle

from .models import Scenario, ScenarioYear
from .models.assumptions import ASSUMPTION_FIELDS, MAX_PLAN_YEARS, MIN_YEARS
from .models.ranges import AMOUNT
from .permissions import can_edit_assumptions


def _shown(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _check_horizon(plan_years: int) -> None:
    if plan_years < MIN_YEARS - 1:
        raise DomainError(
            _(
                "The plan must cover at least three years in all: the budget year and at least "
                "two plan years (kommunallagen 11 kap.)."
            ),
            code="horizon",
            field="plan_years",
        )
    if plan_years > MAX_PLAN_YEARS:
        raise DomainError(
            _("At most %(n)s plan years.") % {"n": MAX_PLAN_YEARS},
            code="horizon",
            field="plan_years",
        )


def _check_name(cycle: Cycle, name: str, *, exclude: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the scenario a name."), code="name", field="name")
    if Scenario.objects.filter(cycle=cycle, name__iexact=name).exclude(pk=exclude).exists():
        raise DomainError(
            _("This cycle already has a scenario called “%(name)s”.") % {"name": name},
            code="name",
            field="name",
        )
    return name


@transaction.atomic
def create_scenario(
    *,
    cycle: Cycle,
    name: str,
    by,
    plan_years: int | None = None,
    copy_from: Scenario | None = None,
) -> Scenario:
    """A new scenario for the cycle, empty or a copy of another one's assumptions. Years
    beyond the copied ones repeat its last year, with the tax revenue left to grow."""
    require_actor(by)
    if not can_edit_assumptions(by, cycle):
        raise DomainError(_("You may not change the cycle's assumptions."), code="forbidden")
    if copy_from is not None and copy_from.cycle_id != cycle.pk:
        raise DomainError(_("Copy a scenario of the same cycle."), code="copy_from")
    if plan_years is None:
        plan_years = (
            copy_from.plan_years if copy_from else Scenario._meta.get_field("plan_years").default
        )
    _check_horizon(plan_years)
    name = _check_name(cycle, name)
    order = Scenario.objects.filter(cycle=cycle).count()
    try:
        with transaction.atomic():
            scenario = Scenario.objects.create(
                cycle=cycle,
                name=name,
                plan_years=plan_years,
                base_frames=copy_from.base_frames if copy_from else None,
                order=order,
            )
    except IntegrityError as exc:  # a scenario of that name made at the same moment
        raise DomainError(
            _("This cycle already has a scenario called “%(name)s”.") % {"name": name},
            code="name",
            field="name",
        ) from exc
    source_rows = {row.year: row for row in copy_from.rows.order_by("year")} if copy_from else {}
    rows = []
    last = None
    for year in scenario.years:
        original = source_rows.get(year)
        values = {}
        if original is not None:
            values = {f: getattr(original, f) for f, _kind in ASSUMPTION_FIELDS}
            last = original
        elif last is not None:
            values = {f: getattr(last, f) for f, _kind in ASSUMPTION_FIELDS}
            values["tax_revenue"] = None
        rows.append(ScenarioYear(scenario=scenario, year=year, **values))
    ScenarioYear.objects.bulk_create(rows)
    record(
        scenario,
        action="finance.scenario.created",
        by=by,
        changes={"copied from": (None, copy_from.name)} if copy_from else {},
    )
    return scenario


# The per-year rules the database's constraints hold (models.assumptions.ScenarioYear), each
# with its own message: checked before anything is saved instead of Django's generic
# “Constraint … is violated”. Lazy: translated when raised, in the user's language.
NOT_NEGATIVE = {
    "tax_revenue": gettext_lazy("The tax revenue of %(year)s cannot be negative."),
    "grants": gettext_lazy("The general grants and equalisation of %(year)s cannot be negative."),
    "capital_costs": gettext_lazy("The capital costs of %(year)s cannot be negative."),
}


def _check_row(row: ScenarioYear) -> None:
    check_ranges(row)
    for field, message in NOT_NEGATIVE.items():
        value = getattr(row, field)
        if value is not None and value < 0:
            raise DomainError(message % {"year": row.year}, code="negative", field=field)
    if row.tax_rate is not None and not 0 < row.tax_rate < 100:
        raise DomainError(
            _("The tax rate of %(year)s is in kronor per 100 kronor: more than 0, less than 100.")
            % {"year": row.year},
            code="invalid",
            field="tax_rate",
        )


@transaction.atomic
def save_assumptions(
    *,
    scenario: Scenario,
    name: str,
    base_frames: Decimal | None,
    values: dict[int, dict[str, Any]],
    by,
    version: int | None,
) -> Scenario:
    """Save the scenario's name, base-year frames and its assumptions per year, all or nothing.
    Refused when someone else saved in between (the version the user started from)."""
    scenario = Scenario.objects.select_for_update().select_related("cycle").get(pk=scenario.pk)
    require_actor(by)
    if not can_edit_assumptions(by, scenario.cycle):
        raise DomainError(_("You may not change the cycle's assumptions."), code="forbidden")
    if require_version(version, by) is not None and scenario.version != version:
        raise DomainError(
            _("Someone else saved this scenario while you were editing it. Nothing was saved."),
            code="stale",
        )
    changes: dict[str, tuple[Any, Any]] = {}
    name = _check_name(scenario.cycle, name, exclude=scenario.pk)
    if name != scenario.name:
        changes["name"] = (scenario.name, name)
        scenario.name = name
    AMOUNT.check(base_frames, field="base_frames")
    if base_frames is not None and base_frames < 0:
        raise DomainError(_("The frames cannot be negative."), code="negative", field="base_frames")
    if base_frames != scenario.base_frames:
        changes["base_frames"] = (_shown(scenario.base_frames), _shown(base_frames))
        scenario.base_frames = base_frames
    rows = {row.year: row for row in scenario.rows.filter(year__in=scenario.years)}
    changed_rows = []
    for year in scenario.years:
        row = rows.get(year) or ScenarioYear(scenario=scenario, year=year)
        new = values.get(year, {})
        touched = False
        for field, _kind in ASSUMPTION_FIELDS:
            if field not in new:
                continue
            before, after = getattr(row, field), new[field]
            if field == "source":
                after = after or ""
            if before != after or (before is None) != (after is None):
                changes[f"{year} {field}"] = (_shown(before), _shown(after))
                setattr(row, field, after)
                touched = True
        if touched or row.pk is None:
            changed_rows.append(row)
    if not changes:
        return scenario
    for row in changed_rows:
        _check_row(row)
    for row in changed_rows:
        row.full_clean(exclude=["scenario"], validate_unique=False)
        row.save()
    scenario.version += 1
    scenario.save(update_fields=["name", "base_frames", "version", "updated"])
    record(scenario, action="finance.assumptions.edited", by=by, changes=changes)
    return scenario
