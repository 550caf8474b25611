"""
Settings for Filmculture, read from the environment.

Development needs nothing set: SQLite, the local-memory cache and DEBUG on request.
Production sets DATABASE_URL (PostgreSQL), REDIS_URL, DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS; a production process without a secret key refuses to start.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}."
    )


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Without a key in production, the web processes refuse to start (filmculture/startup.py)
# and anything else that needs it fails when it asks for it; commands that need none
# (migrate, collectstatic, makemigrations --check in a build step) run without secrets.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "articles",
]

MIDDLEWARE = [
    # First: load balancers' probes skip host checks, HTTPS redirects and sessions.
    "filmculture.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database outage is a 503 with Retry-After, not a 500 (filmculture/unavailable.py).
    "filmculture.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "filmculture.urls"
WSGI_APPLICATION = "filmculture.wsgi.application"
ASGI_APPLICATION = "filmculture.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

# SQLite needs no service; DATABASE_URL (postgres://user:pass@host:port/name) switches backends.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Write-ahead logging lets pages be read while an editor saves or an import runs,
        # and with synchronous=NORMAL a commit costs no fsync (the log is synced at each
        # checkpoint; a power cut may lose the last commits, never corrupt the file).
        # Memory-mapping reads the file without a system call per page: a fifth faster
        # imports at 10,000 essays (bench/import_articles.py). Writers take the lock when
        # their transaction begins, so two of them queue for up to `timeout` seconds
        # instead of failing halfway with "database is locked".
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is down or hung costs a request seconds, then a 503, not minutes:
    # connect_timeout bounds opening a connection (a server that accepts and never answers
    # included), statement_timeout any one query. 0 turns the statement timeout off (for
    # a long migration: DJANGO_DB_STATEMENT_TIMEOUT=0 manage.py migrate). The engine is
    # Django's, failing fast for a few seconds after a failed connection (docs/operations.md).
    DATABASES["default"]["ENGINE"] = "filmculture.postgresql"
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env_int("DJANGO_DB_CONNECT_TIMEOUT", 3),
        "options": f"-c statement_timeout={env_int('DJANGO_DB_STATEMENT_TIMEOUT', 30) * 1000}",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Many stateless app servers share one Redis; a single process is fine with local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # A dead or hung Redis is a slow cache, not a dead site: misses and skipped
            # writes, a short timeout at most once per cooldown (filmculture/degrading_cache.py).
            "BACKEND": "filmculture.degrading_cache.DegradingCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "filmculture",
            "OPTIONS": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "OPTIONS": {
                    "socket_connect_timeout": env_int("REDIS_CONNECT_TIMEOUT_MS", 250) / 1000,
                    "socket_timeout": env_int("REDIS_TIMEOUT_MS", 500) / 1000,
                },
                "COOLDOWN": env_int("REDIS_RETRY_SECONDS", 5),
                "MAX_TIMEOUT": env_int("REDIS_MAX_ENTRY_SECONDS", 86400),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions in the database: a cache outage must not sign editors out or lose a save.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TAGGIT_CASE_INSENSITIVE = True

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Workflow emails (submitted, sent back, published). Without DJANGO_EMAIL_HOST they are
# written to the console, as in development.
EMAIL_HOST_NAME = os.environ.get("DJANGO_EMAIL_HOST", "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST_NAME,
                "port": env_int("DJANGO_EMAIL_PORT", 587),
                "username": os.environ.get("DJANGO_EMAIL_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
                "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10),
            },
        }
        if EMAIL_HOST_NAME
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@filmculture.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A failing cache or database is reported once per interval with a count of what was
    # held back, not once per request (filmculture/throttled_logging.py).
    "filters": {
        "once_per_interval": {
            "()": "filmculture.throttled_logging.OncePerInterval",
            "seconds": env_int("DJANGO_FAILURE_LOG_SECONDS", 60),
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "filmculture.cache": {"filters": ["once_per_interval"]},
        "filmculture.database": {"filters": ["once_per_interval"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Seconds a reader is asked to wait (Retry-After) when the database is unavailable, and
# seconds a process waits before trying PostgreSQL again after a failed connection.
UNAVAILABLE_RETRY_AFTER = env_int("DJANGO_RETRY_AFTER_SECONDS", 30)
DATABASE_CONNECT_COOLDOWN = env_int("DJANGO_DB_RETRY_SECONDS", 2)

# --- Filmculture ---------------------------------------------------------------------------
FILMCULTURE = {
    # The publication's name, shown in page titles and the header.
    "SITE_NAME": os.environ.get("FILMCULTURE_SITE_NAME", "Filmculture"),
    # Absolute origin used in share links and feeds, e.g. https://filmculture.example;
    # empty means "the host of the current request".
    "SITE_URL": os.environ.get("FILMCULTURE_SITE_URL", "").rstrip("/"),
    "ADS_ENABLED": env_bool("FILMCULTURE_ADS_ENABLED", True),
    # An advertisement slot follows every N-th paragraph of an essay, never the last one.
    "AD_EVERY_N_PARAGRAPHS": env_int("FILMCULTURE_AD_EVERY_N_PARAGRAPHS", 3),
    "RELATED_ARTICLES_COUNT": env_int("FILMCULTURE_RELATED_ARTICLES_COUNT", 6),
    "ARTICLES_PER_PAGE": env_int("FILMCULTURE_ARTICLES_PER_PAGE", 12),
    # Seconds anonymous pages may be cached by browsers and the CDN.
    "PUBLIC_CACHE_SECONDS": env_int("FILMCULTURE_PUBLIC_CACHE_SECONDS", 300),
    # The essay form saves what is typed into an autosave slot this often (seconds), and
    # tells who else has the essay open with a heartbeat this often.
    "AUTOSAVE_SECONDS": env_int("FILMCULTURE_AUTOSAVE_SECONDS", 20),
    "PRESENCE_SECONDS": env_int("FILMCULTURE_PRESENCE_SECONDS", 30),
    # Days a shared preview link works, unless an editor revokes it sooner.
    "PREVIEW_LINK_DAYS": env_int("FILMCULTURE_PREVIEW_LINK_DAYS", 7),
}
for _name in ("AUTOSAVE_SECONDS", "PRESENCE_SECONDS", "PREVIEW_LINK_DAYS"):
    if FILMCULTURE[_name] < 1:
        raise ImproperlyConfigured(f"FILMCULTURE_{_name} must be 1 or more.")
if FILMCULTURE["AD_EVERY_N_PARAGRAPHS"] < 1:
    raise ImproperlyConfigured("FILMCULTURE_AD_EVERY_N_PARAGRAPHS must be 1 or more.")
if not 0 <= FILMCULTURE["RELATED_ARTICLES_COUNT"] <= 20:
    raise ImproperlyConfigured("FILMCULTURE_RELATED_ARTICLES_COUNT must be between 0 and 20.")
