"""The content revision: raised by every change to what pages show; read by the page cache.

Each process remembers the value it last read for PUBLIC_CACHE_STAMP_SECONDS, so that a cache
hit needs no query; a process that makes a change forgets it at once (and again at commit).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .models import ContentRevision

_remembered: dict[str, float | int | None] = {"value": None, "at": 0.0}


def bump() -> None:
    """Call in the transaction of every change to what pages show."""
    if not ContentRevision.objects.filter(pk=1).update(value=F("value") + 1):
        ContentRevision.objects.get_or_create(pk=1, defaults={"value": 1})
    forget()
    transaction.on_commit(forget)


def forget() -> None:
    _remembered["value"] = None


def current() -> int:
    now = time.monotonic()
    value = _remembered["value"]
    if (
        value is not None
        and now - float(_remembered["at"] or 0) < settings.PUBLIC_CACHE_STAMP_SECONDS
    ):
        return int(value)
    value = ContentRevision.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    _remembered.update(value=value, at=now)
    return value
