"""`make bench-finance`: recalculating the region's money (issue 6).

A synthetic region in its own SQLite file under var/bench/ (never var/arshjul.sqlite3): 50
committees, 1,000 units with a budget each, 3 scenarios with 4-year horizons and internal
rates of their own, a frame version per scenario (a base frame per committee and change items
in every year), and 2,000 investment projects with cash flows over 10 years and 1–4 components
each. Projects alone grow: 1× is 2,000, 2× is 4,000, 4× is 8,000.

Measured, per scale, repeated (median and p95 in ms):

(a) pure: for each of the three scenarios, every project's capital costs with the scenario's
    internal rates (finance.capital.project_capital), summed per owner committee
    (capital.by_owner), every committee's frames with those capital costs
    (finance.frames.compute_frames), the financial space and the balance check, and the unit
    budgets' sum check against the frames. The rows are loaded once, before timing.
(b) loaded: the same with the rows read from the database through the app's selectors
    (selectors_investments, selectors_frames.frames_of) on every repetition.

(a) and (b) must agree to the öre; the bench stops if they do not. Target: (a) under 200 ms
at 1× and linear in the number of projects. A miss is marked MISSED, never a failure.

`python bench/finance.py` runs everything and writes bench/results/finance.json and .md;
`python -m bench.finance --scale N` (DATABASE_URL on a bench file) builds one region, measures
it and prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import statistics
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.finance_world import BUDGET_YEAR, build  # noqa: E402

SCALES = (1, 2, 4)
REPEAT = 15
REPEAT_LOADED = 7
WARMUP = 2
TARGET_MS = 200.0

# --- the calculation --------------------------------------------------------------------------


@dataclass
class Case:
    """One scenario's inputs to the pure calculation, as plain data."""

    name: str
    years: list[int]
    rates: dict[int, Decimal]
    base: dict[int, Decimal]
    index: dict[int, Decimal | None]
    items: list
    space_inputs: list
    base_frames: Decimal | None
    unit_budgets: dict[int, list[Decimal]]  # per committee, in the budget year


def committee_kk(case: Case, projects: list, owner_ids: dict[str, int] | None = None) -> dict:
    """KK per (committee, year) in the scenario from the investment plan, by the app's own
    function (finance.capital_costs.compute): every counted project's capital costs with the
    scenario's internal rates, summed per owner committee."""
    from arshjul.finance import capital_costs

    parts = capital_costs.compute(
        years=case.years, existing={}, projects=projects, rates=case.rates
    )
    return {key: part.total for key, part in parts.items()}


def recalculate(case: Case, projects: list, owner_ids: dict[str, int]) -> dict:
    """One scenario: capital costs, frames, the financial space, the balance check and the unit
    budgets' sum check. Returns the figures compared between (a) and (b)."""
    from arshjul.finance.frames import balance_check, compute_frames
    from arshjul.finance.space import compute_space
    from arshjul.finance.units import sum_check

    kk = committee_kk(case, projects, owner_ids)
    frames = compute_frames(
        years=case.years, base=case.base, index=case.index, items=case.items, kk=kk
    )
    space = compute_space(case.space_inputs, base_frames=case.base_frames)
    fig = space.figures
    balance = balance_check(
        frames,
        years=case.years,
        revenue={
            y: fig[y]["S"].value + fig[y]["B"].value + fig[y]["FN"].value for y in space.years
        },
        central={y: fig[y]["CEN"].value for y in space.years},
        required={y: fig[y]["R"].value for y in space.years},
    )
    first = case.years[0]
    checks = {
        body: sum_check(amounts, frames[body, first].value)
        for body, amounts in case.unit_budgets.items()
    }
    return {
        "kk": kk,
        "frames": {key: frame.value for key, frame in frames.items()},
        "results": {b.year: b.result for b in balance},
        "unit_differences": {body: c.difference for body, c in checks.items()},
    }


