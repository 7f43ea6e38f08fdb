"""The frame of every HTML mail: the site's name, owner and colours around the message.

Why: mail programs ignore the site's stylesheet, and many drop <style> blocks, so the design
is repeated here with inline styles (KERN's blue rule and text colours, Fira Sans where it is
installed, else Arial). The text part of each mail stays plain text.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()

BLUE = "#1a3da5"
TEXT = "#131525"
MUTED = "#404565"
HUED = "#f7f7f9"
RULE = "#dfe1ea"
FONT = "'Fira Sans', Arial, Helvetica, sans-serif"


@register.simple_tag
def mail_top() -> str:
    """Opens the frame: a grey page, a white column of at most 600 px, the site's name."""
    return format_html(
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"'
        ' style="background:{hued};"><tr><td align="center" style="padding:16px 8px;">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"'
        ' style="max-width:600px;background:#ffffff;border-top:4px solid {blue};'
        'font-family:{font};font-size:16px;line-height:1.5;color:{text};text-align:left;">'
        '<tr><td style="padding:16px 24px;border-bottom:1px solid {rule};">'
        '<a href="{url}/" style="color:{text};text-decoration:none;font-size:20px;'
        'font-weight:600;">{site}</a><br><span style="color:{muted};">{owner}</span></td></tr>'
        '<tr><td style="padding:24px;">',
        hued=HUED,
        blue=BLUE,
        font=FONT,
        text=TEXT,
        rule=RULE,
        muted=MUTED,
        url=settings.CITYPARTNERS_BASE_URL,
        site=gettext("City partnerships"),
        owner=settings.CITYPARTNERS_OWNER,
    )


@register.simple_tag
def mail_bottom() -> str:
    """Closes the frame with the site's address."""
    return format_html(
        '</td></tr><tr><td style="padding:16px 24px;border-top:1px solid {rule};'
        'font-size:14px;color:{muted};">{owner} · <a href="{url}/" style="color:{blue};">'
        "{host}</a></td></tr></table></td></tr></table>",
        rule=RULE,
        muted=MUTED,
        owner=settings.CITYPARTNERS_OWNER,
        url=settings.CITYPARTNERS_BASE_URL,
        blue=BLUE,
        host=settings.CITYPARTNERS_BASE_URL.split("://", 1)[-1],
    )


@register.simple_tag
def mail_button(url: str, label: str) -> str:
    """The mail's one main action as a large link (44 px high, underlined, KERN blue)."""
    return format_html(
        '<p style="margin:24px 0;"><a href="{}" style="display:inline-block;padding:12px 20px;'
        "background:{};color:#ffffff;font-weight:600;text-decoration:underline;"
        'border-radius:2px;">{}</a></p>',
        url,
        BLUE,
        label,
    )
