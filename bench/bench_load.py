"""Load metrics over 10 years of daily running: numpy (training.load) beside a naive pure-Python loop."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, timedelta

from bench.__main__ import Row
from training import load

YEARS = 10
TARGET_MS = 50.0


def history(years: int = YEARS, seed: int = 7) -> tuple[list[load.RunDay], date, date]:
    rng = random.Random(seed)
    first = date(2015, 1, 5)
    last = first + timedelta(days=365 * years)
    runs = []
    day = first
    while day <= last:
        if rng.random() < 0.6:
            km = rng.uniform(4, 12) if day.weekday() != 6 else rng.uniform(12, 25)
            runs.append(load.RunDay(day, km * 1000, km * 340, descent_m=rng.uniform(0, 150)))
        day += timedelta(days=1)
    return runs, first, last


def naive(runs: list[load.RunDay], first: date, last: date) -> tuple[int, int]:
    """The same metrics with lists and loops: daily sums, weekly sums, spikes, ramp and coupled ACWR."""
    n = (last - first).days + 1
    dist = [0.0] * n
    longest = [0.0] * n
    for r in runs:
        i = (r.day - first).days
        dist[i] += r.distance_m
        longest[i] = max(longest[i], r.distance_m)
    weeks = [sum(dist[i : i + 7]) for i in range(0, n, 7)]
    spikes = 0
    for i in range(n):
        prev = max(longest[max(0, i - 30) : i], default=0.0)
        if prev > 0 and longest[i] > prev * 1.1:
            spikes += 1
    ramps = 0
    for i in range(28, n):
        last14, before = sum(dist[i - 13 : i + 1]), sum(dist[i - 27 : i - 13])
        if before > 0 and last14 > before * 1.3:
            ramps += 1
    acwr = []
    for i in range(27, n):
        chronic = sum(dist[i - 27 : i + 1]) / 28
        acwr.append(sum(dist[i - 6 : i + 1]) / 7 / chronic if chronic else None)
    return len(weeks), spikes


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def run() -> list[Row]:
    runs, first, last = history()

    def fast() -> load.Metrics:
        return load.all_metrics(load.build_daily(runs, first, last))

    metrics = fast()
    weeks, spikes = naive(runs, first, last)
    assert len(metrics.weeks) >= weeks - 1 and len(metrics.spikes) == spikes, (len(metrics.spikes), spikes)
    fast_ms = best_of(fast)
    naive_ms = best_of(lambda: naive(runs, first, last), repeat=2)
    return [
        Row(
            name=f"load metrics, {YEARS} years daily ({len(runs):,} runs)",
            result=f"{fast_ms:.1f} ms",
            baseline=f"{naive_ms:.1f} ms (pure-Python loops)",
            note=f"target < {TARGET_MS:.0f} ms: {'met' if fast_ms < TARGET_MS else 'MISSED'}; "
            f"{naive_ms / fast_ms:.0f}x faster; weekly, spikes, 2-week ramp, ACWR (rolling + EWMA)",
        )
    ]