def _unit_budgets(version) -> dict[int, list[Decimal]]:
    from arshjul.finance.models import UnitBudget

    out: dict[int, list[Decimal]] = {}
    for body, amount in UnitBudget.objects.filter(
        frame_version=version, year=version.scenario.cycle.budget_year
    ).values_list("unit__body_id", "amount"):
        out.setdefault(body, []).append(amount)
    return out


def _load(user, plan):
    """The counted projects (as the frames read them) and the scenarios, through the app."""
    from arshjul.finance import capital_costs, selectors_frames, selectors_investments
    from arshjul.finance.models import Scenario

    projects = capital_costs.plan_projects(plan.organisation_id)
    org_rates = selectors_investments.rates_for(plan)
    scenarios = [
        selectors_frames.scenario_for_frames(pk)
        for pk in Scenario.objects.order_by("order").values_list("pk", flat=True)
    ]
    return projects, None, org_rates, scenarios


def pure_cases(user, plan) -> tuple[list[Case], list, dict[str, int]]:
    """Everything (a) needs, loaded once."""
    from arshjul.finance import capital_costs, selectors_frames
    from arshjul.finance.frames import Item
    from arshjul.finance.models import BaseFrame, ChangeItem
    from arshjul.finance.selectors import inputs_of

    inputs, owner_ids, org_rates, scenarios = _load(user, plan)
    kks = capital_costs.for_scenarios(scenarios)  # Σ KK of the space, as the app computes it
    cases = []
    for scenario in scenarios:
        version = selectors_frames.versions_of(scenario)[0]
        cases.append(
            Case(
                name=scenario.name,
                years=scenario.years,
                rates=capital_costs.rates_of(scenario, org_rates),
                base=dict(
                    BaseFrame.objects.filter(frame_version=version).values_list("body_id", "amount")
                ),
                index={row.year: row.index for row in scenario.rows.all()},
                items=[
                    Item(i.body_id, i.year, i.kind, i.amount, i.text, i.decision, i.one_off)
                    for i in ChangeItem.objects.filter(frame_version=version).order_by("pk")
                ],
                space_inputs=inputs_of(scenario, kks[scenario.pk]),
                base_frames=scenario.base_frames,
                unit_budgets=_unit_budgets(version),
            )
        )
    return cases, inputs, owner_ids


def run_pure(cases: list[Case], inputs: list, owner_ids: dict[str, int]) -> list[dict]:
    return [recalculate(case, inputs, owner_ids) for case in cases]


def run_loaded(user, plan) -> list[dict]:
    """(b): the rows read through the app (capital_costs.for_scenarios, frames_of)."""
    from arshjul.finance import capital_costs, selectors_frames
    from arshjul.finance.units import sum_check

    _projects, _owners, _rates_of, scenarios = _load(user, plan)
    kks = capital_costs.for_scenarios(scenarios)  # existing assets, the plan, rates, settings
    out = []
    for scenario in scenarios:
        version = selectors_frames.versions_of(scenario)[0]
        kk = kks[scenario.pk].amounts()
        view = selectors_frames.frames_of(version, scenario, kk=kks[scenario.pk])
        first = view.years[0]
        checks = {
            body: sum_check(amounts, view.frames[body, first].value)
            for body, amounts in _unit_budgets(version).items()
        }
        out.append(
            {
                "kk": kk,
                "frames": {key: frame.value for key, frame in view.frames.items()},
                "results": {b.year: b.result for b in view.balance},
                "unit_differences": {body: c.difference for body, c in checks.items()},
            }
        )
    return out


def timed(
    fn, repeat: int = REPEAT, warmup: int = WARMUP
) -> tuple[list[float], list[float], object]:
    """Wall-clock and CPU milliseconds of each run (CPU time is what other processes on a
    busy machine do not inflate), and the last run's result."""
    result = None
    for _ in range(warmup):
        result = fn()
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu, result


