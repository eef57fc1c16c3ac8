"""The ``kneecap`` console command: every Django management command, with hyphenated names.

``kneecap add-user`` runs the ``add_user`` command, ``kneecap load-report`` the
``load_report`` one, and so on. A bad configuration ends with one line, not a
traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kneecap.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        sys.exit(f"kneecap: refusing to start: {exc}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kneecap", *args])


if __name__ == "__main__":
    main()
