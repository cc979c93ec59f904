"""Reads of the process calendar, shaped for their pages and restricted to what the user may see.

`timeline_for_cycles` feeds the overview, the wheel, the timeline, the feeds and the API alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.documents.choices import READY_WHEN_PREPARED_TYPES, DocumentStatus
from arshjul.documents.models import Document
from arshjul.documents.permissions import documents_visible_to
from arshjul.organisation.models import Membership, Person, PostHolding

from . import daterules
from .choices import StepKind
from .models import Cycle, Step
from .permissions import steps_visible_to

RELATIONS = ("participant_bodies", "participant_posts", "produces", "consumes")
# The six parts and instructions: what a step's own page, feeds and the API show, not lists.
LONG_TEXT = ("participants", "purpose", "inputs", "goal", "documentation", "follow_up", "notes")


def steps_base(relations: Iterable[str] = RELATIONS) -> QuerySet[Step]:
    return Step.objects.select_related("cycle").prefetch_related(*relations)


def timeline_for_cycles(
    *, cycles: Iterable[Cycle], user, relations: Iterable[str] = RELATIONS, lists_only: bool = False
) -> QuerySet[Step]:
    """Every step of these cycles that the user may see, in date order, ready to render.

    A page asks only for the relations it shows; `lists_only` leaves out the long texts.
    """
    ids = [c.pk for c in cycles]
    qs = steps_visible_to(user, steps_base(relations).filter(cycle_id__in=ids))
    if lists_only:
        qs = qs.defer(*LONG_TEXT)
    return qs.order_by("start", "cycle__budget_year", "order", "key")


def steps_for_person(qs: QuerySet[Step], person: Person) -> QuerySet[Step]:
    """Steps whose bodies the person sits in, or whose posts she holds, on the step's date."""
    return steps_for_people(qs, Person.objects.filter(pk=person.pk))


def steps_for_people(qs: QuerySet[Step], people: QuerySet[Person]) -> QuerySet[Step]:
    """Steps in which any of these people take part (seats and posts on the step's date)."""
    seat = Membership.objects.filter(
        person__in=people, body__step_participations=OuterRef("pk"), start__lte=OuterRef("end")
    ).filter(Q(end__isnull=True) | Q(end__gte=OuterRef("start")))
    post = PostHolding.objects.filter(
        person__in=people, post__step_participations=OuterRef("pk"), start__lte=OuterRef("end")
    ).filter(Q(end__isnull=True) | Q(end__gte=OuterRef("start")))
    return qs.filter(Exists(seat) | Exists(post))


def live_cycles(*, organisation_id: int | None = None, today: dt.date) -> list[Cycle]:
    """The cycles whose span contains today (two overlap most of the time)."""
    qs = Cycle.objects.filter(start__lte=today, end__gte=today).select_related("organisation")
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return list(qs.order_by("budget_year"))


def cycles_for_calendar_year(*, year: int, organisation_id: int | None = None) -> list[Cycle]:
    qs = Cycle.objects.filter(start__lte=dt.date(year, 12, 31), end__gte=dt.date(year, 1, 1))
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return list(qs.select_related("organisation").order_by("budget_year"))


def cycle_list() -> QuerySet[Cycle]:
    return Cycle.objects.select_related("organisation", "template").order_by(
        "organisation", "-budget_year"
    )


def step_detail(*, cycle_slug: str, key: str, user) -> Step | None:
    qs = steps_visible_to(user, steps_base().filter(cycle__slug=cycle_slug, key=key))
    return qs.select_related("cycle__organisation", "template_step").first()


def related_steps(*, step: Step, user) -> tuple[list[Step], list[Step]]:
    """Steps of the same cycle producing what this step consumes, and consuming what it produces."""
    consumes = [d.pk for d in step.consumes.all()]
    produces = [d.pk for d in step.produces.all()]
    qs = steps_visible_to(
        user,
        Step.objects.filter(cycle_id=step.cycle_id).exclude(pk=step.pk).select_related("cycle"),
    )
    before = list(qs.filter(produces__in=consumes).distinct().order_by("start")) if consumes else []
    after = list(qs.filter(consumes__in=produces).distinct().order_by("start")) if produces else []
    return before, after


@dataclass(frozen=True)
class ChainProblem:
    step: Step
    message: str
    other: Step | None = None


