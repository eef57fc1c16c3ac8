from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Role
from accounts.services import add_user, set_password_link


class Command(BaseCommand):
    help = "Create a user and print a one-time link to set the password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = add_user(options["email"], Role(options["role"]), options["name"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Created {user.email} ({user.get_role_display()}).")
        self.stdout.write(f"Set the password once at: {set_password_link(user)}")
        if user.works_at_practice:
            self.stdout.write("After the first sign-in they will be asked to set up an authenticator app.")
