"""Who may read and change an organisation's finance settings and its existing assets' capital
costs: the finance office of the organisation (superusers too); everyone else gets a 404. The
capital costs page of a scenario is read as its frames are (finance.permissions_frames)."""

from __future__ import annotations

from arshjul.accounts.roles import is_finance_office_of


def can_edit_finance_settings(user, organisation_id: int | None) -> bool:
    return is_finance_office_of(user, organisation_id)
