"""Frames per committee and year (FINANCE.md 4.1) in versions, with their change items and the
balance check's recorded reasons (4.2).

A frame version belongs to a scenario ("Förslag beredning 2021-12", "Fastställd regionplan",
"Revidering feb"); a draft is edited, an adopted version is frozen. The base year's frame is
typed per committee; later years are computed from change items (see `finance.frames`).
Amounts are exact Decimal kronor; a saving is entered positive and deducted.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import RangedDecimalField
from arshjul.organisation.models import Body
from arshjul.process.models import Step

from .assumptions import Scenario
from .ranges import AMOUNT

FRAME_BODY_KINDS = ("council", "board", "committee", "other")


def _amount(label, **kwargs) -> models.DecimalField:
    return RangedDecimalField(label, max_digits=16, decimal_places=2, range=AMOUNT, **kwargs)


class FrameVersion(models.Model):
    class Status(models.TextChoices):
        # A draft is the finance office's; a prepared version is read by everyone with a role
        # in the process (finance.permissions_frames); an adopted one is frozen.
        DRAFT = "draft", _("draft")
        PREPARED = "prepared", _("prepared")
        ADOPTED = "adopted", _("adopted")

    scenario = models.ForeignKey(
        Scenario,
        verbose_name=_("scenario"),
        on_delete=models.CASCADE,
        related_name="frame_versions",
    )
    name = models.CharField(_("name"), max_length=120)
    step = models.ForeignKey(
        Step,
        verbose_name=_("cycle step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # The figures as adopted (finance.selectors_frames.snapshot_of): an adopted version shows
    # these, whatever happens to the scenario's assumptions or the investment plan afterwards.
    snapshot = models.JSONField(_("figures as adopted"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("frame version")
        verbose_name_plural = _("frame versions")
        ordering = ["scenario", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "name"], name="finance_frameversion_unique_name"
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(adopted_on__isnull=False),
                name="finance_frameversion_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_party_proposal(self) -> bool:
        return hasattr(self, "party_proposal")


class BaseFrame(models.Model):
    """A committee's frame in the scenario's budget year as adopted (capital costs included)."""

    frame_version = models.ForeignKey(
        FrameVersion, on_delete=models.CASCADE, related_name="base_frames"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+"
    )
    amount = _amount(_("frame in the budget year"))

    class Meta:
        verbose_name = _("base-year frame")
        verbose_name_plural = _("base-year frames")
        constraints = [
            models.UniqueConstraint(
                fields=["frame_version", "body"], name="finance_baseframe_unique_body"
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.amount}"


class ChangeItem(models.Model):
    """One change from last year's frame: a priority, a saving, a technical adjustment or an
    extra index compensation, for a committee and year; carried into later years unless one-off."""

    class Kind(models.TextChoices):
        INDEX = "index", _("index compensation")
        PRIORITY = "priority", _("priority")
        SAVING = "saving", _("saving")
        ADJUSTMENT = "adjustment", _("technical adjustment")

    frame_version = models.ForeignKey(FrameVersion, on_delete=models.CASCADE, related_name="items")
    body = models.ForeignKey(
        Body, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    amount = _amount(_("amount"))
    text = models.CharField(_("text"), max_length=300)
    decision = models.CharField(_("decision reference"), max_length=200, blank=True)
    one_off = models.BooleanField(_("one-off"), default=False)

    class Meta:
        verbose_name = _("change item")
        verbose_name_plural = _("change items")
        ordering = ["frame_version", "year", "body", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=("priority", "saving")) | Q(amount__gt=0),
                name="finance_changeitem_priority_saving_positive",
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}: {self.text}"

    @property
    def signed_amount(self):
        return -self.amount if self.kind == self.Kind.SAVING else self.amount


class BalanceNote(models.Model):
    """For a year whose budgeted result is below zero: the reason (synnerliga skäl) and the plan
    to restore the deficit, recorded with the version."""

    frame_version = models.ForeignKey(
        FrameVersion, on_delete=models.CASCADE, related_name="balance_notes"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    reason = models.TextField(_("exceptional reasons (synnerliga skäl)"), blank=True)
    restoration = models.TextField(_("restoration plan"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["frame_version", "year"], name="finance_balancenote_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.frame_version_id} {self.year}"
