"""The unit budgets' sum check (FINANCE.md 7.4): the budgets of a committee's units in a year
must add up to the committee's frame. Pure arithmetic; a warning, never a block."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class SumCheck:
    frame: Decimal | None
    total: Decimal

    @property
    def difference(self) -> Decimal | None:
        """Σ unit budgets − frame (positive: the units budget more than the frame)."""
        return None if self.frame is None else self.total - self.frame

    @property
    def warning(self) -> bool:
        return self.frame is not None and self.total != self.frame


def sum_check(amounts: Iterable[Decimal | None], frame: Decimal | None) -> SumCheck:
    return SumCheck(frame=frame, total=sum((a for a in amounts if a is not None), ZERO))
