"""Changes to the process calendar: making a cycle from its template, moving, re-ruling and
publishing steps. Each runs in a transaction, checks who may do it, and writes the audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from arshjul.accounts.roles import require_actor
from arshjul.core import revision
from arshjul.core.audit import record, record_many
from arshjul.core.errors import DomainError, require_version

from . import daterules
from .choices import StepKind
from .models import Cycle, ProcessTemplate, Step, TemplateStep
from .permissions import can_edit_cycle
from .selectors import meeting_gaps

CONTENT_FIELDS = (
    "key",
    "order",
    "kind",
    "track",
    "title",
    "participants",
    "purpose",
    "inputs",
    "goal",
    "documentation",
    "follow_up",
    "notes",
    "chair_picks_majority",
    "go_ahead_from",
    "rule",
    "election_rule",
    "adjust",
    "start_time",
    "end_time",
    "location",
    "visibility",
)
M2M_FIELDS = (
    "participant_bodies",
    "participant_posts",
    "presidium_only",
    "produces",
    "consumes",
)


def _rule_error(exc: daterules.RuleError, field: str | None = None) -> DomainError:
    return DomainError(exc.message, code=exc.code, params=exc.params, field=field)


def _step_rule(rule: str, election_rule: str, adjust: str, *, key: str) -> daterules.StepRule:
    try:
        parsed = daterules.parse(rule)
    except daterules.RuleError as exc:
        raise DomainError(
            _("Step “%(key)s”: %(error)s"), code=exc.code, params={"key": key, "error": str(exc)}
        ) from exc
    try:
        variant = daterules.parse(election_rule) if election_rule.strip() else None
    except daterules.RuleError as exc:
        raise DomainError(
            _("Step “%(key)s”, election-year rule: %(error)s"),
            code=exc.code,
            params={"key": key, "error": str(exc)},
        ) from exc
    return daterules.StepRule(parsed, variant, adjust)


def cycle_span(template: ProcessTemplate, budget_year: int) -> daterules.DateSpan:
    try:
        start = daterules.parse(template.span_start_rule).resolve(budget_year)
        end = daterules.parse(template.span_end_rule).resolve(budget_year)
        return daterules.DateSpan(start.start, end.end)
    except daterules.RuleError as exc:
        raise _rule_error(exc) from exc


def _check_in_span(
    title: str, span: daterules.DateSpan, cycle_start: dt.date, cycle_end: dt.date
) -> None:
    if span.start < cycle_start or span.end > cycle_end:
        day = lambda d: date_format(d, "j F Y")  # noqa: E731
        when = day(span.start) if span.single_day else f"{day(span.start)} – {day(span.end)}"
        raise DomainError(
            _(
                "“%(step)s” would fall on %(when)s, outside the cycle (%(cycle_start)s – "
                "%(cycle_end)s). Change its date or the cycle's span."
            ),
            code="outside_cycle",
            params={
                "step": title,
                "when": when,
                "cycle_start": day(cycle_start),
                "cycle_end": day(cycle_end),
            },
        )


def resolve_template(
    template_steps: list[TemplateStep], budget_year: int
) -> dict[str, daterules.Resolved]:
    rules = {
        ts.key: _step_rule(ts.rule, ts.election_rule, ts.adjust, key=ts.key)
        for ts in template_steps
    }
    try:
        return daterules.resolve_all(rules, budget_year)
    except daterules.RuleError as exc:
        raise _rule_error(exc) from exc


@transaction.atomic
def generate_cycle(*, template: ProcessTemplate, budget_year: int, by, slug: str = "") -> Cycle:
    """Make the cycle of `budget_year` from `template`, every step dated by its rule."""
    require_actor(by)
    if not getattr(by, "is_superuser", False):
        probe = Cycle(organisation=template.organisation)
        if not can_edit_cycle(by, probe):
            raise DomainError(_("Only the finance office may create cycles."), code="forbidden")
    if Cycle.objects.filter(organisation=template.organisation, budget_year=budget_year).exists():
        raise DomainError(
            _("There is already a cycle for budget year %(year)s."),
            code="duplicate_cycle",
            params={"year": budget_year},
        )
    template_steps = list(template.steps.order_by("order", "key"))
    resolved = resolve_template(template_steps, budget_year)
    span = cycle_span(template, budget_year)
    titles = {ts.key: daterules.fill_years(ts.title, budget_year) for ts in template_steps}
    for key, r in resolved.items():
        _check_in_span(titles[key], r.span, span.start, span.end)
    cycle = Cycle.objects.create(
        organisation=template.organisation,
        template=template,
        budget_year=budget_year,
        slug=slug or f"{template.organisation.slug}-{budget_year}",
        start=span.start,
        end=span.end,
    )
    steps = []
    for ts in template_steps:
        r = resolved[ts.key]
        steps.append(
            Step(
                cycle=cycle,
                template_step=ts,
                rule_start=r.span.start,
                rule_end=r.span.end,
                start=r.span.start,
                end=r.span.end,
                election_variant=r.election_variant,
                **{f: _filled(getattr(ts, f), budget_year) for f in CONTENT_FIELDS},
            )
        )
    Step.objects.bulk_create(steps)
    step_ids = dict(Step.objects.filter(cycle=cycle).values_list("template_step_id", "pk"))
    for field in M2M_FIELDS:
        # Copy the template's link rows straight from its link table: one read, one write.
        source = getattr(TemplateStep, field).through
        target = getattr(Step, field).through
        other = getattr(Step, field).field.m2m_reverse_field_name()
        links = source.objects.filter(templatestep__template=template).values_list(
            "templatestep_id", f"{other}_id"
        )
        target.objects.bulk_create(
            [target(**{"step_id": step_ids[ts], f"{other}_id": obj}) for ts, obj in links]
        )
    record(cycle, action="process.cycle.created", by=by, changes={"steps": (None, len(steps))})
    revision.bump()
    return cycle


def _filled(value, budget_year: int):
    return daterules.fill_years(value, budget_year) if isinstance(value, str) else value


def _lock_cycle(cycle_id: int) -> Cycle:
    """Every change to a cycle's steps locks the cycle first, then its steps: one order of locks,
    so two changes in the same cycle wait for each other instead of deadlocking."""
    return Cycle.objects.select_for_update().get(pk=cycle_id)


def _lock_step(step: Step, version: int | None, *, by) -> Step:
    locked = Step.objects.select_for_update().select_related("cycle").get(pk=step.pk)
    if require_version(version, by) is not None and locked.version != version:
        raise DomainError(
            _(
                "Someone else changed this step while you were editing it. "
                "Your change was not saved: reload the page to see theirs, then try again."
            ),
            code="stale",
        )
    return locked


def _touch(cycle_id: int) -> None:
    """The cycle's steps changed: pages and feeds cached before are no longer used."""
    revision.bump()


