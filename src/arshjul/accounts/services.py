"""Account changes: the personal calendar link."""

from __future__ import annotations

from django.db import transaction

from arshjul.core.audit import record

from .models import FeedToken, new_token


def feed_token_for(user) -> FeedToken:
    """The user's calendar token, made on first use."""
    token, _ = FeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def renew_feed_token(*, user) -> FeedToken:
    """Give the user a new secret link; the old one stops working at once."""
    token = feed_token_for(user)
    token.token = new_token()
    token.save(update_fields=["token", "created"])
    record(token, action="accounts.feed_token.renewed", by=user)
    return token
