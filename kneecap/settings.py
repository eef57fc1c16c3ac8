"""One settings module for every environment, driven by environment variables.

Unset variables give a safe embedded set-up (SQLite in ``var/``, eager tasks,
console email). With ``DEBUG`` off the app refuses unsafe values with a
one-line reason instead of starting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django_stubs_ext
import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

# Lets admin classes and querysets take type parameters at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


class Env(environ.Env):  # type: ignore[misc]  # django-environ has no type hints
    """django-environ's reader, held to the rules kneecap's settings have always kept.

    An empty variable counts as unset, and a value that does not read as its type stops start-up with
    one line that names the variable. On its own django-environ reads ``DEBUG=maybe`` as false, drops a
    number's stray characters ("1e3" reads as 13) and takes a value starting with ``$`` as the name of
    another variable, which a random secret key may well start with.
    """

    TRUE = frozenset({"1", "true", "yes", "on"})
    FALSE = frozenset({"0", "false", "no", "off"})
    EXPECTED = {
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        (int,): "whole numbers separated by commas",
    }

    def get_value(
        self, var: str, cast: Any = None, default: Any = environ.Env.NOTSET, parse_default: bool = False
    ) -> Any:
        raw = self.ENVIRON.get(var, "")
        if raw.strip() == "":
            if default is self.NOTSET:
                raise ImproperlyConfigured(f"{var} must be set")
            return self.parse_value(default, cast) if parse_default and isinstance(default, str) else default
        try:
            return self.parse_value(raw, cast)
        except ValueError:
            raise ImproperlyConfigured(f"{var} must be {self.EXPECTED.get(cast, 'valid')}, not {raw!r}") from None

    @classmethod
    def parse_value(cls, value: str, cast: Any) -> Any:
        if cast is bool:
            word = value.strip().lower()
            if word not in cls.TRUE | cls.FALSE:
                raise ValueError(value)
            return word in cls.TRUE
        if cast is float:
            return float(value)
        if cast in (list, tuple) or isinstance(cast, list | tuple):
            # "a, b" is two items, as an operator means it; django-environ would keep the space.
            value = ",".join(part.strip() for part in value.split(","))
        return super().parse_value(value, cast)

    def choice(self, var: str, default: str, choices: tuple[str, ...]) -> str:
        value: str = self.str(var, default=default).strip().lower()
        if value not in choices:
            raise ImproperlyConfigured(f"{var} must be one of {', '.join(choices)}, not {self.ENVIRON.get(var)!r}")
        return value


# Every setting an operator may change is read here, once, with its default; the README's configuration
# table lists them all. Apps read them as settings.NAME (kneecap/tests/test_settings_declared.py checks).
env = Env()

VAR_DIR = Path(env.str("KNEECAP_VAR_DIR", default=str(BASE_DIR / "var")))

DEV_SECRET_KEY = "kneecap-development-key-do-not-use-in-production"  # noqa: S105 - refused when DEBUG is off

DEBUG: bool = env.bool("DEBUG", default=True)
# SECRET_KEY_FILE names a file that holds the key (Docker and systemd secrets); it wins over SECRET_KEY.
_secret_key_file: str = env.str("SECRET_KEY_FILE", default="")
SECRET_KEY: str = (
    Path(_secret_key_file).read_text().strip() if _secret_key_file else env.str("SECRET_KEY", default=DEV_SECRET_KEY)
)
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

if not DEBUG:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DEBUG is off but SECRET_KEY is the development default or shorter than 32 characters; "
            "set SECRET_KEY to a long random value"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DEBUG is off but ALLOWED_HOSTS is empty; set it to the site's host names, comma separated"
        )

SITE_URL: str = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's widget templates, for FORM_RENDERER below: it loads templates through TEMPLATES.
    "django.forms",
    "django_htmx",
    "ninja",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "kneecap",
    "accounts",
    "practice",
    "assessments",
    "training",
    "care",
    "chart",
    "interop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kneecap.middleware.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "common.uploads.UploadLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionActivityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "kneecap.urls"
WSGI_APPLICATION = "kneecap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kneecap" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "practice.context_processors.practice",
            ],
        },
    },
]
# One field template for every form: kneecap/templates/forms/field.html.
FORM_RENDERER = "kneecap.forms.FormRenderer"

# Databases: SQLite in var/ unless DATABASE_URL names another (PostgreSQL via psycopg 3).
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "kneecap.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL: str = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a Redis broker when REDIS_URL is set, otherwise tasks run inline (embedded mode).
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "practice:home"

# allauth: email login, no usernames; failed logins are rate limited per IP and per account.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Sign-up and password reset never reveal whether an account exists. allauth can only keep that promise
# at sign-up when the address must be confirmed: an address that has an account gets an "account
# already exists" email (with a sign-in link) and the visitor sees the same "check your email" page.
ACCOUNT_EMAIL_VERIFICATION = env.choice("ACCOUNT_EMAIL_VERIFICATION", "mandatory", ("mandatory", "optional", "none"))
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
# Confirming in the browser that signed up signs the person in and continues to the page they were
# going to (the self-check claim, for example); allauth keeps that pending sign-in for ACCOUNT_LOGIN_TIMEOUT.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "kneecap.account_adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER: str = env.str("MFA_TOTP_ISSUER", default="kneecap")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL: str = env.str("DEFAULT_FROM_EMAIL", default="kneecap <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-us"
TIME_ZONE: str = env.str("TIME_ZONE", default="America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "kneecap.staticfinders.PlotlyFinder",
]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG

# Security headers on every response. The CSP allows no inline script; htmx is
# configured through a meta tag so that it injects no inline style either.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # plotly.js adds its rules (through the CSSOM) to one empty <style> element carrying the
        # nonce, and creates one fixed <style> element for its SVG defaults, allowed by its hash.
        "style-src": ["'self'", NONCE, "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='"],
        # plotly.js draws "Download plot as a PNG" from the chart's SVG loaded as a blob: image.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS: int = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading puts the domain and every subdomain into the browsers' built-in HTTPS-only lists, and
    # leaving those lists takes months: that is the operator's decision for their domain, not a default.
    SECURE_HSTS_PRELOAD: bool = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # `check --deploy` warns whenever preload is off (security.W021); off is a choice made above, so
        # the warning is silenced until the operator turns preload on.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_SSL_REDIRECT: bool = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Sessions end after a time without real activity (accounts/sessions.py; background polls do not
# count): practice roles after STAFF_IDLE_MINUTES, patients after PATIENT_SESSION_DAYS.
STAFF_IDLE_MINUTES: int = env.int("STAFF_IDLE_MINUTES", default=15)
PATIENT_SESSION_DAYS: int = env.int("PATIENT_SESSION_DAYS", default=14)
for _name, _value in (("STAFF_IDLE_MINUTES", STAFF_IDLE_MINUTES), ("PATIENT_SESSION_DAYS", PATIENT_SESSION_DAYS)):
    if _value < 1:
        raise ImproperlyConfigured(f"{_name} must be 1 or more, not {_value}")
SESSION_COOKIE_AGE = PATIENT_SESSION_DAYS * 24 * 60 * 60
# In the database: "sign out everywhere" finds a person's other sessions among its rows.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Running data imports: one upload (or one file inside an archive) and everything one import unpacks to,
# counted as the bytes are produced. 10 GB holds ten years of daily runs recorded every second (about
# 4,000 hours: some 2 GB as FIT or GPX, .gz layers included) several times over; see README.
TRAINING_IMPORT_MAX_BYTES: int = env.int("TRAINING_IMPORT_MAX_BYTES", default=200 * 1024 * 1024)
TRAINING_IMPORT_MAX_UNCOMPRESSED_BYTES: int = env.int("TRAINING_IMPORT_MAX_UNCOMPRESSED_BYTES", default=10 * 1024**3)
DATA_UPLOAD_MAX_NUMBER_FILES: int = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=500)

# Clinical rules that docs/clinical-evidence.md marks as settings. Each rule module cites the source of its
# default and keeps it for its own tests; kneecap/tests/test_settings_declared.py checks the two agree.
ASSESSMENTS_SCHEDULE = {"weeks": env.tuple("QUESTIONNAIRE_WEEKS", cast=int, default=(0, 2, 6, 12))}
# Checked against safe bounds when the assessments app starts (assessments.triage_thresholds.THRESHOLD_BOUNDS).
ASSESSMENTS_TRIAGE = {
    "high_pain_nrs": env.int("TRIAGE_HIGH_PAIN_NRS", default=8),
    "max_self_care_weeks": env.int("TRIAGE_MAX_SELF_CARE_WEEKS", default=6),
    "review_after_weeks": env.tuple("TRIAGE_REVIEW_AFTER_WEEKS", cast=int, default=(2, 3)),
    "old_fall_pain_nrs": env.int("TRIAGE_OLD_FALL_PAIN_NRS", default=6),
    "self_care_min_age": env.int("TRIAGE_SELF_CARE_MIN_AGE", default=12),
    "self_care_max_age": env.int("TRIAGE_SELF_CARE_MAX_AGE", default=59),
}
# The next care step is suggested after CARE_ESCALATION_WEEKS in a step without a meaningful change: AKPS up
# by CARE_AKPS_MCID points or pain down by CARE_NRS_MCID (care.escalation); the roster's "worsening pain"
# flag uses the same pain change (chart.flags).
CARE_ESCALATION_WEEKS: int = env.int("CARE_ESCALATION_WEEKS", default=3)
CARE_AKPS_MCID: float = env.float("CARE_AKPS_MCID", default=10.0)
CARE_NRS_MCID: float = env.float("CARE_NRS_MCID", default=2.0)
CARE_ICE_MIN_MINUTES: int = env.int("CARE_ICE_MIN_MINUTES", default=15)
CARE_ICE_MAX_MINUTES: int = env.int("CARE_ICE_MAX_MINUTES", default=20)
CARE_ICE_PER_DAY: int = env.int("CARE_ICE_PER_DAY", default=3)
CARE_ICE_FIRST_DAYS: int = env.int("CARE_ICE_FIRST_DAYS", default=4)
# Seconds in one minute of the ice timer: the browser tests shorten it so that a session takes seconds.
CARE_ICE_SECONDS_PER_MINUTE: float = env.float("CARE_ICE_SECONDS_PER_MINUTE", default=60.0)
# The pain light (care.pain_monitoring); contradicting values stop start-up (care.apps).
CARE_PAIN_SAFE_MAX: int = env.int("CARE_PAIN_SAFE_MAX", default=2)
CARE_PAIN_ACCEPTABLE_MAX: int = env.int("CARE_PAIN_ACCEPTABLE_MAX", default=5)
CARE_PAIN_MORNING_AMBER_RISE: int = env.int("CARE_PAIN_MORNING_AMBER_RISE", default=1)
CARE_PAIN_MORNING_RED_RISE: int = env.int("CARE_PAIN_MORNING_RED_RISE", default=2)
CARE_PAIN_MORNING_LOOKBACK_DAYS: int = env.int("CARE_PAIN_MORNING_LOOKBACK_DAYS", default=7)
CARE_PAIN_WEEKLY_RISE: float = env.float("CARE_PAIN_WEEKLY_RISE", default=1.0)
CARE_RTR_GREEN_DAYS: int = env.int("CARE_RTR_GREEN_DAYS", default=7)
APPOINTMENT_CANCEL_NOTICE_HOURS: int = env.int("APPOINTMENT_CANCEL_NOTICE_HOURS", default=24)
# How long an emergency (break-the-glass) access to a record outside one's care team lasts.
EMERGENCY_ACCESS_HOURS: int = env.int("EMERGENCY_ACCESS_HOURS", default=4)
if not 1 <= EMERGENCY_ACCESS_HOURS <= 24:
    raise ImproperlyConfigured(f"EMERGENCY_ACCESS_HOURS must be from 1 to 24, not {EMERGENCY_ACCESS_HOURS}")

# Practice-level knobs.
CONTACT_RATE_LIMIT: str = env.str("CONTACT_RATE_LIMIT", default="5/h")
PRACTICE_NOTIFY_EMAIL: str = env.str("PRACTICE_NOTIFY_EMAIL", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
