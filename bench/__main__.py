"""Run every benchmark and print one table, each result beside its baseline from the same run."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Row:
    name: str
    result: str
    baseline: str
    note: str = ""


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kneecap.settings")
    import django

    django.setup()
    import bench

    table = Table(title="kneecap benchmarks")
    for column in ("benchmark", "result", "baseline (same run)", "note"):
        table.add_column(column)
    count = 0
    for module in pkgutil.iter_modules(bench.__path__):
        if not module.name.startswith("bench_"):
            continue
        rows: list[Row] = importlib.import_module(f"bench.{module.name}").run()
        for row in rows:
            table.add_row(row.name, row.result, row.baseline, row.note)
            count += 1
    if count == 0:
        table.add_row("(no benchmarks yet)", "-", "-", "")
    Console(width=150).print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
