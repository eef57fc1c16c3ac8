"""``kneecap score akps --answers '{"limp": "none", ...}'``: the same JSON as the API."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments import instruments


class Command(BaseCommand):
    help = "Score a questionnaire from the command line and print the result as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instrument", choices=sorted(instruments.INSTRUMENTS), help="akps, koos_pf or nprs")
        parser.add_argument("--answers", required=True, help="JSON object of item code to option code")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = instruments.INSTRUMENTS[options["instrument"]]
        try:
            answers = json.loads(options["answers"])
        except json.JSONDecodeError as exc:
            raise CommandError(f"--answers is not valid JSON: {exc}") from None
        try:
            result = instrument.score(answers)
        except instruments.AnswerError as exc:
            lines = "\n".join(f"  {field}: {message}" for field, message in exc.errors.items())
            raise CommandError(f"These answers cannot be scored:\n{lines}") from None
        payload = {"instrument": result.instrument, "version": result.version, "score": result.score, "max": result.max}
        self.stdout.write(json.dumps(payload))
