"""Reading settings from the environment, and refusing unsafe production configurations."""

import ipaddress
import os


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def require_production_setting(
    name: str,
    value: str,
    *,
    is_production: bool,
    development_default: str = "",
    min_length: int = 1,
) -> str:
    """The value; outside production the development default; else stop with a clear message."""
    if value and len(value) >= min_length:
        return value
    if not is_production:
        return value or development_default
    problem = "is not set" if not value else f"is shorter than {min_length} characters"
    raise SystemExit(
        f"{name} {problem}; citypartners refuses to start in production "
        f"(CITYPARTNERS_ENV=production) without it. See .env.example."
    )


def check_networks(name: str, entries: list[str]) -> list[str]:
    """The entries, each an IP address or network; stop with a clear message at the first that
    is neither (a typo must not silently trust nobody, or everybody)."""
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise SystemExit(
                f"{name}: {entry!r} is not an IP address or network (e.g. 127.0.0.1, 10.0.0.0/8)."
            ) from None
    return entries
