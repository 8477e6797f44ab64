"""Settings for duban. One file; the environment picks the parts that differ per deployment.

DUBAN_ENV=production switches on the hardening that `manage.py check --deploy` asks for.
DATABASE_URL selects PostgreSQL (else embedded SQLite); REDIS_URL selects Redis for cache and
sessions (else local memory + database sessions).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DUBAN_VAR_DIR", BASE_DIR / "var"))
ENV = os.environ.get("DUBAN_ENV", "development")
PRODUCTION = ENV == "production"

SECRET_KEY = os.environ.get("DUBAN_SECRET_KEY") or (
    "dev-only-insecure-key-do-not-use-in-production-1b9f2c7a"
    if not PRODUCTION
    else ""  # production refuses to start without a real key (see below)
)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise RuntimeError("DUBAN_SECRET_KEY must be set to 50+ random characters in production")

DEBUG = os.environ.get("DUBAN_DEBUG", "0") == "1" and not PRODUCTION
ALLOWED_HOSTS = os.environ.get("DUBAN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DUBAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_filters",
    "treebeard",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "duban",
    "audit",
    "orgs",
    "workdays",
    "inbox",
    "assignments",
    "rectification",
    "ingestion",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "duban.dbrouter.ReplicaMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "duban.i18n.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "duban.sessions.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "audit.middleware.RequestContextMiddleware",
    "orgs.middleware.PasswordChangeRequiredMiddleware",
    "duban.pagecache.PageCacheMiddleware",  # innermost: serves a kept page instead of the view
]

ROOT_URLCONF = "duban.urls"
WSGI_APPLICATION = "duban.wsgi.application"
ASGI_APPLICATION = "duban.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "duban.context_processors.layout",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
SQLITE_PATH = Path(os.environ.get("DUBAN_SQLITE_PATH", VAR_DIR / "duban.sqlite3"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
    # Read replicas: DATABASE_REPLICA_URLS=postgres://r1/db,postgres://r2/db
    for i, url in enumerate(u for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u):
        DATABASES[f"replica{i + 1}"] = dj_database_url.parse(url, conn_max_age=60)
        DATABASES[f"replica{i + 1}"]["TEST"] = {"MIRROR": "default"}
else:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA mmap_size=134217728;"
                ),
            },
        }
    }
DATABASE_ROUTERS = ["duban.dbrouter.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ----------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "duban.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "duban",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

SESSION_COOKIE_AGE = 30 * 60  # idle timeout, renewed by duban.sessions.IdleTimeoutMiddleware
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "duban.views.csrf_failure"

# --- Auth ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "orgs.Person"
AUTHENTICATION_BACKENDS = ["orgs.backends.PhoneOrStaffNumberBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("phone", "staff_no", "name")}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "orgs.passwords.CharacterClassValidator"},
]
LOGIN_MAX_FAILURES = 5
LOGIN_LOCKOUT_MINUTES = 15

# --- i18n ------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS: list = []  # every app keeps its own locale/ directory
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("DUBAN_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DUBAN_MAX_UPLOAD_BYTES = int(os.environ.get("DUBAN_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))

# --- Background tasks ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DUBAN_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Mail and notification channels ------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DUBAN_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("DUBAN_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DUBAN_FROM_EMAIL", "duban@localhost")
WEBHOOK_TIMEOUT_SECONDS = 5
WEBHOOK_MAX_ATTEMPTS = 5

# --- Security headers -----------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("DUBAN_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DUBAN_LOG_LEVEL", "WARNING")},
}

DUBAN_HOME_CARD_SECONDS = int(os.environ.get("DUBAN_HOME_CARD_SECONDS", 60))
# duban.pagecache: pages kept per person until the next write (at most this long; 0 = off)
DUBAN_PAGE_CACHE_SECONDS = int(os.environ.get("DUBAN_PAGE_CACHE_SECONDS", 60))
# ...and while a write's first reader renders a page again, others may get the copy from just
# before the write, if it is at most this old and they wrote nothing since (0 = never)
DUBAN_PAGE_STALE_SECONDS = int(os.environ.get("DUBAN_PAGE_STALE_SECONDS", 5))
DUBAN_PAGE_CACHE_VIEWS = frozenset({
    "home", "orgs:tree", "orgs:unit", "orgs:people", "orgs:person",
    "assignments:todo", "assignments:board", "assignments:item", "assignments:unit",
    "assignments:leader", "assignments:weekly", "rectification:ledger", "rectification:item",
    "rectification:stats", "ingestion:list", "ingestion:document", "ingestion:task_edit",
})
DUBAN_SHARED_DIR = Path(os.environ.get("DUBAN_SHARED", BASE_DIR.parent / "shared"))
DUBAN_LANG_NAMES = {"zh-hans": _("Chinese"), "en": _("English")}
