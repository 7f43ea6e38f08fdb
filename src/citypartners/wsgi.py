"""WSGI entry point for gunicorn: `gunicorn citypartners.wsgi`.

Django's application sits behind the page cache (`citypartners.pagecache.front`), which answers
repeated requests for public pages without entering Django's request cycle.

Before it serves, it runs the start-up checks (`core.checks`): a production server without its
static files manifest refuses to start instead of answering 500 to every page.

Once everything a request needs is imported (the URL configuration imports every view), the
objects alive at start-up are moved out of the garbage collector's sight (`gc.freeze`): they
live as long as the process, and a full collection would otherwise walk all of them again
and again, which showed as latency spikes on the API's object-heavy lists.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
django_application = get_wsgi_application()

from django.urls import get_resolver  # noqa: E402  (needs Django set up)

from citypartners.core.checks import fail_fast  # noqa: E402
from citypartners.pagecache.entries import release  # noqa: E402
from citypartners.pagecache.front import PageCacheApp  # noqa: E402

fail_fast()  # e.g. no static files manifest: refuse to start rather than answer 500s
application = PageCacheApp(django_application)

get_resolver().url_patterns  # noqa: B018  (imports every view now, not on a first request)
release()  # the page cache's fingerprint of this release: read the files once, now
gc.collect()
gc.freeze()
