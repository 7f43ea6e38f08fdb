"""CSRF tokens the front makes for visitors of cached pages are the tokens Django would make."""

import re

from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token

from citypartners.pagecache.holes import visitor_token

SECRET = "lo1IkjFo480dXQ2eelZs35O558O9YQO9"


def _cookie_value(cookies: list[str]) -> str:
    return re.match(r"csrftoken=([^;]+)", cookies[0]).group(1)


def test_a_visitor_with_a_cookie_gets_a_fresh_token_for_the_same_secret():
    first, cookies = visitor_token(f"theme=dark; csrftoken={SECRET}")
    second, _ = visitor_token(f"csrftoken={SECRET}")
    assert first != second
    assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == SECRET
    assert _cookie_value(cookies) == SECRET


def test_a_visitor_without_or_with_a_malformed_cookie_gets_a_new_secret():
    for header in ["", "csrftoken=short", "csrftoken=" + "!" * 32]:
        token, cookies = visitor_token(header)
        secret = _cookie_value(cookies)
        assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == secret


def test_tokens_use_the_whole_alphabet():
    seen = set("".join(visitor_token("")[0] for _ in range(200)))
    assert seen == set(CSRF_ALLOWED_CHARS)
