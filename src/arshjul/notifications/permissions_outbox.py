"""Who sees the outbox: the finance office, its own organisation's e-mail only (the failure
list and its retry); anyone else is answered 404."""

from __future__ import annotations

from django.db.models import QuerySet

from arshjul.accounts.roles import (
    is_finance_office,
    is_finance_office_of,
    is_signed_in,
    organisation_id_of,
)

from .models import OutgoingMail


def may_see_outbox(user) -> bool:
    return is_signed_in(user) and (bool(user.is_superuser) or is_finance_office(user))


def outbox_visible_to(user, qs: QuerySet[OutgoingMail]) -> QuerySet[OutgoingMail]:
    if not may_see_outbox(user):
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(organisation_id=organisation_id_of(user))


def can_retry_mail(user, mail: OutgoingMail) -> bool:
    return is_finance_office_of(user, mail.organisation_id)
