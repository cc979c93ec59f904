"""Vocabularies of the process calendar: kinds of steps, tracks of the wheel, day-off moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StepKind(models.TextChoices):
    MEETING = "meeting", pgettext_lazy("step kind", "Meeting")
    DEADLINE = "deadline", pgettext_lazy("step kind", "Deadline")
    DELIVERY = "delivery", pgettext_lazy("step kind", "Delivery")
    DECISION = "decision", pgettext_lazy("step kind", "Decision")
    CONSULTATION = "consultation", pgettext_lazy("step kind", "Consultation")
    PHASE = "phase", pgettext_lazy("step kind", "Phase")


class Track(models.TextChoices):
    """The rings of the wheel, from the centre out."""

    PREPARATION = "preparation", _("Preparation meetings")
    COUNCIL_BOARD = "council_board", _("Council and board")
    COMMITTEES = "committees", _("Committees")
    INVESTMENTS = "investments", _("Investment planning")
    OPERATIONS = "operations", _("Operations")


class Adjust(models.TextChoices):
    NONE = "none", _("Keep the date even on a day off")
    BEFORE = "before", _("Move a day off to the working day before")
    AFTER = "after", _("Move a day off to the working day after")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public once published")
    INTERNAL = "internal", _("Internal: signed-in users only")
