"""Who may read and change an organisation's finance settings and its existing assets' capital
costs: the finance office of the organisation (superusers too); everyone else gets a 404. The
capital costs page of a scenario is read as its frames are (finance.permissions_frames)."""

from __future__ import annotations

from arshjul.accounts.permissions import is_finance_office, organisation_id_of


def can_edit_finance_settings(user, organisation_id: int | None) -> bool:
    if organisation_id is None or not is_finance_office(user):
        return False
    return user.is_superuser or organisation_id_of(user) == organisation_id
