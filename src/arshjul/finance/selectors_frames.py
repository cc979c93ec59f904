"""Reads for the frames pages: a version's frames computed per committee and year, the balance
check, and the difference between two versions. A fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from arshjul.organisation.models import Body

from . import capital_costs
from .frames import Balance, Frame, Item, MissingIndex, balance_check, compute_frames
from .models import (
    BalanceNote,
    BaseFrame,
    ChangeItem,
    FrameVersion,
    Scenario,
    ScenarioYear,
)
from .models.frames import FRAME_BODY_KINDS
from .money import shown_parts
from .permissions_frames import versions_visible_to
from .selectors import space_of

ZERO = Decimal(0)


def committee_capital_costs(scenario: Scenario) -> dict[tuple[int, int], Decimal]:
    """KK per (committee, year) for the scenario: existing assets plus the investment plan's
    projects (finance.capital_costs), in a fixed number of queries."""
    return capital_costs.for_scenario(scenario).amounts()


def capital_costs_for_body(scenario: Scenario, body: Body, year: int) -> Decimal:
    """KK of one committee in one year (zero when nothing is known)."""
    return committee_capital_costs(scenario).get((body.pk, year), ZERO)


def frame_bodies(organisation_id: int):
    return Body.objects.filter(organisation_id=organisation_id, kind__in=FRAME_BODY_KINDS)


def scenario_for_frames(pk: int) -> Scenario:
    return (
        Scenario.objects.select_related("cycle", "cycle__organisation")
        .prefetch_related(Prefetch("rows", queryset=ScenarioYear.objects.order_by("year")))
        .get(pk=pk)
    )


def region_versions(scenario: Scenario, *, user) -> QuerySet:
    """The majority's (the region's own) frame versions of the scenario that the user may read,
    without party proposals (each is shown on its own page). The one selector behind the frames
    page, the API's list, the Excel exports, the difference page and the forms' choices."""
    qs = scenario.frame_versions.filter(party_proposal__isnull=True).select_related(
        "step", "copied_from", "scenario__cycle"
    )
    return versions_visible_to(user, scenario.cycle, qs)


def versions_of(scenario: Scenario, *, user) -> list[FrameVersion]:
    """`region_versions` as a list, oldest first."""
    return list(region_versions(scenario, user=user))


def version_for(scenario: Scenario, vid, *, user, party: bool = True) -> FrameVersion:
    """One frame version of the scenario that the user may read (a party proposal's too unless
    `party` is False), or 404."""
    qs = scenario.frame_versions.select_related("scenario__cycle", "copied_from", "step")
    if not party:
        qs = qs.filter(party_proposal__isnull=True)
    return get_object_or_404(versions_visible_to(user, scenario.cycle, qs), pk=vid)


def shown_table(
    frames: dict[tuple[int, int], Frame], years: list[int]
) -> tuple[dict[tuple[int, int], Decimal], dict[int, Decimal]]:
    """Every committee's frame in mnkr, rounded once over the whole table so that each year's
    column adds up to its Σ (largest remainder, `money.shown_parts`), and those Σ. Computed
    over all committees whoever reads, so that a committee's frame shows one figure on every
    page, in every reader's view."""
    shown: dict[tuple[int, int], Decimal] = {}
    totals: dict[int, Decimal] = {}
    for year in years:
        keys = sorted(k for k in frames if k[1] == year)
        parts, total = shown_parts([frames[k].value for k in keys], "mnkr")
        shown.update(zip(keys, parts, strict=True))
        totals[year] = total
    return shown, totals


def shown_beside(
    frames: dict[tuple[int, int], Frame], beside: VersionFrames
) -> tuple[dict[tuple[int, int], Decimal], dict[int, Decimal]]:
    """`shown_table` for frames shown beside another version's (a party's beside the
    majority's): a frame equal to the other's shows the other's figure, and only the differing
    ones are adjusted so that each year's column adds up to its Σ."""
    shown: dict[tuple[int, int], Decimal] = {}
    totals: dict[int, Decimal] = {}
    step = Decimal("0.1")
    for year in beside.years:
        keys = sorted(k for k in frames if k[1] == year)
        same = [
            k
            for k in keys
            if k in beside.shown
            and k in beside.frames
            and beside.frames[k].value == frames[k].value
        ]
        differing = [k for k in keys if k not in same]
        total = shown_parts([frames[k].value for k in keys], "mnkr")[1]
        shown.update({k: beside.shown[k] for k in same})
        exact = [frames[k].value / Decimal(1_000_000) for k in differing]
        floors = [(e / step).to_integral_value(rounding="ROUND_FLOOR") * step for e in exact]
        target = total - sum((shown[k] for k in same), ZERO)
        missing = int(((target - sum(floors, ZERO)) / step).to_integral_value())
        if 0 <= missing <= len(differing):
            order = sorted(range(len(differing)), key=lambda i: exact[i] - floors[i], reverse=True)
            for i in order[:missing]:
                floors[i] += step
            shown.update(zip(differing, floors, strict=True))
        else:  # cannot add up without changing an unchanged frame's figure: round each
            shown.update(
                zip(differing, shown_parts([frames[k].value for k in differing])[0], strict=True)
            )
            total = sum((shown[k] for k in keys), ZERO)
        totals[year] = total
    return shown, totals


