"""`make bench`: Årshjul under load at ten times Region Jämtland Härjedalen (issue 3).

1. Builds two synthetic regions in their own SQLite files under var/bench/ (never
   var/arshjul.sqlite3): 1× (10 bodies, 200 people, a 20-step template, 2 cycles) and 10×
   (100 bodies, 2,000 people, a 200-step template, 10 overlapping cycles), with cycles made
   by the real service and timed (bench/world.py).
2. Counts each page's SQL queries in-process at 1× and at 10× (bench/queries.py).
3. Serves the 10× region with gunicorn on a free loopback port, with the production
   settings plus one bench-only bare view (bench/settings.py, bench/urls.py), and loads each
   page from 20 concurrent keep-alive clients (bench/load.py), bare view included: once
   anonymous (the public, served from the public page cache) and, for the pages people work
   in, once signed in as the region's budget chief, a finance-office post (the session cookie
   comes from bench/session.py; such requests bypass the page cache).
4. Prints a table, marks each missed target MISSED (without failing), and writes
   bench/results/latest.json and bench/results/latest.md.

Targets: p95 under 100 ms, each page at least half the bare view's throughput, a 200-step
cycle made in under 50 ms, and query counts that do not grow with the data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402

VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")
HOST = "127.0.0.1"
CLIENTS = 20
REQUESTS = 400  # per page
BARE_REQUESTS = 4000  # the bare view answers 400 in a fraction of a second: too short to time
WARMUP = 20  # per page, not recorded: one per client, at most 5 s
TIME_CAP = 25.0  # seconds per page
TARGET_P95_MS = 100.0
TARGET_SHARE_OF_BARE = 0.5
TARGET_GENERATE_MS = 50.0


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def bench_env(database: Path) -> dict[str, str]:
    """The production configuration (DEBUG off), pointed at a bench database."""
    if database.parent != VAR or database.name == "arshjul.sqlite3":
        raise ValueError(f"not a bench database: {database}")
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "CONN_MAX_AGE")}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",  # an absolute path: sqlite:////…
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        SECRET_KEY="bench-only-secret-key-not-used-anywhere-else-0123456789",
        ALLOWED_HOSTS=HOST,
        STATIC_MANIFEST="false",
        STATIC_ROOT=str(VAR / "static"),
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run_json(args: list[str], env: dict[str, str], timeout: float = 300) -> dict:
    done = subprocess.run(
        [PY, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"{' '.join(args)} failed with exit code {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build(scale: int) -> tuple[Path, dict]:
    database = VAR / f"bench-{scale}x.sqlite3"
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    world = run_json(["-m", "bench.world", "--scale", str(scale)], bench_env(database))
    log(
        f"{scale}×: {world['counts']['body']} bodies, {world['counts']['person']} people, "
        f"{world['counts']['membership']} memberships, {world['counts']['cycle']} cycles, "
        f"{world['counts']['step']} steps, live {', '.join(world['live_cycles'])} "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    return database, world


SIGNED_IN = " (signed in)"


def pages(world: dict) -> list[tuple[str, str, bool]]:
    """(name, path, signed in): each page people work in both anonymous and signed in."""
    slug, key, year = world["cycle_slug"], world["step_key"], world["wheel_year"]
    both = [
        ("overview", "/"),
        ("wheel", f"/wheel/?year={year}"),
        ("step page", f"/cycles/{slug}/steps/{key}/"),
        ("cycle page", f"/cycles/{slug}/"),
    ]
    return [
        ("bare Django view (ceiling)", "/bench/bare", False),
        *[
            row
            for name, path in both
            for row in ((name, path, False), (name + SIGNED_IN, path, True))
        ],
        ("cycle feed (.ics)", f"/feeds/cycles/{slug}.ics", False),
        ("API step list", f"/api/v1/cycles/{slug}/steps", False),
    ]


def count_queries(database: Path, paths: list[tuple[str, str, bool]], user: str) -> dict:
    """Per (path, signed in): bench/queries.py's figures, with the page and fragment caches
    off (PUBLIC_CACHE_SECONDS=0): the work of building each page."""
    env = bench_env(database) | {"PUBLIC_CACHE_SECONDS": "0"}
    anonymous = run_json(["-m", "bench.queries", *[p for _, p, signed in paths if not signed]], env)
    signed_in = run_json(
        ["-m", "bench.queries", "--user", user, *[p for _, p, signed in paths if signed]], env
    )
    return {(p, False): r for p, r in anonymous.items()} | {
        (p, True): r for p, r in signed_in.items()
    }


CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_sample(pgid: int) -> dict[str, float]:
    """CPU seconds so far: of gunicorn's process group, of this process, and of the machine."""
    server = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:  # the process group, field 5 of /proc/<pid>/stat
                server += int(fields[11]) + int(fields[12])  # utime + stime
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return {
        "server": server / CLK_TCK,
        "client": time.process_time(),
        "busy": (sum(ticks[:8]) - idle) / CLK_TCK,
        "total": sum(ticks[:8]) / CLK_TCK,
    }