def _require_editor(user, cycle: Cycle) -> None:
    """`user` None is the system itself (management commands, the demo), never a request."""
    if user is not None and not can_edit_cycle(user, cycle):
        raise DomainError(_("Only the finance office may change this cycle."), code="forbidden")


def recompute_cycle(*, cycle: Cycle, by, rules: dict[str, daterules.StepRule] | None = None) -> int:
    """Re-date every step by its rule; steps not moved by hand follow. Returns how many moved."""
    require_actor(by)
    steps = list(Step.objects.select_for_update().filter(cycle=cycle))
    rules = rules or {
        s.key: _step_rule(s.rule, s.election_rule, s.adjust, key=s.key) for s in steps
    }
    overrides = {s.key: daterules.DateSpan(s.start, s.end) for s in steps if s.moved_by_hand}
    try:
        resolved = daterules.resolve_all(rules, cycle.budget_year, overrides)
    except daterules.RuleError as exc:
        raise _rule_error(exc) from exc
    moved = 0
    for s in steps:
        r = resolved[s.key]
        _check_in_span(s.title, r.span, cycle.start, cycle.end)
        changed_rule = (s.rule_start, s.rule_end) != (r.span.start, r.span.end)
        if not changed_rule and s.election_variant == r.election_variant:
            continue
        before = (s.start, s.end)
        s.rule_start, s.rule_end, s.election_variant = r.span.start, r.span.end, r.election_variant
        fields = ["rule_start", "rule_end", "election_variant", "updated"]
        if not s.moved_by_hand and before != (r.span.start, r.span.end):
            s.start, s.end = r.span.start, r.span.end
            s.sequence += 1
            s.version += 1
            fields += ["start", "end", "sequence", "version"]
            moved += 1
            record(
                s,
                action="process.step.followed",
                by=by,
                changes={"start": (before[0], s.start), "end": (before[1], s.end)},
            )
        s.save(update_fields=fields)
    return moved


@transaction.atomic
def move_step(*, step: Step, start: dt.date, end: dt.date | None, by, version: int | None) -> Step:
    """Move a step by hand; its rule's date stays beside it and steps relative to it follow."""
    _require_editor(by, step.cycle)
    _lock_cycle(step.cycle_id)
    step = _lock_step(step, version, by=by)
    end = end or start
    if end < start:
        raise DomainError(
            _("The end (%(end)s) is before the start (%(start)s)."),
            code="end_before_start",
            params={"start": start.isoformat(), "end": end.isoformat()},
            field="end",
        )
    _check_in_span(step.title, daterules.DateSpan(start, end), step.cycle.start, step.cycle.end)
    before = (step.start, step.end)
    if before == (start, end):
        return step
    step.start, step.end = start, end
    step.moved_by_hand = (start, end) != (step.rule_start, step.rule_end)
    step.sequence += 1
    step.version += 1
    step.save(update_fields=["start", "end", "moved_by_hand", "sequence", "version", "updated"])
    record(
        step,
        action="process.step.moved",
        by=by,
        changes={"start": (before[0], start), "end": (before[1], end)},
    )
    recompute_cycle(cycle=step.cycle, by=by)
    _touch(step.cycle_id)
    step.refresh_from_db()
    return step


