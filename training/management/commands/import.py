"""kneecap import --patient EMAIL PATH...: import files, folders and zips with a progress bar and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from accounts.models import Role, User
from training.ingest.job import import_paths
from training.ingest.records import queue_records
from training.models import Activity, ImportJob, ImportResult, ResultStatus

STYLE = {
    ResultStatus.IMPORTED: "green",
    ResultStatus.DUPLICATE: "cyan",
    ResultStatus.SKIPPED: "yellow",
    ResultStatus.FAILED: "red",
}


def count_files(paths: list[Path]) -> int:
    """Files on disk under PATHS (an archive counts once; its entries show up as they are read)."""
    total = 0
    for path in paths:
        total += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
    return total


class Command(BaseCommand):
    help = "Import activity files (FIT, GPX, TCX, .gz, zips, folders, Strava and Garmin exports) for a patient."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patient", required=True, help="The patient's email address")
        parser.add_argument("paths", nargs="+", type=Path, help="Files, folders or zip archives")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["patient"]
        patient = User.objects.filter(email__iexact=email, role=Role.PATIENT).first()
        if patient is None:
            raise CommandError(f"No patient with the email {email}")
        paths: list[Path] = options["paths"]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"Not found: {', '.join(missing)}")
        console = Console()
        job = ImportJob.objects.create(patient=patient, uploads=[{"name": str(p)} for p in paths])
        with Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("Importing", total=count_files(paths))

            def advance(done: int, name: str) -> None:
                total = progress.tasks[0].total or 0
                progress.update(task, completed=done, total=max(total, done), description=Path(name).name[:40])

            import_paths(job, paths, progress=advance, decode_records=False)
        table = Table(title=f"Import for {patient.email}")
        table.add_column("file", overflow="fold")
        table.add_column("result")
        table.add_column("reason", overflow="fold")
        for result in ImportResult.objects.filter(job=job):
            style = STYLE[ResultStatus(result.status)]
            table.add_row(result.name, f"[{style}]{result.get_status_display()}[/]", result.reason)
        console.print(table)
        console.print(
            f"{job.imported} imported, {job.duplicates} duplicates, {job.skipped} skipped, {job.failed} failed"
            + (f"; stopped: {job.error}" if job.error else "")
        )
        with_files = list(Activity.objects.filter(import_job=job).exclude(source_blob="").values_list("pk", flat=True))
        if with_files:
            # After the summary: the records for charts are not part of the import itself.
            queue_records(with_files)
            console.print(f"Records for charts of {len(with_files)} runs queued.")
        if job.failed or job.error:
            raise SystemExit(1)
