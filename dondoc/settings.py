"""dondoc settings: one file, read from the environment through small typed helpers.

A bare checkout works with no environment at all (SQLite in data/, DEBUG on). Production sets
DONDOC_ENV=production, SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL (PostgreSQL).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_str("DONDOC_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = env_str(
    "SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "dondoc.audit.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "dondoc.units",
    "dondoc.audit",
    "dondoc.documents",
    "dondoc.tasks",
    "dondoc.reporting",
    "dondoc.indicators",
    "dondoc.committees",
    "dondoc.dashboards",
    "dondoc.exports",
    "dondoc.exchange",
    "dondoc.backups",
    "dondoc.portal",
    "dondoc.api",
    "dondoc.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dondoc.middleware.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dondoc.middleware.BearerTokenMiddleware",
    "dondoc.middleware.AuditOriginMiddleware",
    "dondoc.middleware.RateLimitMiddleware",
    "dondoc.middleware.BadTokenMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dondoc.middleware.IdleSessionMiddleware",
    "dondoc.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dondoc.urls"
WSGI_APPLICATION = "dondoc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dondoc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dondoc.units.context_processors.scope",
                "dondoc.reporting.context_processors.notifications",
            ],
            "builtins": ["dondoc.vn.filters"],
        },
    }
]

# Database: SQLite (WAL) in data/ by default; DATABASE_URL picks PostgreSQL for multi-user deployments.
# Set but empty (`DATABASE_URL=` in an env file, a compose default) means the default too, never a crash.
DATABASE_URL = env_str("DATABASE_URL").strip() or f"sqlite:///{BASE_DIR / 'data' / 'dondoc.db'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    (BASE_DIR / "data").mkdir(exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT spends ~0,5 s compiling the status counts, which run in ~15 ms: always off for dondoc
    # (bench/RESULTS.md, "JIT"). Set here so it holds whatever the server's configuration.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# A read replica (PostgreSQL streaming standby) for the dashboards and summaries: DATABASE_REPLICA_URL. Reads go
# there only inside dondoc.dbrouters.read_replica(); writes never. Under the test runner it is a mirror of default.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["dondoc.dbrouters.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The status engine's covering indexes carry extra columns for PostgreSQL's index-only scans; SQLite builds
# them as plain indexes, which is all it needs for one province.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "units.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Password policy: long enough, not on the list of common passwords, not like the person's own names, not all
# digits. Django's messages are in Vietnamese.
DONDOC_PASSWORD_MIN_LENGTH = env_int("DONDOC_PASSWORD_MIN_LENGTH", 10)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "phone")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": DONDOC_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock out a username from an address after repeated failed logins (per user and IP together, so
# that nobody can lock a leader out from elsewhere, nor try many names from one address unseen).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "dondoc.middleware.client_ip"

# Vietnamese first; English second. Vietnam's today, whatever the server's clock zone.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "dondoc" / "locale"]
# The language switch in the header (django.views.i18n.set_language) keeps the choice in this cookie for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
if not PRODUCTION:
    STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from here after collectstatic; empty in development
STATICFILES_DIRS = [BASE_DIR / "dondoc" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "data" / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
DONDOC_EVIDENCE_MAX_BYTES = env_int("DONDOC_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)

# Limits on what people send (each refused with a Vietnamese message; see docs/security.md):
DONDOC_UPLOAD_MAX_BYTES = env_int("DONDOC_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)  # a file to import or read
DONDOC_UPLOAD_MAX_UNPACKED_BYTES = env_int(
    "DONDOC_UPLOAD_MAX_UNPACKED_BYTES", 200 * 1024 * 1024
)  # .xlsx/.docx
DONDOC_UPLOAD_MAX_PARTS = env_int("DONDOC_UPLOAD_MAX_PARTS", 5000)  # files inside one .xlsx/.docx
DONDOC_UPLOAD_MAX_RATIO = env_int("DONDOC_UPLOAD_MAX_RATIO", 200)  # unpacked/packed size of one part
DONDOC_IMPORT_MAX_ROWS = env_int("DONDOC_IMPORT_MAX_ROWS", 200_000)  # rows of one imported sheet
DONDOC_IMPORT_MAX_COLUMNS = env_int("DONDOC_IMPORT_MAX_COLUMNS", 100)
DONDOC_TEXT_MAX_CHARS = env_int("DONDOC_TEXT_MAX_CHARS", 200_000)  # one field of a form (a pasted report)
DONDOC_QUERY_MAX_CHARS = env_int("DONDOC_QUERY_MAX_CHARS", 2_000)  # one value of a query string
DONDOC_REQUEST_MAX_BYTES = env_int("DONDOC_REQUEST_MAX_BYTES", 110 * 1024 * 1024)  # one request's body
# Requests per window, by caller: the sign-in form per address, the API per user.
DONDOC_RATE_LOGIN = env_str("DONDOC_RATE_LOGIN", "30/300")  # 30 sign-in attempts per 5 minutes
DONDOC_RATE_API = env_str("DONDOC_RATE_API", "1200/60")  # 1.200 API requests a minute

# Background work: Django's tasks framework through the django-tasks backport, stored in the database.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "dondoc <dondoc@localhost>")

# Sessions: signed out after DONDOC_SESSION_IDLE_MINUTES without a request, and after DONDOC_SESSION_MAX_HOURS in
# any case.
DONDOC_SESSION_IDLE_MINUTES = env_int("DONDOC_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = env_int("DONDOC_SESSION_MAX_HOURS", 10) * 3600
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # the pages carry the token themselves (htmx reads it from the page)

# The second factor (TOTP, django-otp): optional for everyone; mandatory for the roles listed here
# (e.g. "admin,office,leader"), who must set it up at their next sign-in.
DONDOC_OTP_REQUIRED_ROLES = env_list("DONDOC_OTP_REQUIRED_ROLES", "")
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "dondoc")

# Personal API tokens expire: DONDOC_API_TOKEN_DAYS by default, at most DONDOC_API_TOKEN_MAX_DAYS.
DONDOC_API_TOKEN_DAYS = env_int("DONDOC_API_TOKEN_DAYS", 90)
DONDOC_API_TOKEN_MAX_DAYS = env_int("DONDOC_API_TOKEN_MAX_DAYS", 365)
# Content-Security-Policy (django-csp): everything from this server only, no inline script or style at all
# (every script and style is a static file), no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"dondoc": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")}},
}

# Django's cache holds the request-rate counts (RateLimitMiddleware). The default memory cache is per process:
# with several web workers each counts alone, so a production with more than one sets DONDOC_CACHE=db (the
# database's table dondoc_cache, made by `manage.py createcachetable`), shared by every worker and machine.
DONDOC_CACHE = env_str("DONDOC_CACHE", "memory")
if DONDOC_CACHE == "db":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "dondoc_cache"}
    }
elif DONDOC_CACHE != "memory":
    raise ImproperlyConfigured(f"DONDOC_CACHE must be memory or db, not {DONDOC_CACHE!r}")

# Reverse proxies in front of dondoc (nginx: 1); the caller's address is then read from X-Forwarded-For.
DONDOC_TRUSTED_PROXIES = env_int("DONDOC_TRUSTED_PROXIES", 0)

# The most rows one Excel export of a list (the audit trail) holds; narrow the filter for the rest.
DONDOC_EXPORT_MAX_ROWS = env_int("DONDOC_EXPORT_MAX_ROWS", 100_000)

# How many rows a list page shows.
DONDOC_PAGE_SIZE = env_int("DONDOC_PAGE_SIZE", 25)
