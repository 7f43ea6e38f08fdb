"""WSGI entry point for gunicorn: `gunicorn citypartners.wsgi`.

Django's application sits behind the page cache (`citypartners.pagecache.front`), which answers
repeated requests for public pages without entering Django's request cycle.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
django_application = get_wsgi_application()

from citypartners.pagecache.front import PageCacheApp  # noqa: E402  (needs Django set up)

application = PageCacheApp(django_application)
