from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from assessments import demo as assessments_demo
from care import demo as care_demo
from chart import demo as chart_demo
from practice import demo as practice_demo
from training import demo as training_demo


class Command(BaseCommand):
    help = "Load the demo practice and demo people (safe to run again: it updates, never duplicates)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            practice = practice_demo.load()
            logins = accounts_demo.load()
            assessments_demo.load()
            training_demo.load()
            care_demo.load()
            chart_demo.load()
        self.stdout.write(f"Demo practice: {practice.name}, {practice.phone}")
        # As the person typed it: `.venv/bin/kneecap` under make run, plain `kneecap` in an active venv.
        command = os.path.relpath(sys.argv[0]) if sys.argv[0].endswith("kneecap") else "kneecap"
        self.stdout.write(f"Demo logins (password {accounts_demo.DEMO_PASSWORD}):")
        for login in logins:
            line = f"  {login.email:<24} {login.role:<14} {login.name}"
            if login.totp_secret:
                line += f"  TOTP secret {login.totp_secret} (code now: {command} totp {login.email})"
            self.stdout.write(line)
