"""Whole-page cache for the public site, served in front of Django.

Views opt in with `@public_page`. `middleware.PageCacheMiddleware` (outermost in Django) stores
an opted-in anonymous answer under its URL and today's date, stamped with the registry version;
`front.PageCacheApp` (the WSGI entry point) answers later requests for that URL straight from
the cache, before Django's request cycle, while the stamp still equals the registry version.
An edit bumps the version (`opendata.versioning`), so every page made before it is rebuilt on
its next request. Pages with the newsletter sign-up box carry a per-visitor CSRF token: the
cache keeps a placeholder and the front fills in a token for the visitor (`holes`).
"""
