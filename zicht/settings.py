"""Settings for zicht. Every value that differs per installation comes from the environment.

The defaults are those of the local demo (SQLite, console e-mail, DEBUG on). A
production installation sets ZICHT_ENV=production, which turns DEBUG off,
requires a real secret key and database, and enables the secure-cookie and
HSTS settings; see docs/architecture.md.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from zicht.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ZICHT_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env_str("ZICHT_ENV", "demo") == "production"
DEBUG = env_bool("ZICHT_DEBUG", default=not PRODUCTION)

# In production a missing key stays empty: Django refuses to use it, and the start-up check
# (zicht/lib/production.py) names it together with every other missing setting.
SECRET_KEY = env_str("ZICHT_SECRET_KEY")
if not SECRET_KEY and not PRODUCTION:
    SECRET_KEY = "demo-only-insecure-key-never-use-in-production"  # noqa: S105

# The key that seals the access log (HMAC-SHA256, zicht/audit/sealing.py). It lives outside the
# database, so that whoever can write the database cannot recompute an altered entry's hash.
# Required in production (a start-up check); elsewhere a key derived from SECRET_KEY is used.
ZICHT_ACCESS_LOG_KEY = env_str("ZICHT_ACCESS_LOG_KEY")
# The keys the log was sealed with before (comma-separated), after a rotation (ADR 0010).
ZICHT_ACCESS_LOG_KEYS = env_list("ZICHT_ACCESS_LOG_KEYS")
# Where the access log's checkpoints are appended (one JSON line each; zicht/audit/checkpoints.py):
# in production a store the database's writers cannot change. Empty: kept in the database only.
ZICHT_ACCESS_LOG_CHECKPOINT_FILE = env_str(
    "ZICHT_ACCESS_LOG_CHECKPOINT_FILE", str(VAR_DIR / "access-log-checkpoints.jsonl")
)

ALLOWED_HOSTS = env_list("ZICHT_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("ZICHT_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("ZICHT_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # trigram lookups on PostgreSQL; inert on SQLite
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    # Before django_tasks_db: its `db_worker` command is replaced by one that also runs
    # again the tasks of a worker that stopped (zicht/worker/recovery.py).
    "zicht.worker",
    "django_tasks_db",
    "zicht.lib",
    "zicht.backup",
    "zicht.accounts",
    "zicht.organisations",
    "zicht.audit",
    "zicht.intake",
    "zicht.casework",
    "zicht.notifications",
    "zicht.register",
    "zicht.linkage",
    "zicht.care",
    "zicht.casetable",
    "zicht.enforcement",
    "zicht.baseline",
    "zicht.barriers",
    "zicht.privacy",
    "zicht.portal",
    "zicht.monitor",
    "zicht.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zicht.accounts.middleware.RequireVerifiedStaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zicht.urls"
WSGI_APPLICATION = "zicht.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zicht" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zicht.accounts.context_processors.membership",
            ],
        },
    }
]

# SQLite is the embedded default so that the demo needs no server; production
# and the test suite in CI run on PostgreSQL (DATABASE_URL=postgres://...).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zicht.sqlite3'}"),
        conn_max_age=env_int("ZICHT_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# PBKDF2 at OWASP's cost (zicht/accounts/hashers.py); it verifies any pbkdf2_sha256 hash.
PASSWORD_HASHERS = ["zicht.accounts.hashers.OwaspPBKDF2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "casework:inbox"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("ZICHT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ZICHT_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# Staff of one municipality share an outgoing address, so lockout is per account.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions end after 30 minutes without activity and always after the browser closes.
SESSION_COOKIE_AGE = env_int("ZICHT_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = "zicht"

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("ZICHT_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (built into Django since 6.0): no third-party origins at all.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "nl"
# The staff interface offers Dutch and English; the public portal also the
# languages of the groups the regional plans name (see docs/portal.md).
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("hu", _("Hungarian")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("zh-hans", _("Simplified Chinese")),
]
# The second path holds the portal's Dutch texts until they join the main catalogue.
LOCALE_PATHS = [BASE_DIR / "zicht" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Front-end packages are installed from npm at setup (package.json), never copied into the repo.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "zicht" / "static",
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/altcha", NODE_MODULES / "altcha" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Background work: Django's Tasks API with a database-backed worker
# (`manage.py db_worker`), so there is no broker to operate.
TASKS = {
    "default": {
        "BACKEND": env_str("ZICHT_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A task running longer than this is taken to have lost its worker and is run again; a
# notification being sent is claimed for as long (see zicht/worker/recovery.py).
TASK_LEASE = timedelta(seconds=env_int("ZICHT_TASK_LEASE_SECONDS", 300))

# Behind a reverse proxy the client's address is read from the proxy's header, counting this
# many proxies from the right; 0 uses the socket's address (docs/portal.md).
TRUSTED_PROXY_HOPS = env_int("ZICHT_TRUSTED_PROXY_HOPS", 0)
PROXY_HEADER = env_str("ZICHT_PROXY_HEADER", "X-Forwarded-For")

# Public reporting portal (docs/portal.md). Attachments live outside the web root.
ZICHT_ATTACHMENT_DIR = Path(env_str("ZICHT_ATTACHMENT_DIR", str(VAR_DIR / "attachments")))
PORTAL_MAX_ATTACHMENTS = 5
# Backups (manage.py backup / restore): encrypted with the passphrase in this file, which
# is kept outside the database and outside the backups (docs/architecture.md, Operations).
BACKUP_KEY_FILE = env_str("ZICHT_BACKUP_KEY_FILE")
BACKUP_DIR = Path(env_str("ZICHT_BACKUP_DIR", str(VAR_DIR / "backups")))
PORTAL_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PORTAL_SUBMISSIONS_PER_HOUR = env_int("ZICHT_PORTAL_SUBMISSIONS_PER_HOUR", 10)
# Wrong receipt secrets: past the first limit (per code or per client) every try needs a
# proof of work; past the second a client is refused for the cool-off (portal/throttle.py).
PORTAL_STATUS_FAILURE_LIMIT = env_int("ZICHT_PORTAL_STATUS_FAILURE_LIMIT", 5)
PORTAL_STATUS_CLIENT_LIMIT = env_int("ZICHT_PORTAL_STATUS_CLIENT_LIMIT", 50)
PORTAL_STATUS_COOLOFF_SECONDS = env_int("ZICHT_PORTAL_STATUS_COOLOFF_SECONDS", 15 * 60)
# The ALTCHA proof of work (PBKDF2/SHA-256): iterations per try, and the hex prefix the
# derived key must start with ("00": one try in 256 succeeds).
PORTAL_POW_COST = env_int("ZICHT_PORTAL_POW_COST", 5000)
PORTAL_POW_PREFIX = env_str("ZICHT_PORTAL_POW_PREFIX", "00")
PORTAL_CHALLENGE_MAX_AGE = 6 * 3600
PORTAL_NOJS_WAIT_SECONDS = env_int("ZICHT_PORTAL_NOJS_WAIT_SECONDS", 30)

_MAIL_BACKEND = env_str(
    "ZICHT_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _MAIL_BACKEND}}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("ZICHT_EMAIL_HOST", "localhost"),
        "port": env_int("ZICHT_EMAIL_PORT", 25),
        "username": env_str("ZICHT_EMAIL_HOST_USER") or None,
        "password": env_str("ZICHT_EMAIL_HOST_PASSWORD") or None,
        "use_tls": env_bool("ZICHT_EMAIL_USE_TLS"),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = env_str("ZICHT_DEFAULT_FROM_EMAIL", "zicht <noreply@zicht.invalid>")

# Logs carry record identifiers, never personal data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ZICHT_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
