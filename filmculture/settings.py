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
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105 (DEBUG only)

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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "accounts",
    "articles",
]

MIDDLEWARE = [
    # First: load balancers' probes skip host checks, HTTPS redirects and sessions.
    "filmculture.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized request from its Content-Length, before anything reads the body.
    "articles.uploads.RequestSizeLimitMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "filmculture.security.PermissionsPolicyMiddleware",
    # A database outage is a 503 with Retry-After, not a 500 (filmculture/unavailable.py).
    "filmculture.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages after everything below has written them; WhiteNoise above serves
    # static files already compressed, so they never reach it.
    "django.middleware.gzip.GZipMiddleware",
    # Answers readers without a session cookie from the page cache before anything below
    # runs, and stores the pages below rendered for them (articles/caching.py).
    "articles.caching.PageCacheMiddleware",
    "filmculture.db_routers.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.twofactor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that a locked-out login is answered before the view runs (django-axes).
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.csp",
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
# PostgreSQL: psycopg 3's pool, one per worker process, instead of a connection per thread
# kept for DJANGO_DB_CONN_MAX_AGE (Django refuses both at once). Size it so that
# servers x workers x max_size stays under the server's max_connections (docs/deploy.md).
# Opt-in: the pool opens connections in threads of its own, outside the fail-fast breaker
# of filmculture/postgresql, so with the database down each request waits out its timeout.
if DATABASES["default"]["ENGINE"] == "filmculture.postgresql" and env_bool("DJANGO_DB_POOL", False):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DJANGO_DB_POOL_MIN_SIZE", 1),
        "max_size": env_int("DJANGO_DB_POOL_MAX_SIZE", 4),
        # Seconds a request waits for a connection before failing: no longer than opening
        # one may take, so a database that is down still answers readers with a quick 503.
        "timeout": env_int("DJANGO_DB_POOL_TIMEOUT", env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)),
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

# Many stateless app servers share one Redis; without it, one machine's workers share a disk cache.
REDIS_URL = os.environ.get("REDIS_URL", "")