@dataclass
class VersionFrames:
    version: FrameVersion
    years: list[int]
    bodies: list[Body]
    frames: dict[tuple[int, int], Frame]
    items: list[ChangeItem]
    balance: list[Balance] = field(default_factory=list)
    notes: dict[int, BalanceNote] = field(default_factory=dict)
    missing_index: int | None = None
    missing_space: bool = False
    kk: capital_costs.ScenarioKK | None = None
    # An adopted version shows its figures as adopted; `live` is what today's assumptions and
    # investment plan would give, and `differs` whether that differs from them.
    frozen: bool = False
    live: VersionFrames | None = None
    # Each frame in mnkr as every page shows it, rounded over the whole table (`shown_table`),
    # and each year's Σ over all committees.
    shown: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    totals: dict[int, Decimal] = field(default_factory=dict)

    def shown_total(self, year: int) -> Decimal:
        """The year's Σ as shown: of every committee, or of the rows this reader sees."""
        if len(self.frames) == len(self.shown):
            return self.totals[year]
        return sum((self.shown[k] for k in self.frames if k[1] == year), ZERO)

    @property
    def differs(self) -> bool:
        if self.live is None:
            return False
        live = {k: f.value for k, f in self.live.frames.items()}
        frozen = {k: f.value for k, f in self.frames.items()}
        results = [b.result for b in self.live.balance], [b.result for b in self.balance]
        return live != frozen or (bool(self.live.balance) and results[0] != results[1])


def frames_of(
    version: FrameVersion,
    scenario: Scenario,
    *,
    only: set[int] | None = None,
    kk: capital_costs.ScenarioKK | None = None,
    balance: bool = True,
) -> VersionFrames:
    """The version's frames (all committees are computed; `only` limits what is returned) and,
    when every committee is shown, the balance check per year."""
    years = scenario.years
    base_rows = list(
        BaseFrame.objects.filter(frame_version=version)
        .select_related("body")
        .order_by("body__name")
    )
    items = list(
        ChangeItem.objects.filter(frame_version=version)
        .select_related("body")
        .order_by("year", "body__name", "pk")
    )
    if kk is None:
        kk = capital_costs.for_scenario(scenario)
    index = {row.year: row.index for row in scenario.rows.all()}
    result = VersionFrames(
        version=version,
        years=years,
        bodies=[b.body for b in base_rows if only is None or b.body_id in only],
        frames={},
        items=[i for i in items if only is None or i.body_id in only],
        kk=kk,
    )
    try:
        frames = compute_frames(
            years=years,
            base={b.body_id: b.amount for b in base_rows},
            index=index,
            items=[
                Item(i.body_id, i.year, i.kind, i.amount, i.text, i.decision, i.one_off)
                for i in items
            ],
            kk=kk.amounts(),
        )
    except MissingIndex as exc:
        result.missing_index = exc.year
        return result
    result.frames = {k: f for k, f in frames.items() if only is None or k[0] in only}
    result.shown, result.totals = shown_table(frames, years)
    if only is None and balance:
        space = space_of(scenario, kk).space
        if space is None:
            result.missing_space = True
        else:
            fig = space.figures
            result.balance = balance_check(
                frames,
                years=years,
                revenue={
                    y: fig[y]["S"].value + fig[y]["B"].value + fig[y]["FN"].value
                    for y in space.years
                },
                central={y: fig[y]["CEN"].value for y in space.years},
                required={y: fig[y]["R"].value for y in space.years},
            )
        result.notes = {n.year: n for n in version.balance_notes.all()}
    if version.is_adopted and version.snapshot:
        return _frozen(result, version.snapshot, only, with_balance=only is None and balance)
    return result


def _d(text: str) -> Decimal:
    return Decimal(text)


