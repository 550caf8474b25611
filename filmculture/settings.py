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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "filmculture.db_routers.ReadYourWritesMiddleware",
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
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
# PostgreSQL: psycopg 3's pool, one per worker process, instead of a connection per thread
# kept for DJANGO_DB_CONN_MAX_AGE (Django refuses both at once). Size it so that
# servers x workers x max_size stays under the server's max_connections (docs/deploy.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DJANGO_DB_POOL", True
):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DJANGO_DB_POOL_MIN_SIZE", 1),
        "max_size": env_int("DJANGO_DB_POOL_MAX_SIZE", 4),
        # Seconds a request waits for a free connection before failing.
        "timeout": env_int("DJANGO_DB_POOL_TIMEOUT", 10),
        # Idle connections beyond min_size are closed after this many seconds.
        "max_idle": env_int("DJANGO_DB_POOL_MAX_IDLE", 300),
    }
# A read replica (docs/deploy.md): readers' queries go to it, editors' and every write to
# the primary (filmculture/db_routers.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
            conn_health_checks=True,
        ),
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        # Under the test runner the replica is the primary's test database.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_READ_REPLICAS = ["replica"] if DATABASE_REPLICA_URL else []
DATABASE_ROUTERS = ["filmculture.db_routers.PrimaryReplicaRouter"]
# Seconds after an editor's write during which their requests still read the primary,
# so that they see what they saved while the replica catches up.
READ_PRIMARY_AFTER_WRITE_SECONDS = env_int("FILMCULTURE_READ_PRIMARY_AFTER_WRITE_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Many stateless app servers share one Redis; a single process is fine with local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "filmculture",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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

# Uploaded media. On one server, the app serves MEDIA_ROOT itself (filmculture/media.py);
# with several, set FILMCULTURE_S3_BUCKET (and FILMCULTURE_S3_ENDPOINT_URL for a store that
# is not AWS) and uploads go to S3-compatible object storage through django-storages,
# served from its own address (FILMCULTURE_S3_CUSTOM_DOMAIN: a CDN in front of the bucket).
S3_BUCKET = os.environ.get("FILMCULTURE_S3_BUCKET", "")
# How long browsers and CDNs keep an uploaded file (names are never reused).
FILMCULTURE_MEDIA_CACHE_SECONDS = env_int("FILMCULTURE_MEDIA_CACHE_SECONDS", 86400)
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("FILMCULTURE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("FILMCULTURE_S3_REGION") or None,
            # Credentials: these, or the usual AWS_* variables / instance role boto3 reads.
            "access_key": os.environ.get("FILMCULTURE_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("FILMCULTURE_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("FILMCULTURE_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("FILMCULTURE_S3_PREFIX", "media"),
            # Public images at plain addresses: readers' pages and og:image cache well.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": f"public, max-age={FILMCULTURE_MEDIA_CACHE_SECONDS}"
            },
        },
    }
FILMCULTURE_SERVE_MEDIA = env_bool("FILMCULTURE_SERVE_MEDIA", not S3_BUCKET)

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
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

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
