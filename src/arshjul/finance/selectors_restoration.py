"""Reads for restoration: an organisation's earlier deficits (one query) and the restoration
per year of a version's balance check."""

from __future__ import annotations

from .models import EarlierDeficit
from .restoration import Deficit, Restoration, restoration
from .selectors_frames import VersionFrames


def deficits_of(organisation_id: int) -> list[EarlierDeficit]:
    return list(EarlierDeficit.objects.filter(organisation_id=organisation_id))


def restoration_of(data: VersionFrames, deficits: list[EarlierDeficit]) -> Restoration | None:
    """The restoration over the version's horizon, or None without a balance check."""
    if not data.balance:
        return None
    return restoration(
        [Deficit(d.origin_year, d.amount, d.source) for d in deficits],
        [(b.year, b.result) for b in data.balance],
    )