def snapshot_of(data: VersionFrames) -> dict:
    """The computed figures of a version as JSON (exact decimal strings), kept on adoption."""
    return {
        "frames": [
            {
                "body": f.body,
                "year": f.year,
                "carried": str(f.carried),
                "index_rate": str(f.index_rate),
                "index_amount": str(f.index_amount),
                "kk": str(f.kk),
                "kk_change": str(f.kk_change),
                "sums": {k: str(v) for k, v in f.sums.items()},
            }
            for f in data.frames.values()
        ],
        "balance": [
            {
                "year": b.year,
                "revenue": str(b.revenue),
                "frames": str(b.frames),
                "central": str(b.central),
                "required": str(b.required),
            }
            for b in data.balance
        ],
        "kk": [
            {
                "body": body,
                "year": year,
                "existing": str(p.existing),
                "depreciation": str(p.depreciation),
                "interest": str(p.interest),
            }
            for (body, year), p in (data.kk.parts.items() if data.kk else [])
        ],
        "investments": {
            str(y): str(v) for y, v in (data.kk.investments if data.kk else {}).items()
        },
    }


def _frozen(
    live: VersionFrames, snap: dict, only: set[int] | None, *, with_balance: bool
) -> VersionFrames:
    """The version's figures as adopted, with today's computation kept for comparison."""
    items = {}
    for item in live.items:
        items.setdefault((item.body_id, item.year), []).append(item)
    frames = {
        (f["body"], f["year"]): Frame(
            body=f["body"],
            year=f["year"],
            carried=_d(f["carried"]),
            index_rate=_d(f["index_rate"]),
            index_amount=_d(f["index_amount"]),
            kk=_d(f["kk"]),
            kk_change=_d(f["kk_change"]),
            sums={k: _d(v) for k, v in f["sums"].items()},
            items=items.get((f["body"], f["year"]), []),
        )
        for f in snap["frames"]
    }
    shown, totals = shown_table(frames, live.years)
    frames = {k: f for k, f in frames.items() if only is None or k[0] in only}
    balance = [
        Balance(
            year=b["year"],
            revenue=_d(b["revenue"]),
            frames=_d(b["frames"]),
            central=_d(b["central"]),
            required=_d(b["required"]),
        )
        for b in snap["balance"]
    ]
    kk = capital_costs.ScenarioKK(
        years=live.years,
        parts={
            (p["body"], p["year"]): capital_costs.CommitteeKK(
                existing=_d(p["existing"]),
                depreciation=_d(p["depreciation"]),
                interest=_d(p["interest"]),
            )
            for p in snap["kk"]
        },
        computed=live.kk.computed if live.kk else False,
        investments={int(y): _d(v) for y, v in snap.get("investments", {}).items()},
        self_financing_goal=live.kk.self_financing_goal if live.kk else None,
    )
    return VersionFrames(
        version=live.version,
        years=live.years,
        bodies=live.bodies,
        frames=frames,
        items=live.items,
        balance=balance if with_balance else [],
        notes=live.notes,
        kk=kk,
        frozen=True,
        live=live,
        shown=shown,
        totals=totals,
    )


@dataclass
class Difference:
    body: Body
    year: int
    a: Decimal | None
    b: Decimal | None
    only_a: list[ChangeItem]
    only_b: list[ChangeItem]


def _item_key(item: ChangeItem) -> tuple:
    return (item.body_id, item.year, item.kind, item.amount, item.text, item.decision, item.one_off)


def difference(a: VersionFrames, b: VersionFrames) -> list[Difference]:
    """Per committee and year where the frames or the change items differ."""
    bodies = {body.pk: body for body in a.bodies + b.bodies}
    keys_a = {}
    for item in a.items:
        keys_a.setdefault(_item_key(item), []).append(item)
    keys_b = {}
    for item in b.items:
        keys_b.setdefault(_item_key(item), []).append(item)
    only_a: dict[tuple[int, int], list[ChangeItem]] = {}
    only_b: dict[tuple[int, int], list[ChangeItem]] = {}
    for key, items in keys_a.items():
        for item in items[len(keys_b.get(key, [])) :]:
            only_a.setdefault((item.body_id, item.year), []).append(item)
    for key, items in keys_b.items():
        for item in items[len(keys_a.get(key, [])) :]:
            only_b.setdefault((item.body_id, item.year), []).append(item)
    out = []
    for body in sorted(bodies.values(), key=lambda x: x.name):
        for year in a.years:
            fa, fb = a.frames.get((body.pk, year)), b.frames.get((body.pk, year))
            va, vb = (fa.value if fa else None), (fb.value if fb else None)
            ia, ib = only_a.get((body.pk, year), []), only_b.get((body.pk, year), [])
            if va != vb or ia or ib:
                out.append(Difference(body, year, va, vb, ia, ib))
    return out
