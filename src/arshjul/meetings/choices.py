"""The meetings' vocabularies: a meeting's status and moves, where an invitee comes from,
attendance, agenda items as handled, decisions and fee kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "Planned")
    INVITED = "invited", pgettext_lazy("meeting status", "Invited")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    DOCUMENTED = "documented", pgettext_lazy("meeting status", "Documented")
    CLOSED = "closed", pgettext_lazy("meeting status", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


# Which status may follow which. Cancelling is its own action (it sends a CANCEL).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    MeetingStatus.PLANNED: (MeetingStatus.INVITED,),
    MeetingStatus.INVITED: (MeetingStatus.HELD,),
    MeetingStatus.HELD: (MeetingStatus.DOCUMENTED,),
    MeetingStatus.DOCUMENTED: (MeetingStatus.CLOSED,),
    MeetingStatus.CLOSED: (),
    MeetingStatus.CANCELLED: (),
}
BEFORE_HELD = (MeetingStatus.PLANNED, MeetingStatus.INVITED)
AFTER_HELD = (MeetingStatus.HELD, MeetingStatus.DOCUMENTED, MeetingStatus.CLOSED)


class InviteeSource(models.TextChoices):
    MEMBER = "member", _("Member of a participating body")
    PRESIDIUM = "presidium", _("Presidium of a participating body")
    POST = "post", _("Holder of a participating post")
    CHAIR = "chair", _("The board's chair")
    MAJORITY = "majority", _("Representative of the majority")
    HAND = "hand", _("Added by hand")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", pgettext_lazy("attendance", "Not recorded")
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    PART = "part", pgettext_lazy("attendance", "Part of the meeting")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")


class ItemState(models.TextChoices):
    """An agenda item as handled at the meeting, beside whether it was on the invitation."""

    PLANNED = "planned", pgettext_lazy("agenda item", "Planned")
    HANDLED = "handled", pgettext_lazy("agenda item", "Handled")
    DROPPED = "dropped", pgettext_lazy("agenda item", "Dropped")
    POSTPONED = "postponed", pgettext_lazy("agenda item", "Postponed")


class Outcome(models.TextChoices):
    NONE = "", pgettext_lazy("decision", "No decision")
    GIVEN = "given", _("Go-ahead given")
    WITH_CHANGES = "with_changes", _("Go-ahead given with changes")
    NOT_GIVEN = "not_given", _("Go-ahead not given")
    NOTED = "noted", _("Noted (no go-ahead needed)")


GO_AHEAD = (Outcome.GIVEN, Outcome.WITH_CHANGES)


class FeeKind(models.TextChoices):
    FULL_DAY = "full_day", _("Full day")
    HALF_DAY = "half_day", _("Half day")
    HOURLY = "hourly", _("By the hour")
