"""Test settings: the real settings with fast hashing, eager tasks and nothing local leaking in."""

from __future__ import annotations

import os
import tempfile

from kneecap.settings import *  # noqa: F403
from kneecap.settings import CONTENT_SECURITY_POLICY  # noqa: F401

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://localhost/"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite test databases live in files, not shared-cache memory: only a file database lets a second
# writer wait for the first (busy timeout, IMMEDIATE transactions) as production SQLite does, which
# the concurrent-booking test relies on.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test process, so that two test runs in one checkout never share a database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"kneecap-test-{os.getpid()}.sqlite3")
    }
    # No WAL here: Django deletes only the main file between runs, and a stale -wal file corrupts the next.
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        **DATABASES["default"]["OPTIONS"],  # noqa: F405
        "init_command": "PRAGMA synchronous=OFF;",
    }
