"""One template per message and language, with blocks `subject`, `text` and `html`.

Keeping the three parts in one file per language means a translator sees the whole message
at once and the subject cannot drift from the body. The template is rendered in the
recipient's language (not the request's), text parts without HTML escaping, the HTML part
with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Content-Language": language, **(headers or {})},
        reply_to=reply_to,
        connection=connection,
    )
    if parts["html"]:
        message.attach_alternative(parts["html"], "text/html")
    return message


def absolute_url(path: str) -> str:
    """A path on this site as the absolute URL mails must carry (CITYPARTNERS_BASE_URL)."""
    return f"{settings.CITYPARTNERS_BASE_URL}{path}"
