"""Who may read and change the finance app's objects.

Scenarios, assumptions and the financial space: read by the finance office and the chief
executive's office of the cycle's organisation (everyone else gets a 404); changed by the
finance office only (403 for the chief executive's office).
"""

from __future__ import annotations

from arshjul.accounts.roles import is_executive_office, organisation_id_of
from arshjul.process.permissions import can_edit_cycle


def can_edit_assumptions(user, cycle) -> bool:
    return can_edit_cycle(user, cycle)


def can_read_space(user, cycle) -> bool:
    if can_edit_assumptions(user, cycle):
        return True
    return is_executive_office(user) and organisation_id_of(user) == cycle.organisation_id
