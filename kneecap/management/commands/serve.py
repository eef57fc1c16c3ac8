from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve kneecap: the development server with DEBUG on, gunicorn otherwise."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        if settings.DEBUG:
            call_command("runserver", address, use_reloader=False)
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        command = [
            sys.executable, "-m", "gunicorn", "kneecap.wsgi:application",
            "--bind", address, "--workers", str(options["workers"]), "--access-logfile", "-",
        ]  # fmt: skip
        raise SystemExit(subprocess.call(command))  # noqa: S603 - fixed argument list
