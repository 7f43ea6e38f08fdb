"""The WSGI entry point gunicorn loads: Django behind the page cache, start-up objects frozen."""

import gc
import importlib

from django.core.handlers.wsgi import WSGIHandler

from citypartners.pagecache.front import PageCacheApp


def test_gunicorn_gets_django_behind_the_page_cache_with_start_up_objects_frozen():
    gc.unfreeze()
    try:
        wsgi = importlib.reload(importlib.import_module("citypartners.wsgi"))
        assert isinstance(wsgi.application, PageCacheApp)
        assert isinstance(wsgi.application.django_app, WSGIHandler)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
