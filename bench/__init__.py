"""Benchmarks: each module ``bench/bench_*.py`` has ``run() -> list[Row]``, printed as one table."""
