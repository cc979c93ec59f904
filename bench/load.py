"""A small, bounded HTTP load generator: N client threads, keep-alive, a fixed request count.

Standard library only. Each client thread holds one keep-alive connection (http.client) and
takes requests from a shared budget until the budget is spent or the time cap has passed,
so a run always stops by itself. Latency is measured per request, from sending it to having
read the whole body; throughput is completed requests over the wall time of the run. Extra
headers (a signed-in user's `Cookie`) go with every request.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    path: str
    clients: int
    planned: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    x_cache: dict[str, int] = field(default_factory=dict)  # the X-Cache header; "-" if none
    bytes: int = 0
    seconds: float = 0.0
    capped: bool = False

    @property
    def completed(self) -> int:
        return len(self.latencies_ms)

    def percentile(self, p: float) -> float | None:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]

    @property
    def throughput(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        return {
            "path": self.path,
            "clients": self.clients,
            "planned": self.planned,
            "completed": self.completed,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "x_cache": dict(sorted(self.x_cache.items())),
            "capped_by_time": self.capped,
            "seconds": round(self.seconds, 3),
            "p50_ms": _round(self.percentile(50)),
            "p95_ms": _round(self.percentile(95)),
            "p99_ms": _round(self.percentile(99)),
            "max_ms": _round(max(self.latencies_ms) if self.latencies_ms else None),
            "throughput_rps": round(self.throughput, 1),
            "bytes_per_response": self.bytes // self.completed if self.completed else 0,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def run(
    host: str,
    port: int,
    path: str,
    *,
    clients: int = 20,
    requests: int = 400,
    time_cap: float = 25.0,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """GET `path` `requests` times from `clients` concurrent keep-alive connections, each
    request with `headers` (e.g. {"Cookie": "sessionid=…"}) besides Accept-Encoding."""
    sent = {"Accept-Encoding": "identity", **(headers or {})}
    result = LoadResult(path=path, clients=clients, planned=requests)
    lock = threading.Lock()
    budget = [requests]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def take() -> bool:
        with lock:
            if budget[0] <= 0:
                return False
            if time.perf_counter() > deadline[0]:
                result.capped = True
                return False
            budget[0] -= 1
            return True

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        latencies, statuses, caches, errors, size = [], {}, {}, 0, 0
        start.wait()
        try:
            while take():
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path, headers=sent)
                    response = conn.getresponse()
                    body = response.read()
                except (OSError, http.client.HTTPException):
                    errors += 1
                    conn.close()  # reconnects on the next request
                    continue
                latencies.append((time.perf_counter() - t0) * 1000)
                statuses[response.status] = statuses.get(response.status, 0) + 1
                cache = response.getheader("X-Cache", "-")
                caches[cache] = caches.get(cache, 0) + 1
                size += len(body)
                if response.status != 200:
                    errors += 1
                if response.will_close:
                    conn.close()
        finally:
            conn.close()
            with lock:
                result.latencies_ms.extend(latencies)
                result.errors += errors
                result.bytes += size
                for status, n in statuses.items():
                    result.statuses[status] = result.statuses.get(status, 0) + n
                for cache, n in caches.items():
                    result.x_cache[cache] = result.x_cache.get(cache, 0) + n

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    t0 = time.perf_counter()
    deadline[0] = t0 + time_cap
    start.wait()
    for thread in threads:
        thread.join(time_cap + timeout + 5)
    result.seconds = time.perf_counter() - t0
    return result
