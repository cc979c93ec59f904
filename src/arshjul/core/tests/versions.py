"""The version a user would have seen on the page: tests pass it to services, which refuse a
write from a user without it."""

from __future__ import annotations


def seen(obj) -> int:
    """The object's version as stored now (not as a possibly stale Python object holds it)."""
    return type(obj).objects.values_list("version", flat=True).get(pk=obj.pk)
