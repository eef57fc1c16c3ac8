from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from accounts.services import current_totp_code


class Command(BaseCommand):
    help = "Print the current TOTP code of a user (development only: DEBUG must be on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("kneecap totp only works with DEBUG on; it would defeat two-factor sign-in")
        try:
            user = User.objects.get(email=options["email"].strip().lower())
            self.stdout.write(current_totp_code(user))
        except User.DoesNotExist:
            raise CommandError(f"No user with the email {options['email']}") from None
        except Authenticator.DoesNotExist:
            raise CommandError(f"{options['email']} has no authenticator app set up") from None
