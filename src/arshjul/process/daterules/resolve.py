"""Resolving a cycle's rules in dependency order, with election-year variants and days off."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .rules import DateSpan, Rule, RuleError
from .workdays import is_election_year, to_working_day


@dataclass(frozen=True)
class StepRule:
    """What `resolve_all` needs of one step: its rules and how to move days off."""

    rule: Rule
    election_rule: Rule | None = None
    adjust: str = "none"  # none | before | after


@dataclass(frozen=True)
class Resolved:
    span: DateSpan
    election_variant: bool


def resolve_step(step: StepRule, budget_year: int, context: Mapping[str, DateSpan]) -> Resolved:
    span = step.rule.resolve(budget_year, context)
    variant = False
    if step.election_rule is not None and is_election_year(span.start.year):
        span = step.election_rule.resolve(budget_year, context)
        variant = True
    if step.adjust != "none":
        start = to_working_day(span.start, step.adjust)
        end = start if span.single_day else to_working_day(span.end, step.adjust)
        span = DateSpan(start, max(start, end))
    return Resolved(span, variant)


def dependency_order(steps: Mapping[str, StepRule]) -> list[str]:
    """Keys ordered so that every step comes after the steps its rules refer to.

    Raises RuleError for a reference to an unknown key or a loop of offsets.
    """
    for key, step in steps.items():
        refs = step.rule.references() | (
            step.election_rule.references() if step.election_rule else frozenset()
        )
        for ref in refs:
            if ref not in steps:
                raise RuleError(
                    _(
                        "Step “%(key)s” is relative to “%(ref)s”, which is not a step of this cycle."
                    ),
                    code="unknown_anchor",
                    params={"key": key, "ref": ref},
                )
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = on the path, 2 = done

    def visit(key: str, path: list[str]) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            loop = [*path[path.index(key) :], key]
            raise RuleError(
                _(
                    "These steps are relative to each other in a loop: %(loop)s. Give one of them a date rule that does not depend on the others."
                ),
                code="loop",
                params={"loop": " → ".join(loop)},
            )
        state[key] = 1
        step = steps[key]
        refs = step.rule.references() | (
            step.election_rule.references() if step.election_rule else frozenset()
        )
        for ref in sorted(refs):
            visit(ref, [*path, key])
        state[key] = 2
        order.append(key)

    for key in steps:
        visit(key, [])
    return order


def resolve_all(
    steps: Mapping[str, StepRule],
    budget_year: int,
    overrides: Mapping[str, DateSpan] | None = None,
) -> dict[str, Resolved]:
    """Resolve every step's rule date; offsets follow the effective (possibly moved) date."""
    overrides = overrides or {}
    effective: dict[str, DateSpan] = {}
    result: dict[str, Resolved] = {}
    for key in dependency_order(steps):
        resolved = resolve_step(steps[key], budget_year, effective)
        result[key] = resolved
        effective[key] = overrides.get(key, resolved.span)
    return result