# The embedded default's cache (used below when there is no Redis).
SHARED_FILE_CACHE = {
    "BACKEND": "filmculture.file_cache.SharedFileCache",
    "LOCATION": os.environ.get("FILMCULTURE_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
    "OPTIONS": {
        "MAX_ENTRIES": env_int("FILMCULTURE_CACHE_MAX_ENTRIES", 50_000),
        "CULL_EVERY": env_int("FILMCULTURE_CACHE_CULL_EVERY", 500),
        # The page cache's pages (articles.caching.ENTRY_PREFIX), read from memory while
        # their file is unchanged.
        "REMEMBER_PREFIX": "page-cache:page",
        # The page cache's state (articles.caching.STATE_KEY), read on every request.
        "HELD_KEYS": ["page-cache:state"],
    },
}

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
    # Without Redis, every worker process on the machine shares a cache on disk: a page
    # cache per process would serve pages older than an editor's last save (docs/caching.md).
    CACHES = {"default": SHARED_FILE_CACHE}

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
            else "filmculture.static_files.StaticFilesStorage"
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

# Request and upload limits (docs/uploads.md). Past them Django raises RequestDataTooBig,
# TooManyFieldsSent or TooManyFilesSent, answered by articles.uploads.bad_request.
# Form fields other than files: an essay of many 60,000-character sections fits.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FIELDS", 3000)
# An import may upload many page files at once.
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FILES", 500)
FILE_UPLOAD_HANDLERS = [
    # Stops keeping an image upload past its cap; the others then never see those bytes.
    "articles.uploads.ImageSizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)

# --- Security headers, login protection, sessions (docs/security.md) ----------------------
# Behind a TLS-terminating proxy, Django learns a request came over HTTPS from one header the
# proxy sets (and strips from clients): "X-Forwarded-Proto: https" by default in production,
# "off" when Django terminates TLS itself (then the header would be a client's to forge).
_proxy_ssl_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip() or (
    "" if DEBUG else "X-Forwarded-Proto: https"
)
if _proxy_ssl_header and _proxy_ssl_header.lower() != "off":
    _name, _, _value = _proxy_ssl_header.partition(":")
    if not _name.strip() or not _value.strip():
        raise ImproperlyConfigured(
            "DJANGO_SECURE_PROXY_SSL_HEADER must read 'Header-Name: value' "
            f"(e.g. 'X-Forwarded-Proto: https') or 'off', not {_proxy_ssl_header!r}."
        )
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"),
        _value.strip(),
    )
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = env_list("DJANGO_SECURE_REDIRECT_EXEMPT", r"^healthz$,^readyz$")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: every script is a static file; the few inline blocks
# Django's admin writes carry the request's nonce. Public pages are cached whole, so they
# must never use a nonce (a cached page would carry a stale one).
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # Lead images may live on a media host (DJANGO_MEDIA_URL); Django's admin uses data: SVGs.
    "img-src": [CSP.SELF, "data:", *env_list("FILMCULTURE_CSP_IMG_SRC")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Features the site never uses, refused for it and anything it embeds (security.py).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username or address is refused before any password check.
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins are counted in the database, so lockouts hold while Redis is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("FILMCULTURE_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("FILMCULTURE_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
# A username is locked after too many failures from anywhere; an address after too many
# failures on any usernames (guessing many accounts from one place).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "filmculture.clientip.client_ip"
AXES_VERBOSE = False
# How many proxies in front of Django append to X-Forwarded-For. 0 (the default) trusts
# only the socket's address: a client can write anything in that header.
FILMCULTURE_TRUSTED_PROXY_COUNT = env_int("FILMCULTURE_TRUSTED_PROXY_COUNT", 0)

# Fixed-window rate limits (filmculture/ratelimits.py): "requests/seconds" per client address.
RATE_LIMITS = {
    "login": os.environ.get("FILMCULTURE_RATE_LIMIT_LOGIN", "30/300"),
    "preview_link": os.environ.get("FILMCULTURE_RATE_LIMIT_PREVIEW_LINK", "60/60"),
    "search": os.environ.get("FILMCULTURE_RATE_LIMIT_SEARCH", "60/60"),
}

# Sessions live in the database, so a person's sessions can be found and ended together
# ("log out everywhere", a password change) and survive a Redis outage.
SESSION_ENGINE = "accounts.sessions"
# Superusers must enrol a TOTP device before the admin lets them in (accounts/twofactor.py).
FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS = env_bool("FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = os.environ.get("FILMCULTURE_SITE_NAME", "Filmculture")

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
    # Addresses per sitemap page; longer sitemaps are split, listed by /sitemap.xml (the
    # protocol allows 50,000).
    "SITEMAP_PAGE_SIZE": env_int("FILMCULTURE_SITEMAP_PAGE_SIZE", 50_000),
    # Seconds anonymous pages may be cached by browsers and the CDN.
    "PUBLIC_CACHE_SECONDS": env_int("FILMCULTURE_PUBLIC_CACHE_SECONDS", 300),
    # Browsers keep a page this long (short, so corrections reach readers quickly); shared
    # caches serve a stale copy while they refetch, or while the site answers with errors.
    "BROWSER_CACHE_SECONDS": env_int("FILMCULTURE_BROWSER_CACHE_SECONDS", 60),
    "STALE_WHILE_REVALIDATE_SECONDS": env_int("FILMCULTURE_STALE_WHILE_REVALIDATE_SECONDS", 30),
    "STALE_IF_ERROR_SECONDS": env_int("FILMCULTURE_STALE_IF_ERROR_SECONDS", 86400),
    # HTTP caches to send BAN requests to when content changes (Varnish: deploy/varnish).
    "PURGE_URLS": env_list("FILMCULTURE_PURGE_URLS"),
    # The essay form saves what is typed into an autosave slot this often (seconds), and
    # tells who else has the essay open with a heartbeat this often.
    "AUTOSAVE_SECONDS": env_int("FILMCULTURE_AUTOSAVE_SECONDS", 20),
    "PRESENCE_SECONDS": env_int("FILMCULTURE_PRESENCE_SECONDS", 30),
    # Days a shared preview link works, unless an editor revokes it sooner.
    "PREVIEW_LINK_DAYS": env_int("FILMCULTURE_PREVIEW_LINK_DAYS", 7),
    # Upload and size limits (docs/uploads.md). A whole request, refused from its
    # Content-Length before it is read; all the files of one import together; one image.
    "MAX_REQUEST_BYTES": env_int("FILMCULTURE_MAX_REQUEST_MB", 64) * 1024 * 1024,
    "MAX_IMPORT_BYTES": env_int("FILMCULTURE_MAX_IMPORT_MB", 50) * 1024 * 1024,
    "MAX_IMAGE_BYTES": env_int("FILMCULTURE_MAX_IMAGE_MB", 10) * 1024 * 1024,
    "MAX_IMAGE_PIXELS": env_int("FILMCULTURE_MAX_IMAGE_MEGAPIXELS", 40) * 1_000_000,
    # Characters: a long essay's section stays well under it; a pasted book does not.
    "MAX_SECTION_CHARS": env_int("FILMCULTURE_MAX_SECTION_CHARS", 60_000),
    "MAX_STANDFIRST_CHARS": env_int("FILMCULTURE_MAX_STANDFIRST_CHARS", 600),
}
for _name in ("AUTOSAVE_SECONDS", "PRESENCE_SECONDS", "PREVIEW_LINK_DAYS"):
    if FILMCULTURE[_name] < 1:
        raise ImproperlyConfigured(f"FILMCULTURE_{_name} must be 1 or more.")
for _name in ("MAX_REQUEST_BYTES", "MAX_IMPORT_BYTES", "MAX_IMAGE_BYTES", "MAX_IMAGE_PIXELS",
              "MAX_SECTION_CHARS", "MAX_STANDFIRST_CHARS"):  # fmt: skip
    if FILMCULTURE[_name] < 1:
        raise ImproperlyConfigured(f"The setting behind FILMCULTURE[{_name!r}] must be 1 or more.")
if FILMCULTURE["AD_EVERY_N_PARAGRAPHS"] < 1:
    raise ImproperlyConfigured("FILMCULTURE_AD_EVERY_N_PARAGRAPHS must be 1 or more.")
if not 1 <= FILMCULTURE["SITEMAP_PAGE_SIZE"] <= 50_000:
    raise ImproperlyConfigured("FILMCULTURE_SITEMAP_PAGE_SIZE must be between 1 and 50000.")
if not 0 <= FILMCULTURE["RELATED_ARTICLES_COUNT"] <= 20:
    raise ImproperlyConfigured("FILMCULTURE_RELATED_ARTICLES_COUNT must be between 0 and 20.")
