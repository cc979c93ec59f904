"""Meetings from invitation to minutes: a meeting step of a cycle or a stand-alone meeting, its
invitees (resolved from the step's bodies and posts as of the meeting day, plus people added by
hand and the majority's representatives the board's chair picks), attendance, the agenda with
its input documents as invited and as handled, decisions (go-ahead or not), minutes in the
register and follow-up tasks."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arshjul.core.ranges import Range, RangedDecimalField

from .choices import Attendance, FeeKind, InviteeSource, ItemState, MeetingStatus, Outcome

# The meetings app's ranges (arshjul.core.ranges): a fee rate in kronor per meeting or day.
FEE_RATE = Range(
    "range", Decimal(0), Decimal(100_000), _("A fee rate is between 0 and 100 000 kr.")
)


class FeeRule(models.TextChoices):
    NONE = "none", _("No fees")
    BY_DURATION = "by_duration", _("Half or full day by the time attended")
    FULL_DAY = "full_day", _("Full day")
    HALF_DAY = "half_day", _("Half day")
    HOURLY = "hourly", _("By the hour")


class Meeting(models.Model):
    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    body = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("The body whose secretary runs the meeting."),
    )
    step = models.OneToOneField(
        "process.Step",
        verbose_name=pgettext_lazy("process", "step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting",
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # The six parts, copied from the step when the meeting is made and kept with it.
    participants = models.TextField(_("participants"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    inputs = models.TextField(_("input documents"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    documentation = models.TextField(_("documentation"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    fee_rule = models.CharField(
        _("fees"), max_length=12, choices=FeeRule.choices, default=FeeRule.NONE
    )
    minutes_text = models.TextField(_("minutes"), blank=True)
    minutes = models.ForeignKey(
        "documents.Document",
        verbose_name=_("minutes in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_of",
    )
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    # Labels for the history of keys that are not fields of the meeting.
    audit_labels = {
        "invitees": _("invitees"),
        "representatives": _("the majority's representatives"),
        "method": _("sent as"),
        "sequence": _("calendar revision"),
        "sent_to": _("sent to"),
        "items": _("agenda items"),
        "tasks": _("follow-up tasks"),
        "attendance": _("attendance"),
    }

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="meetings_meeting_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"pk": self.pk})


class Invitee(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitees"
    )
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    source = models.CharField(_("invited as"), max_length=12, choices=InviteeSource.choices)
    reason = models.CharField(_("because"), max_length=200, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    arrived = models.TimeField(_("arrived"), null=True, blank=True)
    left = models.TimeField(_("left"), null=True, blank=True)
    invited_sequence = models.PositiveIntegerField(
        _("calendar revision sent"),
        null=True,
        blank=True,
        help_text=_("The revision of the invitation last e-mailed to her; empty: never sent."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        ordering = ["meeting", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="meetings_invitee_unique_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_source_display()})"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("input documents"),
        blank=True,
        related_name="agenda_items",
    )
    on_invitation = models.BooleanField(
        _("on the invitation"),
        default=True,
        help_text=_("Cleared for an item added at the meeting itself."),
    )
    state = models.CharField(
        _("handled"), max_length=10, choices=ItemState.choices, default=ItemState.PLANNED
    )
    outcome = models.CharField(
        _("decision"), max_length=12, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    decision_text = models.TextField(_("decision text"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"], name="meetings_agendaitem_unique_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Task(models.Model):
    """A follow-up task from a meeting, with an owner and a due date."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="tasks"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="meeting_tasks",
    )
    due = models.DateField(_("due"))
    done = models.DateField(_("done"), null=True, blank=True)
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class FeeRate(models.Model):
    """What an elected member is paid for attending (arvode), per organisation, from a date."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="fee_rates",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FeeKind.choices)
    amount = RangedDecimalField(_("amount (SEK)"), max_digits=10, decimal_places=2, range=FEE_RATE)
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("fee rate")
        verbose_name_plural = _("fee rates")
        ordering = ["organisation", "kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "valid_from"], name="meetings_feerate_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="meetings_feerate_not_negative"
            ),
            FEE_RATE.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.valid_from})"
