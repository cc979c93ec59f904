"""Who is told about what, and who sees which notification.

A notification goes only to people who may read its document: `readers_of` is the register's
read rule itself (documents.permissions.readers_of, the rule of documents_visible_to for one
document and many people), so that a fan-out asks the database once rather than once per
person and never drifts from what the register shows. A user sees only her own notifications;
another's is a 404.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from arshjul.accounts.roles import people_holding, people_seated, people_serving, person_of
from arshjul.documents.permissions import readers_of
from arshjul.organisation.models import Membership, PostHolding

from .models import Notification

__all__ = ["holders", "readers_of", "seated", "serving"]


def holders(kinds, *, on: dt.date, bodies=None) -> QuerySet[PostHolding]:
    """Person ids holding a post of these kinds on the day (of these bodies, if given)."""
    return people_holding(kinds, on=on, bodies=bodies)


def serving(body, *, on: dt.date) -> QuerySet[PostHolding]:
    """The secretary and head of administration of the body, or of the body it is part of."""
    return people_serving(body, on=on)


def seated(body, *, on: dt.date) -> QuerySet[Membership]:
    return people_seated([body.pk], on=on)


def notifications_visible_to(user, qs: QuerySet[Notification]) -> QuerySet[Notification]:
    person = person_of(user)
    if person is None:
        return qs.none()
    return qs.filter(recipient=person)


def can_open_notification(user, notification: Notification) -> bool:
    person = person_of(user)
    return person is not None and notification.recipient_id == person.pk
