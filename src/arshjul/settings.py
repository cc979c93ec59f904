"""Settings for Årshjul, all read from the environment (see .env.example and docs/deployment.md).

A bad value fails at start with a message that names the variable.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ARSHJUL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from exc


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


DEBUG = env_bool("DEBUG", False)
# Under the test runner: a throw-away key, plain static storage, fast password hashing.
TESTING = "pytest" in sys.modules
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is empty: name the host names the site answers to")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("sqlite:", "postgres:", "postgresql:")):
        raise ImproperlyConfigured(
            "DATABASE_URL must start with sqlite:// or postgres:// (got a value that does not)"
        )
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "arshjul.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "csp",
    "axes",
    "ninja",
    "arshjul.core",
    "arshjul.accounts",
    "arshjul.organisation",
    "arshjul.documents",
    "arshjul.process",
    "arshjul.feedback",
    "arshjul.notifications",
    "arshjul.meetings",
    "arshjul.finance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "arshjul.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "arshjul.core.middleware.SignInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that its lockout page passes through the others (language, CSP) on the way out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "arshjul.urls"
WSGI_APPLICATION = "arshjul.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "arshjul" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "arshjul.core.context_processors.navigation",
            ],
        },
    }
]

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    "arshjul.accounts.throttle.ThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling (django-axes, accounts/throttle.py): the LOGIN_ATTEMPTS-th failed sign-in
# with one user name from one address within LOGIN_LOCKOUT_SECONDS locks that name from that
# address for LOGIN_LOCKOUT_SECONDS, counted in the database for every server process.
LOGIN_ATTEMPTS = env_int("LOGIN_ATTEMPTS", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)
if LOGIN_ATTEMPTS < 1 or LOGIN_LOCKOUT_SECONDS < 1:
    raise ImproperlyConfigured("LOGIN_ATTEMPTS and LOGIN_LOCKOUT_SECONDS must be at least 1")
# Reverse proxies in front of the app that append to X-Forwarded-For; 0: use REMOTE_ADDR.
ARSHJUL_TRUSTED_PROXIES = env_int("ARSHJUL_TRUSTED_PROXIES", 0)
if ARSHJUL_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("ARSHJUL_TRUSTED_PROXIES must be 0 or more")
AXES_FAILURE_LIMIT = LOGIN_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "arshjul.accounts.throttle.client_address"
AXES_USERNAME_CALLABLE = "arshjul.accounts.throttle.user_name"
AXES_LOCKOUT_CALLABLE = "arshjul.accounts.throttle.locked_out"
AXES_RESET_ON_SUCCESS = True
# The time she is told to come back holds: tries while locked out do not push it further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No log of every successful sign-in (who, when, from where) is kept: only failures count.
AXES_DISABLE_ACCESS_LOG = True
# No banner on every start of a command or worker, no log line per attempt: the failed
# attempts and lockouts are in the admin (Axes → Access attempts).
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "process:mine"
LOGOUT_REDIRECT_URL = "process:home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "src" / "arshjul" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# Uploaded files. They are served through views that check who may read them, never directly.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_MB", 25) * 1_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Excel files uploaded to the finance pages (finance.excel).
FINANCE_IMPORT_MAX_BYTES = env_int("FINANCE_IMPORT_MAX_MB", 5) * 1_000_000

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "src" / "arshjul" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG and not TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Pages and feeds as the public sees them are cached until the calendar changes (process/cache.py);
# the timeout bounds how long a name edited in the admin may show its old value. 0 turns it off.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300)
# How long a server process trusts the calendar's revisions it last read (other processes'
# changes show within this many seconds; the changing process's own at once).
PUBLIC_CACHE_STAMP_SECONDS = env_float("PUBLIC_CACHE_STAMP_SECONDS", 1.0)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "arshjul",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
    }
}

# Reminders of feedback-report deadlines go out this many days before each (manage.py send_reminders).
REMINDER_DAYS = sorted({int(d) for d in env_list("REMINDER_DAYS", "14,3")}, reverse=True)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "arshjul@localhost")
# Seconds the SMTP backend waits for the server before a send fails (and is retried).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# The outbox (manage.py send_mail_outbox): attempts before an e-mail is marked failed, and the
# wait before the first retry, doubled after each failed attempt.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 5)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 300)
if EMAIL_TIMEOUT <= 0 or MAIL_MAX_ATTEMPTS <= 0 or MAIL_RETRY_SECONDS < 0:
    raise ImproperlyConfigured(
        "EMAIL_TIMEOUT and MAIL_MAX_ATTEMPTS must be positive, MAIL_RETRY_SECONDS not negative"
    )

# The base of absolute links in feeds and e-mail (https://arshjul.example.se).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict Content Security Policy: no inline scripts, no third-party hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}
