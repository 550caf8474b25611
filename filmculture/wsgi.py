"""WSGI entry point: `gunicorn filmculture.wsgi` (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmculture.settings")

application = get_wsgi_application()