def cpu_use(before: dict[str, float], after: dict[str, float], completed: int) -> dict:
    """Server CPU per request, and how much of the machine others used meanwhile."""
    d = {k: after[k] - before[k] for k in before}
    others = max(d["busy"] - d["server"] - d["client"], 0.0)
    return {
        "server_cpu_ms_per_request": round(d["server"] * 1000 / completed, 2)
        if completed
        else None,
        "client_cpu_ms_per_request": round(d["client"] * 1000 / completed, 2)
        if completed
        else None,
        "machine_busy_share": round(d["busy"] / d["total"], 3) if d["total"] else None,
        "other_processes_share": round(others / d["total"], 3) if d["total"] else None,
        "loadavg_after": Path("/proc/loadavg").read_text().split()[0],
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Gunicorn(contextlib.AbstractContextManager):
    """gunicorn in its own process group, stopped on exit whatever happens."""

    def __init__(self, database: Path):
        self.database = database
        self.port = free_port()
        self.log_path = VAR / "gunicorn.log"
        self.command = [
            GUNICORN,
            "arshjul.wsgi",
            "-w",
            "2",
            "--threads",
            "4",
            "-b",
            f"{HOST}:{self.port}",
            "--env",
            "DJANGO_SETTINGS_MODULE=bench.settings",
            "--log-level",
            "warning",
        ]
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        self._log = open(self.log_path, "w")  # closed in __exit__
        self.process = subprocess.Popen(
            self.command,
            env=bench_env(self.database),
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        url = f"http://{HOST}:{self.port}/bench/bare"
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early, see {self.log_path}")
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return self
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 30 s, see {self.log_path}")
            time.sleep(0.2)

    def __exit__(self, exc_type, *exc) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            # TERM lets the workers finish their requests; on an error or an interrupt QUIT
            # stops them at once. The whole process group: the master and its workers.
            quick = exc_type is not None
            if quick:
                log(f"stopping gunicorn (process group {process.pid}) after {exc_type.__name__}")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGQUIT if quick else signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self._log.close()


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), ""
        )
    memory = ""
    with contextlib.suppress(OSError, StopIteration), open("/proc/meminfo") as f:
        kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    versions = subprocess.run(
        [PY, "-c", "import django, gunicorn; print(django.get_version(), gunicorn.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.split()
    git = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "nproc": nproc or str(os.cpu_count()),
        "cpu": cpu or platform.processor() or "unknown",
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": versions[0] if versions else "?",
        "gunicorn": versions[1] if len(versions) > 1 else "?",
        "sqlite": sqlite3.sqlite_version,
        "git": git,
    }


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def evaluate(rows: list[dict], generation: dict) -> list[dict]:
    """Each target, per page, with whether it was met."""
    bare = rows[0]
    targets = []
    for row in rows[1:]:
        p95, rps = row["load"]["p95_ms"], row["load"]["throughput_rps"]
        share = rps / bare["load"]["throughput_rps"] if bare["load"]["throughput_rps"] else 0
        row["share_of_bare"] = round(share, 3)
        q1, q10 = row["queries_1x"], row["queries_10x"]
        row["checks"] = {
            "p95": verdict(p95 is not None and p95 < TARGET_P95_MS and not row["load"]["errors"]),
            "throughput": verdict(share >= TARGET_SHARE_OF_BARE),
            "queries": verdict(row["status_1x"] == row["status_10x"] == 200 and q10 <= q1),
        }
        targets += [
            {
                "target": f"{row['name']}: p95 < {TARGET_P95_MS:.0f} ms",
                "measured": f"{p95} ms",
                "result": row["checks"]["p95"],
            },
            {
                "target": f"{row['name']}: throughput ≥ ½ bare view",
                "measured": f"{rps} req/s = {share:.1%} of {bare['load']['throughput_rps']}",
                "result": row["checks"]["throughput"],
            },
            {
                "target": f"{row['name']}: queries do not grow with data",
                "measured": f"{q1} at 1×, {q10} at 10×"
                + (
                    ""
                    if row["status_1x"] == row["status_10x"] == 200
                    else f" (HTTP {row['status_1x']} at 1×, {row['status_10x']} at 10×)"
                ),
                "result": row["checks"]["queries"],
            },
        ]
    targets.append(
        {
            "target": f"make a 200-step cycle: median < {TARGET_GENERATE_MS:.0f} ms",
            "measured": f"{generation['median_ms']} ms",
            "result": verdict(generation["median_ms"] < TARGET_GENERATE_MS),
        }
    )
    return targets


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| Page | p50 ms | p95 ms | req/s | of bare | server CPU ms/req | 1 client ms "
        "| queries 1×→10× | verdict |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        ld = row["load"]
        checks = row.get("checks", {})
        missed = [k for k, v in checks.items() if v != "ok"]
        share = f"{row['share_of_bare']:.1%}" if "share_of_bare" in row else "100%"
        status = "MISSED: " + ", ".join(missed) if missed else ("ok" if checks else "ceiling")
        lines.append(
            f"| {row['name']} `{row['path']}` | {ld['p50_ms']} | {ld['p95_ms']} "
            f"| {ld['throughput_rps']} | {share} | {ld['server_cpu_ms_per_request']} "
            f"| {row['in_process_ms_10x']} | {row['queries_1x']} → {row['queries_10x']} "
            f"| {status} |"
        )
    return lines


def details(rows: list[dict]) -> list[str]:
    lines = [
        "| Page | requests | errors | seconds | time cap hit | bytes | client CPU ms/req "
        "| machine busy | other processes | load avg |",
        "|---|--:|--:|--:|---|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        ld = row["load"]
        lines.append(
            f"| {row['name']} | {ld['completed']} | {ld['errors']} | {ld['seconds']} "
            f"| {'yes' if ld['capped_by_time'] else 'no'} | {ld['bytes_per_response']} "
            f"| {ld['client_cpu_ms_per_request']} | {ld['machine_busy_share']:.0%} "
            f"| {ld['other_processes_share']:.0%} | {ld['loadavg_after']} |"
        )
    return lines


def contention_note(rows: list[dict]) -> list[str]:
    worst = max(row["load"]["other_processes_share"] or 0 for row in rows)
    if worst < 0.2:
        return []
    return [
        f"**Other work used up to {worst:.0%} of the CPUs during this run**, so latency and "
        "throughput are worse than on a quiet machine; server CPU per request is the figure "
        "least affected by it.",
        "",
    ]


def markdown(report: dict) -> str:
    m, w1, w10, g = report["machine"], report["world_1x"], report["world_10x"], report["generation"]
    lines = [
        "# Benchmark results (issue 3)",
        "",
        f"Run {report['finished']} by `make bench` (bench/run.py) on commit `{m['git']}`.",
        "",
        "## Machine",
        "",
        f"- CPUs (`nproc`): {m['nproc']}; CPU: {m['cpu']}; memory: {m['memory']}; {m['os']}",
        f"- Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']}, "
        f"SQLite {m['sqlite']}",
        f"- Load average before the run: {report['loadavg_before']}",
        "",
        "## Data",
        "",
        f"- 10×: {w10['counts']['body']} bodies, {w10['counts']['person']} people, "
        f"{w10['counts']['membership']} memberships, {w10['counts']['post']} posts, a template of "
        f"{w10['template_steps']} steps, {w10['counts']['cycle']} cycles "
        f"(budget years {w10['cycles'][0]}–{w10['cycles'][-1]}), {w10['counts']['step']} "
        f"published steps; today ({w10['today']}) falls in {', '.join(w10['live_cycles'])}. "
        f"One person, {w10['finance_person']}, has a user account (`{w10['finance_user']}`) "
        "and holds the post of budget chief (finance office) since before the oldest cycle.",
        f"- 1×: {w1['counts']['body']} bodies, {w1['counts']['person']} people, a template of "
        f"{w1['template_steps']} steps, {w1['counts']['cycle']} cycles, "
        f"{w1['counts']['step']} steps.",
        "",
        "## Pages under load (10×)",
        "",
        f"`{report['server']}`, SQLite, DEBUG off; {CLIENTS} concurrent keep-alive clients on "
        f"loopback (threads in one process on the same machine), {REQUESTS} requests per page "
        f"({BARE_REQUESTS} for the bare view) "
        f"after {WARMUP} warm-up requests, capped at {TIME_CAP:.0f} s. Requests are anonymous "
        "(served from the public page cache) except in the rows marked “signed in”, which send "
        f"the session cookie of {w10['finance_person']} (user `{w10['finance_user']}`), budget "
        "chief in the finance office: she sees drafts and internal steps, the chain checks on "
        "the cycle page and the change forms on the step page; her pages bypass the page cache "
        "and reuse only the cached month list, wheel and timeline of her visibility class. "
        "“server CPU ms/req” is the CPU time gunicorn's processes spent per request during "
        "the run; “1 client ms” is the median time of the page in-process with no "
        "concurrency and the page and fragment caches off (PUBLIC_CACHE_SECONDS=0), as the "
        "queries are counted. With 20 clients and 2 CPUs a request waits for about ten "
        "others, so p95 under 100 ms needs roughly 10 ms of CPU or less per request.",
        "",
        *table(report["pages"]),
        "",
        "Run details (the load generator shares the machine; “other processes” is the share of "
        "all CPUs used by neither gunicorn nor the load generator during the run):",
        "",
        *details(report["pages"]),
        "",
        *contention_note(report["pages"]),
        "## Making a cycle",
        "",
        f"`generate_cycle` for the {w10['template_steps']}-step template, in-process, repeated "
        f"{len(g['runs_ms'])} times in a transaction that is rolled back: median "
        f"**{g['median_ms']} ms** (runs: {', '.join(str(r) for r in g['runs_ms'])}). "
        f"The first cycle of a process, which also loads the holiday calendars, took "
        f"{g['first_ms']} ms.",
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


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main() -> int:
    started = time.perf_counter()
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "static").mkdir(exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    # A SIGTERM ends the run through the with block below, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    loadavg_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    log(f"load average {loadavg_before}; building the synthetic regions under var/bench/")
    db10, w10 = build(10)
    db1, w1 = build(1)
    paths = pages(w10)

    assert [p for *_, p in pages(w1)] == [p for *_, p in paths], "1× and 10× must share URLs"
    user = w10["finance_user"]

    log(f"counting queries in-process at 1× and 10×, anonymous and signed in as {user}")
    q1 = count_queries(db1, paths, user)
    q10 = count_queries(db10, paths, user)
    cookie = run_json(["-m", "bench.session", user], bench_env(db10))["cookie"]

    rows = []
    with Gunicorn(db10) as server:
        log(f"gunicorn on {HOST}:{server.port}: {CLIENTS} clients, {REQUESTS} requests per page")
        for name, path, signed_in in paths:
            headers = {"Cookie": cookie} if signed_in else None
            load.run(
                HOST,
                server.port,
                path,
                clients=CLIENTS,
                requests=WARMUP,
                time_cap=5,
                headers=headers,
            )
            before = cpu_sample(server.process.pid)
            planned = BARE_REQUESTS if path == "/bench/bare" else REQUESTS
            result = load.run(
                HOST,
                server.port,
                path,
                clients=CLIENTS,
                requests=planned,
                time_cap=TIME_CAP,
                headers=headers,
            ).summary()
            result.update(cpu_use(before, cpu_sample(server.process.pid), result["completed"]))
            # The page cache marks every anonymous answer (X-Cache) and never a signed-in one.
            if signed_in and set(result["x_cache"]) != {"-"}:
                raise RuntimeError(f"{name}: not served signed in (X-Cache {result['x_cache']})")
            q = (path, signed_in)
            rows.append(
                {
                    "name": name,
                    "path": path,
                    "signed_in": signed_in,
                    "load": result,
                    "in_process_ms_1x": q1[q]["in_process_ms"],
                    "in_process_ms_10x": q10[q]["in_process_ms"],
                    "in_process_min_ms_10x": q10[q]["in_process_min_ms"],
                    "queries_1x": q1[q]["queries"],
                    "queries_10x": q10[q]["queries"],
                    "repeated_queries_10x": q10[q]["repeated"],
                    "status_1x": q1[q]["status"],
                    "status_10x": q10[q]["status"],
                }
            )
            log(
                f"{name:28} p50 {result['p50_ms']:>8} ms  p95 {result['p95_ms']:>8} ms  "
                f"{result['throughput_rps']:>7} req/s  server CPU "
                f"{result['server_cpu_ms_per_request']} ms/req  ({result['completed']} done, "
                f"{result['errors']} errors{', time cap hit' if result['capped_by_time'] else ''}; "
                f"other processes used {result['other_processes_share']:.0%} of the CPUs)"
            )
        server_command = " ".join(["gunicorn", *server.command[1:]])

    generation = {
        "template_steps": w10["template_steps"],
        "median_ms": w10["generate_cycle_ms_median"],
        "runs_ms": w10["generate_cycle_ms_runs"],
        "first_ms": w10["generate_cycle_ms_during_setup"][0],
        "during_setup_ms": w10["generate_cycle_ms_during_setup"],
    }
    report = {
        "finished": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "loadavg_before": loadavg_before,
        "server": server_command,
        "clients": CLIENTS,
        "requests_per_page": REQUESTS,
        "requests_bare": BARE_REQUESTS,
        "warmup_per_page": WARMUP,
        "time_cap_seconds": TIME_CAP,
        "world_1x": w1,
        "world_10x": w10,
        "pages": rows,
        "generation": generation,
    }
    report["targets"] = evaluate(rows, generation)
    report["seconds"] = round(time.perf_counter() - started, 1)

    print()
    print("\n".join(table(rows)))
    print()
    for t in report["targets"]:
        print(f"  {t['result']:6}  {t['target']}: {t['measured']}")
    for row in rows:
        for sql, n in row["repeated_queries_10x"].items():
            if n > 2:
                print(f"  note: {row['name']} runs this query {n} times at 10×: {sql[:90]}…")
    write_atomically(RESULTS / "latest.json", json.dumps(report, indent=2, ensure_ascii=False))
    write_atomically(RESULTS / "latest.md", markdown(report))
    log(f"wrote bench/results/latest.json and latest.md ({report['seconds']} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
