"""Write and read the audit trail. Every action code is listed in core/actions.py, in one place."""

from __future__ import annotations

from typing import Any

from django.db import models

from .actions import ACTIONS
from .models import AuditEntry


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def _user(by):
    """The user to store as the actor: none for the system actor (accounts.roles.SYSTEM) and
    for anonymous callers. A missing actor is refused: every write names who made it."""
    from arshjul.accounts.roles import require_actor

    require_actor(by)
    if not getattr(by, "is_authenticated", False) or getattr(by, "pk", None) is None:
        return None
    return by


def record(
    obj: models.Model, *, action: str, by, changes: dict[str, tuple[Any, Any]] | None = None
) -> AuditEntry:
    """Write one audit entry. `changes` maps a field to (before, after)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: add it to core.actions.ACTIONS")
    return AuditEntry.objects.create(
        by=_user(by),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes={k: [_jsonable(a), _jsonable(b)] for k, (a, b) in (changes or {}).items()},
    )


def record_many(
    objs: list[models.Model],
    *,
    action: str,
    by,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    """The same audit entry for many objects, written in one query."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: add it to core.actions.ACTIONS")
    who = _user(by)
    shown = {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in (changes or {}).items()}
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                by=who,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:300],
                changes=shown,
            )
            for obj in objs
        ]
    )


def history_for(obj: models.Model):
    """The audit entries for one object, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("by")
