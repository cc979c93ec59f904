"""Process templates, the cycles made from them for one budget year, and their dated steps."""

from __future__ import annotations

import uuid
from decimal import Decimal
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arshjul.core.ranges import Range, RangedPositiveSmallIntegerField
from arshjul.documents.models import DocumentType
from arshjul.organisation.models import Body, Organisation, Post

from . import daterules
from .choices import Adjust, StepKind, Track, Visibility


def step_url(cycle_slug: str, key: str) -> str:
    """A step page's URL; reverse() once per cycle, as lists link hundreds of steps."""
    return _step_url_pattern(get_script_prefix(), cycle_slug).replace("__key__", key)


@lru_cache(maxsize=256)
def _step_url_pattern(script_prefix: str, cycle_slug: str) -> str:
    return reverse("process:step", kwargs={"slug": cycle_slug, "key": "__key__"})


# The process app's ranges (arshjul.core.ranges): the budget year of a cycle.
BUDGET_YEAR = Range(
    "range", Decimal(2000), Decimal(2100), _("The budget year is between 2000 and 2100.")
)


class ProcessTemplate(models.Model):
    """A reusable list of steps: the organisation's way of running one budget year."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="templates",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    span_start_rule = models.CharField(
        _("cycle starts"), max_length=200, default="date Y-2 01-01", help_text=_("A date rule.")
    )
    span_end_rule = models.CharField(
        _("cycle ends"), max_length=200, default="date Y 12-31", help_text=_("A date rule.")
    )

    class Meta:
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        for field in ("span_start_rule", "span_end_rule"):
            try:
                rule = daterules.parse(getattr(self, field))
            except daterules.RuleError as exc:
                errors[field] = ValidationError(exc.message, code=exc.code, params=exc.params)
                continue
            if rule.references():
                errors[field] = ValidationError(
                    _("The cycle's span cannot be relative to a step."), code="span_offset"
                )
            else:
                setattr(self, field, str(rule))
        if errors:
            raise ValidationError(errors)


class StepContent(models.Model):
    """What a template step and a cycle's step share: the six parts, documents and date rule."""

    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("Short name that other steps' rules refer to, e.g. kickoff."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    title = models.CharField(_("title"), max_length=200)
    participant_bodies = models.ManyToManyField(
        Body,
        verbose_name=_("participating bodies"),
        blank=True,
        related_name="%(class)s_participations",
    )
    participant_posts = models.ManyToManyField(
        Post,
        verbose_name=_("participating posts"),
        blank=True,
        related_name="%(class)s_participations",
    )
    presidium_only = models.ManyToManyField(
        Body,
        verbose_name=_("bodies represented by their presidium"),
        blank=True,
        related_name="%(class)s_presidium_invitations",
        help_text=_(
            "Of the participating bodies, those that send only their chair and vice chairs "
            "(e.g. the committees at a steering dialogue)."
        ),
    )
    chair_picks_majority = models.BooleanField(
        _("the board's chair picks the majority's representatives"),
        default=False,
        help_text=_("The board's chair is invited and picks who represents the majority."),
    )
    go_ahead_from = models.SlugField(
        _("needs the go-ahead of"),
        max_length=60,
        blank=True,
        help_text=_(
            "Key of the earlier meeting whose go-ahead this step needs, e.g. styrdialoger."
        ),
    )
    participants = models.TextField(_("participants"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    inputs = models.TextField(_("input documents"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    documentation = models.TextField(_("documentation"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    notes = models.TextField(_("further instructions"), blank=True)
    produces = models.ManyToManyField(
        DocumentType, verbose_name=_("produces"), blank=True, related_name="%(class)s_producers"
    )
    consumes = models.ManyToManyField(
        DocumentType, verbose_name=_("consumes"), blank=True, related_name="%(class)s_consumers"
    )
    rule = models.CharField(_("date rule"), max_length=200)
    election_rule = models.CharField(
        _("date rule in an election year"),
        max_length=200,
        blank=True,
        help_text=_("Used instead when the ordinary rule's date falls in a general-election year."),
    )
    adjust = models.CharField(
        _("days off"), max_length=10, choices=Adjust.choices, default=Adjust.NONE
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Refuse a rule that cannot be read, with the parser's message on the field."""
        errors = {}
        if self.key and not daterules.KEY_RE.match(self.key):
            errors["key"] = ValidationError(
                _(
                    "Write the key in lower-case letters, digits, dashes and underscores, e.g. kickoff."
                ),
                code="bad_key",
            )
        for field in ("rule", "election_rule"):
            text = getattr(self, field)
            if field == "election_rule" and not text.strip():
                continue
            try:
                setattr(self, field, str(daterules.parse(text)))
            except daterules.RuleError as exc:
                errors[field] = ValidationError(exc.message, code=exc.code, params=exc.params)
        if self.start_time and self.end_time and self.end_time < self.start_time:
            errors["end_time"] = ValidationError(
                _("The end time is before the start time."), code="end_before_start"
            )
        if errors:
            raise ValidationError(errors)


class TemplateStep(StepContent):
    template = models.ForeignKey(
        ProcessTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="steps"
    )

    class Meta:
        verbose_name = _("template step")
        verbose_name_plural = _("template steps")
        ordering = ["template", "order", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "key"], name="process_templatestep_unique_key"
            )
        ]


class Cycle(models.Model):
    """A template made real for one budget year; its steps can then be moved by hand."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cycles",
    )
    template = models.ForeignKey(
        ProcessTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="cycles"
    )
    budget_year = RangedPositiveSmallIntegerField(_("budget year"), range=BUDGET_YEAR)
    slug = models.SlugField(_("short name in links"), max_length=60, unique=True)
    start = models.DateField(_("starts"))
    end = models.DateField(_("ends"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("process", "cycle")
        verbose_name_plural = pgettext_lazy("process", "cycles")
        ordering = ["organisation", "budget_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "budget_year"], name="process_cycle_unique_budget_year"
            ),
            BUDGET_YEAR.constraint("budget_year"),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="process_cycle_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Budget year %(year)s") % {"year": self.budget_year})

    def get_absolute_url(self) -> str:
        return reverse("process:cycle", kwargs={"slug": self.slug})


class Step(StepContent):
    """One dated step of a cycle: the rule's date, and the date in force (moved by hand or not)."""

    cycle = models.ForeignKey(
        Cycle,
        verbose_name=pgettext_lazy("process", "cycle"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    template_step = models.ForeignKey(
        TemplateStep,
        verbose_name=_("template step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    rule_start = models.DateField(_("rule's start date"))
    rule_end = models.DateField(_("rule's end date"))
    start = models.DateField(_("start"), db_index=True)
    end = models.DateField(_("end"))
    moved_by_hand = models.BooleanField(_("moved by hand"), default=False)
    election_variant = models.BooleanField(_("election-year variant"), default=False)
    published = models.BooleanField(_("published"), default=False)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("process", "step")
        verbose_name_plural = pgettext_lazy("process", "steps")
        ordering = ["start", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "key"], name="process_step_unique_key"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="process_step_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(rule_end__gte=F("rule_start")), name="process_step_rule_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["cycle", "start"], name="process_step_cycle_start_idx")]

    def get_absolute_url(self) -> str:
        return step_url(self.cycle.slug, self.key)

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    @property
    def differs_from_rule(self) -> bool:
        return (self.start, self.end) != (self.rule_start, self.rule_end)
