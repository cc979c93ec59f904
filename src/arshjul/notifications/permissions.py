"""Who is told about what, and who sees which notification.

A notification goes only to people who may read its document: `readers_of` is the register's
read rule (documents.permissions.documents_visible_to) turned around, from one document to the
people who may read it, so that a fan-out asks the database once rather than once per person.
A user sees only her own notifications; another's is a 404.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from arshjul.accounts.roles import EDITOR_POSTS, person_of
from arshjul.documents.choices import DocumentStatus
from arshjul.documents.models import Document
from arshjul.organisation.choices import EXECUTIVE_OFFICE_POSTS, FINANCE_OFFICE_POSTS
from arshjul.organisation.models import Membership, Person, PostHolding

from .models import Notification


def holders(kinds, *, on: dt.date, bodies=None) -> QuerySet[PostHolding]:
    """Person ids holding a post of these kinds on the day (of these bodies, if given)."""
    qs = PostHolding.objects.on(on).filter(post__kind__in=kinds)
    if bodies is not None:
        qs = qs.filter(post__body__in=bodies)
    return qs.values("person_id")


def serving(body, *, on: dt.date) -> QuerySet[PostHolding]:
    """The secretary and head of administration of the body, or of the body it is part of
    (accounts.roles.bodies_served: the board's secretary serves its working committee)."""
    bodies = [body.pk] if body.parent_id is None else [body.pk, body.parent_id]
    return holders(EDITOR_POSTS, on=on, bodies=bodies)


def seated(body, *, on: dt.date) -> QuerySet[Membership]:
    return Membership.objects.on(on).filter(body=body).values("person_id")


def readers_of(
    document: Document, people: QuerySet[Person], *, on: dt.date | None = None
) -> QuerySet[Person]:
    """Those of `people` who may read the document (documents_visible_to, per person)."""
    on = on or timezone.localdate()
    if document.status == DocumentStatus.PUBLISHED:
        return people
    same_organisation = Q(organisation_id=document.organisation_id) & (
        Q(pk__in=holders(FINANCE_OFFICE_POSTS, on=on))
        | Q(pk__in=holders(EXECUTIVE_OFFICE_POSTS, on=on))
        | Q(pk__in=serving(document.owner_body, on=on))
        | Q(pk__in=seated(document.owner_body, on=on))
    )
    return people.filter(Q(user__is_superuser=True) | same_organisation)


def notifications_visible_to(user, qs: QuerySet[Notification]) -> QuerySet[Notification]:
    person = person_of(user)
    if person is None:
        return qs.none()
    return qs.filter(recipient=person)


def can_open_notification(user, notification: Notification) -> bool:
    person = person_of(user)
    return person is not None and notification.recipient_id == person.pk
