"""The one answer to "who is this client?": its address, proxy-aware.

Behind the shipped nginx every request comes from 127.0.0.1, so keying rate limits, the log-in
lock-out and the audit log on REMOTE_ADDR makes every visitor one visitor. `X-Forwarded-For`
names the real client, but anyone can send that header: it is believed only from the proxies
listed in `CITYPARTNERS_TRUSTED_PROXIES` (addresses or networks; none by default).

The walk is the usual one (nginx's `real_ip_recursive`): start at the connecting peer and,
while the hop is a trusted proxy, step one entry left in `X-Forwarded-For`; the first hop that
is not a trusted proxy is the client. The header is parsed by python-ipware (ports, brackets,
IPv4-mapped IPv6, RFC 7239 `for=` tokens, junk), see docs/decisions/0012.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from python_ipware.modern.parsers import parse_ip, split_proxy_chain

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The networks of `CITYPARTNERS_TRUSTED_PROXIES` (a bare address is a /32 or /128)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address; `X-Forwarded-For` counts only when a trusted proxy sent it."""
    meta = request.META
    peer = parse_ip(meta.get("REMOTE_ADDR", ""))
    if peer is None:
        return UNKNOWN
    networks = trusted_networks(tuple(settings.CITYPARTNERS_TRUSTED_PROXIES))
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    chain = split_proxy_chain(meta.get("HTTP_X_FORWARDED_FOR", ""), strict=False) or []
    client = peer
    for hop in reversed(chain):
        client = hop
        if not _is_trusted(hop, networks):
            break
    return str(client)


def axes_client_ip(request: HttpRequest) -> str | None:
    """django-axes' `AXES_CLIENT_IP_CALLABLE`: the same address the rate limits see, or None
    when the request names none (as axes' own lookup answers; its address column is an IP)."""
    address = client_address(request)
    return None if address == UNKNOWN else address
