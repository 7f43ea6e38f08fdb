"""One template per message and language, with blocks `subject`, `text` and `html`.

Keeping the three parts in one file per language means a translator sees the whole message
at once and the subject cannot drift from the body. The template is rendered in the
recipient's language (not the request's), text parts without HTML escaping, the HTML part
with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from email.utils import formataddr, make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.utils import translation

_SPACES = re.compile(r"\s+")


def render_email(name: str, *, language: str, context: Mapping[str, object]) -> dict[str, str]:
    """The subject (one line), text and HTML of `<name>_<language>.html`."""
    template = get_template(f"{name}_{language}.html").template
    blocks = {node.name: node for node in template.nodelist.get_nodes_by_type(BlockNode)}
    parts = {}
    with translation.override(language):
        for part in ("subject", "text", "html"):
            ctx = Context(dict(context), autoescape=(part == "html"))
            with ctx.render_context.push_state(template), ctx.bind_template(template):
                parts[part] = blocks[part].render(ctx).strip() if part in blocks else ""
    parts["subject"] = _SPACES.sub(" ", parts["subject"]).strip()
    parts["text"] = re.sub(r"\n{3,}", "\n\n", parts["text"]) + "\n"
    return parts


def sender(language: str) -> str:
    """The From address with the site's name in the recipient's language
    ("City partnerships – Land Berlin <partnerschaften@…>"), unless
    CITYPARTNERS_FROM_EMAIL already carries a display name of its own."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name:
        return settings.DEFAULT_FROM_EMAIL
    with translation.override(language):
        site = translation.gettext("City partnerships")
    return formataddr((f"{site} – {settings.CITYPARTNERS_OWNER}", address))


def message_id() -> str:
    """A Message-ID in the site's own domain (the host of CITYPARTNERS_BASE_URL), not the
    machine's name, which is "localhost" in a container and tells recipients nothing."""
    host = urlsplit(settings.CITYPARTNERS_BASE_URL).hostname or "localhost"
    return make_msgid(domain=host)


def build_email(
    name: str,
    *,
    language: str,
    context: Mapping[str, object],
    to: str,
    headers: Mapping[str, str] | None = None,
    reply_to: list[str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """A ready-to-send message (text with an HTML alternative) to one recipient."""
    parts = render_email(name, language=language, context=context)
    message = EmailMultiAlternatives(
        subject=parts["subject"],
        body=parts["text"],
        from_email=sender(language),
        to=[to],
        headers={"Content-Language": language, "Message-ID": message_id(), **(headers or {})},
        reply_to=reply_to,
        connection=connection,
    )
    if parts["html"]:
        message.attach_alternative(parts["html"], "text/html")
    return message


def absolute_url(path: str) -> str:
    """A path on this site as the absolute URL mails must carry (CITYPARTNERS_BASE_URL)."""
    return f"{settings.CITYPARTNERS_BASE_URL}{path}"
