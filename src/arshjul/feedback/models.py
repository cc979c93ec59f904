"""The committees' feedback reports (återkopplingsrapporter): one per committee and cycle, written
under the template's headings (the six of seed 000 by default), registered as a document whose
status (prepared → treated → decided → sent) is the report's."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Seed 000: the six headings every committee answers under, unless the template says otherwise.
DEFAULT_HEADINGS = (
    "Nämndens bidrag till fullmäktiges mål och uppdrag",
    "Nämndens utvecklingsinsatser och planerade verksamhetsförändringar",
    "Nämndens inriktning för kompetensförsörjning",
    "Nämndens plan för hållbar ekonomi och prioriteringar av resurser",
    "Nämndens investeringsplanering",
    "Nämndens övriga synpunkter – möjligheter och utmaningar",
)


class FeedbackHeading(models.Model):
    """A heading of a template's feedback report; without any, the six defaults apply."""

    template = models.ForeignKey(
        "process.ProcessTemplate",
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="feedback_headings",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("heading"), max_length=200)

    class Meta:
        verbose_name = _("feedback heading")
        verbose_name_plural = _("feedback headings")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "order"], name="feedback_feedbackheading_unique_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class FeedbackReport(models.Model):
    cycle = models.ForeignKey(
        "process.Cycle",
        verbose_name=pgettext_lazy("process", "cycle"),
        on_delete=models.CASCADE,
        related_name="feedback_reports",
    )
    body = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="feedback_reports",
    )
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="feedback_report",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")
        ordering = ["cycle", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "body"], name="feedback_feedbackreport_unique_body"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:report", kwargs={"pk": self.pk})


class FeedbackSection(models.Model):
    """The committee's answer under one heading: formatted text, sanitised when saved."""

    report = models.ForeignKey(
        FeedbackReport,
        verbose_name=_("feedback report"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "order"], name="feedback_feedbacksection_unique_order"
            )
        ]

    def __str__(self) -> str:
        return self.heading


class ReminderSent(models.Model):
    """A reminder e-mailed to a committee about one deadline, so that none goes out twice."""

    body = models.ForeignKey(
        "organisation.Body", verbose_name=_("committee"), on_delete=models.CASCADE, related_name="+"
    )
    step = models.ForeignKey(
        "process.Step",
        verbose_name=pgettext_lazy("process", "step"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "step", "days_before"], name="feedback_remindersent_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.step} -{self.days_before}"


class FeedbackSummary(models.Model):
    """The chief executive's summary of the committees' answers (regiondirektörens
    sammanfattning), written in the app by the finance office under the same headings and
    registered as a document of the executive board; the input to the preparation meeting that
    follows the steering dialogues (seed 001)."""

    cycle = models.OneToOneField(
        "process.Cycle",
        verbose_name=pgettext_lazy("process", "cycle"),
        on_delete=models.CASCADE,
        related_name="feedback_summary",
    )
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="feedback_summary",
    )
    introduction = models.TextField(_("introduction"), blank=True)
    # [{"heading": str, "text": sanitised HTML}, ...] in the headings' order, fixed when started.
    sections = models.JSONField(_("sections"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("chief executive's summary")
        verbose_name_plural = _("chief executive's summaries")

    def __str__(self) -> str:
        return str(_("Summary of the feedback, %(cycle)s") % {"cycle": self.cycle})

    def get_absolute_url(self) -> str:
        return reverse("feedback:summary", kwargs={"slug": self.cycle.slug})