def p95(runs: list[float]) -> float:
    ordered = sorted(runs)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def summary(wall: list[float], cpu: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(wall), 1),
        "p95_ms": round(p95(wall), 1),
        "min_ms": round(min(wall), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "runs_ms": [round(r, 1) for r in wall],
    }


def measure(scale: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from arshjul.finance.models import InvestmentPlan

    t0 = time.perf_counter()
    counts = build(scale)
    build_seconds = round(time.perf_counter() - t0, 1)
    user = get_user_model().objects.get(username="bench-ekonomi")
    plan = InvestmentPlan.objects.get()
    cases, inputs, owner_ids = pure_cases(user, plan)
    load_before = Path("/proc/loadavg").read_text().split()[0]
    pure_wall, pure_cpu, pure = timed(lambda: run_pure(cases, inputs, owner_ids))
    loaded_wall, loaded_cpu, loaded = timed(lambda: run_loaded(user, plan), REPEAT_LOADED)
    if pure != loaded:
        raise SystemExit("bench.finance: the pure and the loaded calculation disagree")
    with CaptureQueriesContext(connection) as queries:
        run_loaded(user, plan)
    first = pure[0]
    return {
        "scale": scale,
        "counts": counts,
        "build_seconds": build_seconds,
        "pure": summary(pure_wall, pure_cpu),
        "loaded": summary(loaded_wall, loaded_cpu),
        "loadavg_before": load_before,
        "loadavg_after": Path("/proc/loadavg").read_text().split()[0],
        "queries_loaded": len(queries.captured_queries),
        "check": {
            "kk_total_budget_year_bas": str(
                sum((v for (_, y), v in first["kk"].items() if y == BUDGET_YEAR), Decimal(0))
            ),
            "results_bas": {str(y): str(r) for y, r in first["results"].items()},
        },
    }


# --- the run and its report -------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def evaluate(rows: list[dict]) -> list[dict]:
    one = rows[0]
    targets = [
        {
            "target": f"pure recalculation at {one['scale']}× "
            f"({one['counts']['projects']:,} projects): median < {TARGET_MS:.0f} ms",
            "measured": f"{one['pure']['median_ms']} ms (p95 {one['pure']['p95_ms']} ms)",
            "result": verdict(one["pure"]["median_ms"] < TARGET_MS),
        }
    ]
    for row in rows:
        for kind in ("pure", "loaded"):
            row[kind]["ratio_to_1x"] = round(row[kind]["median_ms"] / one[kind]["median_ms"], 2)
    for row in rows[1:]:
        factor = row["scale"] / one["scale"]
        ratio = row["pure"]["ratio_to_1x"]
        targets.append(
            {
                "target": f"linear: pure at {row['scale']}× ≤ 1.25 × {factor:.0f} × the 1× time",
                "measured": f"{ratio}× the 1× time",
                "result": verdict(ratio <= 1.25 * factor),
            }
        )
    return targets


def markdown(report: dict) -> str:
    rows, m = report["scales"], report["machine"]
    c = rows[0]["counts"]
    lines = [
        "# Finance benchmark results (issue 6)",
        "",
        f"Run {report['finished']} by `make bench-finance` (bench/finance.py) on commit "
        f"`{m['git']}`; {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, "
        f"SQLite {m['sqlite']}.",
        "",
        "## Data",
        "",
        f"{c['committees']} committees, {c['units']:,} units with {c['unit_budgets']:,} unit "
        f"budgets, {c['scenarios']} scenarios of {len(c['years'])} years "
        f"({c['years'][0]}–{c['years'][-1]}) with their own internal rates, a frame version per "
        f"scenario with {c['change_items'] // c['scenarios']} change items, and the investment "
        "plan's projects with cash flows over 10 years and 1–4 components each. Only the "
        "projects grow with the scale.",
        "",
        "## Recalculating three scenarios",
        "",
        "(a) pure: capital costs of every project with the scenario's internal rates, summed per "
        "owner committee, every committee's frames with them, the financial space, the balance "
        "check and the unit budgets' sum check, for the three scenarios (rows loaded before "
        "timing). (b) the same with the rows read through the app's selectors on every run "
        f"(`selectors_investments`, `selectors_frames.frames_of`). {REPEAT} runs of (a) and "
        f"{REPEAT_LOADED} of (b) after "
        f"{WARMUP} warm-up runs; the ratio is the median against 1× (linear: 2.0 and 4.0).",
        "",
        "| Scale | projects | components | (a) median ms | (a) p95 ms | (a) CPU ms | (a) ratio "
        "| (b) median ms | (b) p95 ms | (b) CPU ms | (b) ratio | (b) queries | load avg |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        a, b = row["pure"], row["loaded"]
        lines.append(
            f"| {row['scale']}× | {row['counts']['projects']:,} | "
            f"{row['counts']['components']:,} | {a['median_ms']} | {a['p95_ms']} | "
            f"{a['cpu_median_ms']} | {a['ratio_to_1x']} | {b['median_ms']} | {b['p95_ms']} | "
            f"{b['cpu_median_ms']} | {b['ratio_to_1x']} | {row['queries_loaded']} | "
            f"{row['loadavg_before']} → {row['loadavg_after']} |"
        )
    lines += [
        "",
        "“CPU ms” is the process's CPU time per run (median), which other work on the machine "
        "inflates less than the wall-clock figures; “load avg” is the machine's one-minute load "
        f"average before and after the scale's runs ({m['nproc']} CPUs).",
    ]
    lines += [
        "",
        "## Targets",
        "",
        "| Target | Measured | Result |",
        "|---|---|---|",
        *[f"| {t['target']} | {t['measured']} | {t['result']} |" for t in report["targets"]],
        "",
    ]
    missed = [t for t in report["targets"] if t["result"] != "ok"]
    lines.append(
        f"**{len(missed)} of {len(report['targets'])} targets MISSED.**"
        if missed
        else "**Every target met.**"
    )
    return "\n".join(lines) + "\n"


def main() -> int:
    from bench.run import RESULTS, VAR, bench_env, log, machine, run_json, write_atomically

    VAR.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = []
    for scale in SCALES:
        database = VAR / f"finance-{scale}x.sqlite3"
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        row = run_json(["-m", "bench.finance", "--scale", str(scale)], bench_env(database), 900)
        log(
            f"finance {scale}×: {row['counts']['projects']} projects (built in "
            f"{row['build_seconds']} s); pure median {row['pure']['median_ms']} ms, p95 "
            f"{row['pure']['p95_ms']} ms; loaded median {row['loaded']['median_ms']} ms, p95 "
            f"{row['loaded']['p95_ms']} ms, {row['queries_loaded']} queries"
        )
        rows.append(row)
    report = {
        "finished": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "repeat": REPEAT,
        "warmup": WARMUP,
        "target_ms": TARGET_MS,
        "scales": rows,
    }
    report["targets"] = evaluate(rows)
    report["seconds"] = round(time.perf_counter() - started, 1)
    for t in report["targets"]:
        print(f"  {t['result']:6}  {t['target']}: {t['measured']}")
    write_atomically(RESULTS / "finance.json", json.dumps(report, indent=2, ensure_ascii=False))
    write_atomically(RESULTS / "finance.md", markdown(report))
    log(f"wrote bench/results/finance.json and finance.md ({report['seconds']} s in all)")
    return 0


def worker() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, required=True)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("sqlite:////") or "/var/bench/" not in url:
        sys.exit("bench.finance: DATABASE_URL must be sqlite:////…/var/bench/<file> (a bench file)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print(json.dumps(measure(args.scale)))


if __name__ == "__main__":
    if "--scale" in sys.argv:
        worker()
    else:
        sys.exit(main())
