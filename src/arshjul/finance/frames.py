"""Committee frames chained over the horizon (FINANCE.md 4.1) and the balance check (4.2).

Pure arithmetic: plain data in, plain data out, no database, nothing rounded.

    Ram_c(base) = typed frame + the base year's change items
    Ram_c(Y)    = (Ram_c(Y−1) − KK_c(Y−1) − one-off items_c(Y−1)) × (1 + i(Y))
                  + index compensation + priorities − savings ± adjustments + KK_c(Y)
    Res(Y)      = S(Y) + B(Y) + FN(Y) − Σ_c Ram_c(Y) − CEN(Y)
    warnings    : Res(Y) < 0 (balance requirement), Res(Y) < R(Y) (financial goal)

Capital costs are a part of their own: they are never indexed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
KINDS = ("index", "priority", "saving", "adjustment")


@dataclass(frozen=True)
class Item:
    body: int
    year: int
    kind: str
    amount: Decimal  # entered positive for a saving
    text: str = ""
    decision: str = ""
    one_off: bool = False

    @property
    def signed(self) -> Decimal:
        return -self.amount if self.kind == "saving" else self.amount


@dataclass
class Frame:
    """One committee's frame in one year with its parts; `value` is exact kronor."""

    body: int
    year: int
    carried: (
        Decimal  # last year's frame without capital costs and one-offs (typed in the base year)
    )
    index_rate: Decimal
    index_amount: Decimal
    kk: Decimal
    kk_change: Decimal
    sums: dict[str, Decimal] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)

    @property
    def base(self) -> Decimal:
        """The frame without capital costs."""
        return self.value - self.kk

    @property
    def value(self) -> Decimal:
        return self.carried + self.index_amount + sum(self.sums.values(), ZERO) + self.kk


class MissingIndex(ValueError):
    def __init__(self, year: int):
        super().__init__(f"no index for {year}")
        self.year = year


def compute_frames(
    *,
    years: Sequence[int],
    base: Mapping[int, Decimal],
    index: Mapping[int, Decimal | None],
    items: Sequence[Item],
    kk: Mapping[tuple[int, int], Decimal],
) -> dict[tuple[int, int], Frame]:
    """The frames per (body, year). `base` is each committee's typed frame in the first year
    (capital costs included); `kk` the capital costs per (body, year), zero when absent."""
    by_key: dict[tuple[int, int], list[Item]] = {}
    for item in items:
        by_key.setdefault((item.body, item.year), []).append(item)
    out: dict[tuple[int, int], Frame] = {}
    for body, typed in base.items():
        previous: Frame | None = None
        for n, year in enumerate(years):
            own = by_key.get((body, year), [])
            sums = {kind: sum((i.signed for i in own if i.kind == kind), ZERO) for kind in KINDS}
            k = kk.get((body, year), ZERO)
            if n == 0:
                frame = Frame(
                    body=body,
                    year=year,
                    carried=typed - k,
                    index_rate=ZERO,
                    index_amount=ZERO,
                    kk=k,
                    kk_change=ZERO,
                    sums=sums,
                    items=own,
                )
            else:
                rate = index.get(year)
                if rate is None:
                    raise MissingIndex(year)
                one_offs = sum((i.signed for i in previous.items if i.one_off), ZERO)
                carried = previous.base - one_offs
                frame = Frame(
                    body=body,
                    year=year,
                    carried=carried,
                    index_rate=rate,
                    index_amount=carried * rate,
                    kk=k,
                    kk_change=k - previous.kk,
                    sums=sums,
                    items=own,
                )
            out[body, year] = frame
            previous = frame
    return out


@dataclass(frozen=True)
class Balance:
    year: int
    revenue: Decimal  # S + B + FN
    frames: Decimal
    central: Decimal
    required: Decimal

    @property
    def result(self) -> Decimal:
        return self.revenue - self.frames - self.central

    @property
    def below_zero(self) -> bool:
        return self.result < 0

    @property
    def below_goal(self) -> bool:
        return self.result < self.required


def balance_check(
    frames: Mapping[tuple[int, int], Frame],
    *,
    years: Sequence[int],
    revenue: Mapping[int, Decimal],
    central: Mapping[int, Decimal],
    required: Mapping[int, Decimal],
) -> list[Balance]:
    """Res(Y) = S + B + FN − Σ frames − CEN per year, with its warnings (never a block)."""
    totals = {year: ZERO for year in years}
    for (_body, year), frame in frames.items():
        if year in totals:
            totals[year] += frame.value
    return [
        Balance(
            year=year,
            revenue=revenue[year],
            frames=totals[year],
            central=central[year],
            required=required[year],
        )
        for year in years
        if year in revenue
    ]