def chain_problems(cycle: Cycle) -> list[ChainProblem]:
    """Where the chain of documents breaks, or a meeting lacks what it needs to be published.

    A step that consumes a document type must not be dated before every step of the cycle
    that produces it; a registered document a step uses must be decided by the step's date once
    that date has come; a meeting needs participants, purpose, goal and documentation.
    """
    steps = list(
        Step.objects.filter(cycle=cycle)
        .select_related("cycle")
        .prefetch_related(
            "produces",
            "consumes",
            Prefetch("participant_bodies"),
            Prefetch("participant_posts"),
            Prefetch(
                "documents_used",
                queryset=Document.objects.select_related("document_type").order_by("case_number"),
            ),
        )
        .order_by("start", "order")
    )
    today = timezone.localdate()
    producers: dict[int, list[Step]] = {}
    for s in steps:
        for d in s.produces.all():
            producers.setdefault(d.pk, []).append(s)
    problems: list[ChainProblem] = []
    for s in steps:
        for d in s.consumes.all():
            makers = [p for p in producers.get(d.pk, []) if p.pk != s.pk]
            if makers and all(p.start > s.start for p in makers):
                first = min(makers, key=lambda p: p.start)
                problems.append(
                    ChainProblem(
                        step=s,
                        other=first,
                        message=_(
                            "Needs “%(doc)s”, but the first step that produces it starts later (%(date)s)."
                        )
                        % {"doc": d.name, "date": first.start.isoformat()},
                    )
                )
        if s.start <= today:
            for doc in s.documents_used.all():
                if not _ready(doc):
                    problems.append(
                        ChainProblem(
                            step=s,
                            message=_("Uses %(case)s “%(title)s”, which is still “%(status)s”.")
                            % {
                                "case": doc.case_number,
                                "title": doc.title,
                                "status": doc.get_status_display(),
                            },
                        )
                    )
        if s.kind == StepKind.MEETING:
            missing = meeting_gaps(s)
            if missing:
                problems.append(
                    ChainProblem(
                        step=s,
                        message=_("Cannot be published until it states: %(missing)s.")
                        % {"missing": ", ".join(missing)},
                    )
                )
    return problems


DECIDED_STATUSES = (DocumentStatus.DECIDED, DocumentStatus.SENT, DocumentStatus.PUBLISHED)


def _ready(doc: Document) -> bool:
    """Whether a used document is ready for the step: decided, or prepared where its type needs
    no decision of its own (an official's memo, a presentation)."""
    if doc.document_type.code in READY_WHEN_PREPARED_TYPES:
        return doc.status != DocumentStatus.DRAFT
    return doc.status in DECIDED_STATUSES


def step_documents(*, step: Step, user) -> tuple[list[Document], list[Document]]:
    """The registered documents a step produces and uses, as far as the user may see them."""
    qs = documents_visible_to(user, Document.objects.select_related("document_type"))
    produced = list(qs.filter(produced_by=step).order_by("case_number"))
    used = list(qs.filter(used_by=step).order_by("case_number"))
    return produced, used


def meeting_gaps(step: Step) -> list[str]:
    """The parts a meeting must state before it is published, by name, that it lacks."""
    missing = []
    has_participants = (
        step.participants.strip()
        or step.participant_bodies.all().exists()
        or step.participant_posts.all().exists()
    )
    if not has_participants:
        missing.append(_("participants"))
    if not step.purpose.strip():
        missing.append(_("purpose"))
    if not step.goal.strip():
        missing.append(_("goal"))
    if not step.documentation.strip():
        missing.append(_("documentation"))
    return missing


def rule_in_words(step: Step, *, user) -> dict[str, str]:
    """The step's rule (and election-year rule) in words, naming the steps it is relative to
    by their titles where the user may see them, and as "another step" where not."""
    return rules_in_words([step], user=user)[step.pk]


def rules_in_words(steps: list[Step], *, user) -> dict[int, dict[str, str]]:
    """rule_in_words for many steps at once (one query for the titles): step id → {"rule":
    words, "election_rule": words}, a rule that does not parse left out."""
    parsed: dict[int, dict[str, daterules.Rule]] = {}
    wanted: set[tuple[int, str]] = set()
    for step in steps:
        parsed[step.pk] = {}
        for name in ("rule", "election_rule"):
            text = getattr(step, name)
            if not text.strip():
                continue
            try:
                rule = daterules.parse(text)
            except daterules.RuleError:
                continue
            parsed[step.pk][name] = rule
            wanted |= {(step.cycle_id, key) for key in rule.references()}
    titles: dict[tuple[int, str], str] = {}
    if wanted:
        cycles = {c for c, _k in wanted}
        keys = {k for _c, k in wanted}
        visible = steps_visible_to(user, Step.objects.filter(cycle_id__in=cycles, key__in=keys))
        titles = {(c, k): t for c, k, t in visible.values_list("cycle_id", "key", "title")}
    hidden = str(_("another step"))
    out = {}
    for step in steps:
        names = {}
        for rule in parsed[step.pk].values():
            for key in rule.references():
                names[key] = titles.get((step.cycle_id, key), hidden)
        out[step.pk] = {
            name: daterules.describe(rule, names) for name, rule in parsed[step.pk].items()
        }
    return out
