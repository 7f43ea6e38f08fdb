"""The baseline of the benchmark: the smallest WSGI app, served by the same gunicorn settings.

Its requests per second are what this machine, this gunicorn and this load generator can do at
all; the platform's figures divided by it give a ratio that holds on any machine.
"""

BODY = b'{"ok": true}\n'


def application(environ, start_response):
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]
