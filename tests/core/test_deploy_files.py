"""The shipped deployment files and the guide agree with each other (issue 13).

bench/deployment_guide.sh runs the guide with nginx and proves it end to end; these checks
keep the promises it relies on from drifting apart in the files themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NGINX = (REPO / "deploy/nginx.conf").read_text()
GUIDE = (REPO / "docs/deployment.md").read_text()


def _guide_env() -> dict[str, str]:
    block = re.search(r"```env\n(.*?)```", GUIDE, re.S).group(1)
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)


def test_nginx_serves_uploaded_media_from_the_var_dir_of_the_guide():
    """Uploaded media were not served in production: nginx serves them from VAR_DIR/media."""
    alias = re.search(r"location /media/ \{[^}]*alias ([^;]+);", NGINX).group(1)
    assert alias == _guide_env()["CITYPARTNERS_VAR_DIR"] + "/media/"


def test_the_guide_sets_a_redis_memory_limit_with_an_eviction_policy_of_expiring_keys():
    section = GUIDE[GUIDE.index("## 3. Redis") : GUIDE.index("## 4.")]
    assert re.search(r"^maxmemory \d+[mg]b$", section, re.M)
    assert re.search(r"^maxmemory-policy volatile-lru$", section, re.M)


def test_the_guide_trusts_the_forwarded_address_of_the_shipped_nginx_only():
    assert _guide_env()["CITYPARTNERS_TRUSTED_PROXIES"] == "127.0.0.1"
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in NGINX


def test_nginx_retries_idempotent_requests_only_on_the_next_server():
    retry = re.search(r"proxy_next_upstream ([^;]+);", NGINX).group(1).split()
    assert "error" in retry
    assert "non_idempotent" not in retry  # a POST is never sent twice
