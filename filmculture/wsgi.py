"""WSGI entry point: `gunicorn filmculture.wsgi` (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

from filmculture.startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmculture.settings")

require_secret_key()
application = get_wsgi_application()
