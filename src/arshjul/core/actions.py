"""Every audit action code, in one place, with its label."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "process.cycle.created": _("Cycle created from template"),
    "process.step.moved": _("Step moved by hand"),
    "process.step.rule_changed": _("Step's date rule changed"),
    "process.step.followed": _("Step moved with the step it is relative to"),
    "process.step.edited": _("Step's texts edited"),
    "process.step.published": _("Step published"),
    "process.step.unpublished": _("Step withdrawn from publication"),
    "process.step.reset": _("Step returned to its rule's date"),
    "documents.document.registered": _("Document registered"),
    "documents.version.added": _("Document version added"),
    "documents.document.status_changed": _("Document status changed"),
    "feedback.report.started": _("Feedback report started"),
    "feedback.report.edited": _("Feedback report edited"),
    "feedback.summary.started": _("Summary of the feedback started"),
    "feedback.summary.edited": _("Summary of the feedback edited"),
    "meetings.meeting.created": _("Meeting created"),
    "meetings.meeting.moved": _("Meeting moved"),
    "meetings.meeting.cancelled": _("Meeting cancelled"),
    "meetings.meeting.status_changed": _("Meeting's status changed"),
    "meetings.invitees.changed": _("Invitees changed"),
    "meetings.majority.picked": _("Majority's representatives picked"),
    "meetings.attendance.recorded": _("Attendance recorded"),
    "meetings.fees.rule_changed": _("Meeting's fees changed"),
    "accounts.feed_token.renewed": _("Personal calendar link renewed"),
    "organisation.person.language_changed": _("Language of e-mails changed"),
}