@transaction.atomic
def reset_step(*, step: Step, by, version: int | None) -> Step:
    """Put a step moved by hand back on its rule's date."""
    _require_editor(by, step.cycle)
    _lock_cycle(step.cycle_id)
    step = _lock_step(step, version, by=by)
    if not step.moved_by_hand:
        return step
    before = (step.start, step.end)
    step.start, step.end, step.moved_by_hand = step.rule_start, step.rule_end, False
    step.sequence += 1
    step.version += 1
    step.save(update_fields=["start", "end", "moved_by_hand", "sequence", "version", "updated"])
    record(
        step,
        action="process.step.reset",
        by=by,
        changes={"start": (before[0], step.start), "end": (before[1], step.end)},
    )
    recompute_cycle(cycle=step.cycle, by=by)
    _touch(step.cycle_id)
    step.refresh_from_db()
    return step


@transaction.atomic
def change_step_rule(
    *, step: Step, rule: str, election_rule: str, adjust: str, by, version: int | None
) -> Step:
    """Give a step a new date rule; refused if it makes a loop or falls outside the cycle."""
    _require_editor(by, step.cycle)
    _lock_cycle(step.cycle_id)
    step = _lock_step(step, version, by=by)
    for field, text in (("rule", rule), ("election_rule", election_rule)):
        if not text.strip() and field == "election_rule":
            continue
        try:
            daterules.parse(text)
        except daterules.RuleError as exc:
            raise _rule_error(exc, field=field) from exc
    others = (
        Step.objects.filter(cycle=step.cycle)
        .exclude(pk=step.pk)
        .values_list("key", "rule", "election_rule", "adjust")
    )
    rules = {k: _step_rule(r, e, a, key=k) for k, r, e, a in others}
    rules[step.key] = _step_rule(rule, election_rule, adjust, key=step.key)
    try:
        daterules.dependency_order(rules)
    except daterules.RuleError as exc:
        raise _rule_error(exc, field="rule") from exc
    before = {"rule": step.rule, "election_rule": step.election_rule, "adjust": step.adjust}
    step.rule, step.election_rule, step.adjust = (
        " ".join(rule.split()),
        " ".join(election_rule.split()),
        adjust,
    )
    step.version += 1
    step.save(update_fields=["rule", "election_rule", "adjust", "version", "updated"])
    record(
        step,
        action="process.step.rule_changed",
        by=by,
        changes={k: (v, getattr(step, k)) for k, v in before.items() if v != getattr(step, k)},
    )
    recompute_cycle(cycle=step.cycle, by=by, rules=rules)
    _touch(step.cycle_id)
    step.refresh_from_db()
    return step


@transaction.atomic
def publish_step(*, step: Step, by, publish: bool = True, version: int | None) -> Step:
    """Publish a step (or withdraw it). A meeting must state its participants, purpose, goal and
    documentation first."""
    _require_editor(by, step.cycle)
    _lock_cycle(step.cycle_id)
    step = _lock_step(step, version, by=by)
    if step.published == publish:
        return step
    if publish and step.kind == StepKind.MEETING:
        missing = meeting_gaps(step)
        if missing:
            raise DomainError(
                _("A meeting cannot be published before it states: %(missing)s."),
                code="incomplete_meeting",
                params={"missing": ", ".join(str(m) for m in missing)},
            )
    step.published = publish
    step.sequence += 1
    step.version += 1
    step.save(update_fields=["published", "sequence", "version", "updated"])
    record(
        step,
        action="process.step.published" if publish else "process.step.unpublished",
        by=by,
        changes={"published": (not publish, publish)},
    )
    _touch(step.cycle_id)
    return step


def publishable_steps(cycle: Cycle, *, exclude_kinds: tuple[str, ...] = ()) -> list[Step]:
    """The drafts of a cycle that may be published now: meetings must state their parts."""
    drafts = (
        Step.objects.filter(cycle=cycle, published=False)
        .exclude(kind__in=exclude_kinds)
        .prefetch_related("participant_bodies", "participant_posts")
        .order_by("start", "order")
    )
    return [s for s in drafts if s.kind != StepKind.MEETING or not meeting_gaps(s)]


@transaction.atomic
def publish_cycle(*, cycle: Cycle, by, exclude_kinds: tuple[str, ...] = ()) -> int:
    """Publish every draft of a cycle that may be published; returns how many were."""
    _require_editor(by, cycle)
    _lock_cycle(cycle.pk)
    steps = publishable_steps(cycle, exclude_kinds=exclude_kinds)
    for step in steps:
        step.published = True
        step.sequence += 1
        step.version += 1
    Step.objects.bulk_update(steps, ["published", "sequence", "version"])
    record_many(steps, action="process.step.published", by=by, changes={"published": (False, True)})
    if steps:
        _touch(cycle.pk)
    return len(steps)
