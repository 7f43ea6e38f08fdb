"""Template tags of the back office: the start page's lists and claims told in words."""

from __future__ import annotations

from django import template
from django.utils import timezone

from citypartners.backoffice.queries import Attention, attention

register = template.Library()


@register.simple_tag
def editor_attention() -> Attention:
    """What needs attention now (backoffice.queries.attention), for the start page."""
    return attention(today=timezone.localdate())
