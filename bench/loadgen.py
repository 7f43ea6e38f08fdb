"""A small HTTP load generator for the benchmarks: closed loop, open loop (a fixed request
rate), URL mixes drawn by a Zipf law, and the highest rate held with p95 under a limit.

Why our own: wrk is closed loop only (its fixed-rate fork, wrk2, is not in Debian), and the
benchmark needs a fixed arrival rate whose latency counts from the moment a request was due,
not from when a busy client got round to sending it (coordinated omission). gunicorn's sync
workers close every connection after one response, so each request opens its own connection,
as the trivial app's do: the generator's own cost is in both sides of every ratio.

Every function returns a `LoadResult`; nothing here asserts.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    tool: str
    statuses: dict[str, int] = field(default_factory=dict)
    offered_rps: float | None = None  # open loop: the rate asked for


class Zipf:
    """Draws paths by rank r with probability proportional to 1 / r**s (s = 1.1 by default)."""

    def __init__(self, paths: Sequence[str], s: float = 1.1, seed: int = 1) -> None:
        self.paths = list(paths)
        self.cumulative = list(
            itertools.accumulate(1 / rank**s for rank in range(1, len(paths) + 1))
        )
        self.random = random.Random(seed)

    def __call__(self) -> str:
        point = self.random.random() * self.cumulative[-1]
        return self.paths[min(bisect.bisect_left(self.cumulative, point), len(self.paths) - 1)]

    def share_of_top(self, count: int) -> float:
        """The share of visits that go to the `count` most visited paths."""
        return self.cumulative[min(count, len(self.paths)) - 1] / self.cumulative[-1]


def one_path(path: str) -> Callable[[], str]:
    return lambda: path


async def _get(host: str, port: int, path: str, timeout: float) -> str:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)  # until the server closes
    finally:
        writer.close()
    return data[9:12].decode("ascii", "replace") if data.startswith(b"HTTP/") else "bad"


def _result(latencies: list[float], statuses, errors, seconds, tool, offered=None):
    latencies.sort()

    def percentile(q: float) -> float:
        if not latencies:
            return 0.0
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2)

    return LoadResult(
        requests=len(latencies),
        seconds=round(seconds, 2),
        errors=errors,
        rps=round(len(latencies) / seconds, 1) if seconds else 0.0,
        p50_ms=percentile(0.5),
        p95_ms=percentile(0.95),
        p99_ms=percentile(0.99),
        tool=tool,
        statuses=dict(statuses),
        offered_rps=offered,
    )


def closed_loop(
    base: str, paths: Callable[[], str], *, connections: int, duration: float, timeout=30.0
) -> LoadResult:
    """`connections` clients, each sending its next request as soon as the last one answered."""
    parts = urlsplit(base)

    async def run() -> LoadResult:
        latencies: list[float] = []
        statuses: dict[str, int] = {}
        errors = 0
        deadline = time.perf_counter() + duration

        async def client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    status = await _get(parts.hostname, parts.port, paths(), timeout)
                except (OSError, TimeoutError):
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
                errors += not status.startswith(("2", "3"))

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(connections)))
        return _result(latencies, statuses, errors, time.perf_counter() - started, "python")

    return asyncio.run(run())


def due_count(rate: float, duration: float) -> int:
    """How many requests an open loop sends: one every 1/rate seconds for `duration`."""
    return max(1, round(rate * duration))


def open_loop(
    base: str,
    paths: Callable[[], str],
    *,
    rate: float,
    duration: float,
    max_in_flight: int = 200,
    timeout: float = 10.0,
    log: list[tuple[float, float, str]] | None = None,
) -> LoadResult:
    """Requests due at a fixed rate, whatever the server's state; each latency counts from the
    moment its request was due. Requests due while `max_in_flight` are open count as errors.

    With `log`, every request is also appended as (due, answered, status) in `time.monotonic()`
    seconds, status "error" for a failed connection: what a fault-injecting benchmark needs to
    tell which requests were in flight when it struck."""
    parts = urlsplit(base)

    async def run() -> LoadResult:
        latencies: list[float] = []
        statuses: dict[str, int] = {}
        errors = 0
        in_flight = 0
        tasks = []

        async def request(due: float, path: str) -> None:
            nonlocal errors, in_flight
            in_flight += 1
            due_wall = time.monotonic() - (time.perf_counter() - due)
            try:
                status = await _get(parts.hostname, parts.port, path, timeout)
            except (OSError, TimeoutError):
                errors += 1
                if log is not None:
                    log.append((due_wall, time.monotonic(), "error"))
                return
            finally:
                in_flight -= 1
            if log is not None:
                log.append((due_wall, time.monotonic(), status))
            latencies.append(time.perf_counter() - due)
            statuses[status] = statuses.get(status, 0) + 1
            errors += not status.startswith(("2", "3"))

        start = time.perf_counter()
        total = due_count(rate, duration)
        for n in range(total):
            due = start + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if in_flight >= max_in_flight:
                errors += 1
                continue
            tasks.append(asyncio.create_task(request(due, paths())))
        await asyncio.gather(*tasks)
        seconds = time.perf_counter() - start
        return _result(latencies, statuses, errors, seconds, "python open loop", rate)

    return asyncio.run(run())


def held_rate(
    base: str,
    paths: Callable[[], str],
    *,
    p95_limit_ms: float,
    start_rate: float,
    duration: float,
    factor: float = 1.5,
    max_steps: int = 8,
) -> tuple[float, list[LoadResult]]:
    """Raise a fixed rate step by step; returns the highest rate held (p95 under the limit, no
    errors, at least 95 % of the requests due answered in time) and every step's figures."""
    held, steps, rate = 0.0, [], start_rate
    for _ in range(max_steps):
        result = open_loop(base, paths, rate=rate, duration=duration)
        steps.append(result)
        kept_up = result.requests >= 0.95 * due_count(rate, duration)
        if result.errors or result.p95_ms > p95_limit_ms or not kept_up:
            if held or rate < 1:
                break
            rate = round(rate / factor**2, 1)  # not even the first rate: go down instead
            continue
        held = rate
        rate = round(rate * factor, 1)
    return held, steps
