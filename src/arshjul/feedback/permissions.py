"""Who may read and change feedback reports and the chief executive's summary: the rules of their
documents in the register (documents.permissions: a draft for those who write it, from prepared
on for the body's members and the central offices, decided or sent for the public unless
secret), and the dashboard for the finance office of the cycle's organisation."""

from __future__ import annotations

from arshjul.accounts.roles import is_executive_office, organisation_id_of
from arshjul.documents.permissions import can_edit_document, can_view_document
from arshjul.process.permissions import can_edit_cycle


def can_view_report(user, report) -> bool:
    return can_view_document(user, report.document)


def can_edit_report(user, report) -> bool:
    return can_edit_document(user, report.document)


def can_see_dashboard(user, cycle) -> bool:
    return can_edit_cycle(user, cycle)


def can_write_summary(user, cycle) -> bool:
    """The chief executive's summary: her office and the finance office of the cycle's
    organisation."""
    if can_edit_cycle(user, cycle):
        return True
    return is_executive_office(user) and organisation_id_of(user) == cycle.organisation_id
