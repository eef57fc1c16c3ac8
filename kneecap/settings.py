"""One settings module for every environment, driven by environment variables.

Unset variables give a safe embedded set-up (SQLite in ``var/``, eager tasks,
console email). With ``DEBUG`` off the app refuses unsafe values with a
one-line reason instead of starting.
"""

from __future__ import annotations

import os
from pathlib import Path

import django_stubs_ext
import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

# Lets admin classes and querysets take type parameters at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KNEECAP_VAR_DIR", BASE_DIR / "var"))

env = environ.Env()

DEV_SECRET_KEY = "kneecap-development-key-do-not-use-in-production"  # noqa: S105 - refused when DEBUG is off


def envsecret(name: str, default: str) -> str:
    """Read NAME, or the file named by NAME_FILE (Docker and systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def envchoice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return value


def envints(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return tuple(int(part) for part in raw.split(","))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be whole numbers separated by commas, not {raw!r}") from None


DEBUG = envbool("DEBUG", True)
SECRET_KEY = envsecret("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
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

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

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
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    DATABASES["default"].setdefault("CONN_MAX_AGE", envint("DB_CONN_MAX_AGE", 60))
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

REDIS_URL = os.environ.get("REDIS_URL", "")
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
ACCOUNT_EMAIL_VERIFICATION = envchoice("ACCOUNT_EMAIL_VERIFICATION", "mandatory", ("mandatory", "optional", "none"))
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
# Confirming in the browser that signed up signs the person in and continues to the page they were
# going to (the self-check claim, for example); allauth keeps that pending sign-in for ACCOUNT_LOGIN_TIMEOUT.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "kneecap")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kneecap <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Los_Angeles")
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
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading puts the domain and every subdomain into the browsers' built-in HTTPS-only lists, and
    # leaving those lists takes months: that is the operator's decision for their domain, not a default.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # `check --deploy` warns whenever preload is off (security.W021); off is a choice made above, so
        # the warning is silenced until the operator turns preload on.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Sessions end after a time without real activity (accounts/sessions.py; background polls do not
# count): practice roles after STAFF_IDLE_MINUTES, patients after PATIENT_SESSION_DAYS.
STAFF_IDLE_MINUTES = envint("STAFF_IDLE_MINUTES", 15)
PATIENT_SESSION_DAYS = envint("PATIENT_SESSION_DAYS", 14)
for _name, _value in (("STAFF_IDLE_MINUTES", STAFF_IDLE_MINUTES), ("PATIENT_SESSION_DAYS", PATIENT_SESSION_DAYS)):
    if _value < 1:
        raise ImproperlyConfigured(f"{_name} must be 1 or more, not {_value}")
SESSION_COOKIE_AGE = PATIENT_SESSION_DAYS * 24 * 60 * 60
# In the database: "sign out everywhere" finds a person's other sessions among its rows.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Running data imports: one upload (or one file inside an archive) and everything one import unpacks to,
# counted as the bytes are produced. 10 GB holds ten years of daily runs recorded every second (about
# 4,000 hours: some 2 GB as FIT or GPX, .gz layers included) several times over; see README.
TRAINING_IMPORT_MAX_BYTES = envint("TRAINING_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
TRAINING_IMPORT_MAX_UNCOMPRESSED_BYTES = envint("TRAINING_IMPORT_MAX_UNCOMPRESSED_BYTES", 10 * 1024**3)
DATA_UPLOAD_MAX_NUMBER_FILES = envint("DATA_UPLOAD_MAX_NUMBER_FILES", 500)

# Clinical rules that docs/clinical-evidence.md marks as settings (each module cites the source of its default).
ASSESSMENTS_SCHEDULE = {"weeks": envints("QUESTIONNAIRE_WEEKS", (0, 2, 6, 12))}
# Checked against safe bounds when the assessments app starts (assessments.triage.THRESHOLD_BOUNDS).
ASSESSMENTS_TRIAGE = {
    "high_pain_nrs": envint("TRIAGE_HIGH_PAIN_NRS", 8),
    "max_self_care_weeks": envint("TRIAGE_MAX_SELF_CARE_WEEKS", 6),
    "review_after_weeks": envints("TRIAGE_REVIEW_AFTER_WEEKS", (2, 3)),
    "old_fall_pain_nrs": envint("TRIAGE_OLD_FALL_PAIN_NRS", 6),
    "self_care_min_age": envint("TRIAGE_SELF_CARE_MIN_AGE", 12),
    "self_care_max_age": envint("TRIAGE_SELF_CARE_MAX_AGE", 59),
}
CARE_ESCALATION_WEEKS = envint("CARE_ESCALATION_WEEKS", 3)
CARE_ICE_PER_DAY = envint("CARE_ICE_PER_DAY", 3)
CARE_ICE_FIRST_DAYS = envint("CARE_ICE_FIRST_DAYS", 4)
CARE_PAIN_SAFE_MAX = envint("CARE_PAIN_SAFE_MAX", 2)
CARE_PAIN_ACCEPTABLE_MAX = envint("CARE_PAIN_ACCEPTABLE_MAX", 5)
CARE_RTR_GREEN_DAYS = envint("CARE_RTR_GREEN_DAYS", 7)
APPOINTMENT_CANCEL_NOTICE_HOURS = envint("APPOINTMENT_CANCEL_NOTICE_HOURS", 24)
# How long an emergency (break-the-glass) access to a record outside one's care team lasts.
EMERGENCY_ACCESS_HOURS = envint("EMERGENCY_ACCESS_HOURS", 4)
if not 1 <= EMERGENCY_ACCESS_HOURS <= 24:
    raise ImproperlyConfigured(f"EMERGENCY_ACCESS_HOURS must be from 1 to 24, not {EMERGENCY_ACCESS_HOURS}")

# Practice-level knobs.
CONTACT_RATE_LIMIT = os.environ.get("CONTACT_RATE_LIMIT", "5/h")
PRACTICE_NOTIFY_EMAIL = os.environ.get("PRACTICE_NOTIFY_EMAIL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
