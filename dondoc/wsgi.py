"""WSGI entry point (gunicorn dondoc.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dondoc.settings")
application = get_wsgi_application()
