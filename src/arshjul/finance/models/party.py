"""Party budgets (yrkanden): an opposition party's counter-proposal as a scenario built on the
same frames. The proposal is a frame version of its own holding only the party's change items,
linked to the version it builds on (the majority's); its frames are the base version's frames
with the party's items on top."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.organisation.models import Party

from .frames import FrameVersion


class PartyProposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        TABLED = "tabled", _("tabled")

    frame_version = models.OneToOneField(
        FrameVersion,
        verbose_name=_("frame version"),
        on_delete=models.CASCADE,
        related_name="party_proposal",
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.PROTECT, related_name="proposals"
    )
    base = models.ForeignKey(
        FrameVersion,
        verbose_name=_("based on"),
        on_delete=models.PROTECT,
        related_name="party_proposals",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    tabled_on = models.DateField(_("tabled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("party proposal")
        verbose_name_plural = _("party proposals")
        ordering = ["party__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(frame_version=models.F("base")),
                name="finance_partyproposal_not_own_base",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(tabled_on__isnull=False),
                name="finance_partyproposal_tabled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.frame_version_id}"

    @property
    def is_tabled(self) -> bool:
        return self.status == self.Status.TABLED
