"""Who may read and change the deficits to restore from earlier years.

Everyone who reads a cycle's frames reads its organisation's deficits to restore (the finance
office and the chief executive's office with the restoration per year of the version; a
committee's people the typed deficits only, as they do not see the region's balance check);
the finance office of the organisation changes them; the public sees nothing.
"""

from __future__ import annotations

from arshjul.accounts.roles import is_finance_office_of


def can_edit_deficits(user, organisation_id: int) -> bool:
    return is_finance_office_of(user, organisation_id)
