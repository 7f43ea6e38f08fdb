"""Template tags of the back office: the start page's lists and claims told in words."""

from __future__ import annotations

from django import template
from django.utils import timezone

from citypartners.backoffice.queries import Attention, attention
from citypartners.editors.queries import memberships_of
from citypartners.editors.scope import scope_of

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_attention(context) -> Attention:
    """What needs attention now (backoffice.queries.attention) within the account's homes."""
    return attention(today=timezone.localdate(), scope=scope_of(context["request"].user))


@register.simple_tag(takes_context=True)
def editor_memberships(context) -> list:
    """The homes the account works for, with its role, for the start page of a home's editor
    (the default home's office keeps the start page it always had)."""
    user = context["request"].user
    return [] if scope_of(user).keeps_shared else list(memberships_of(user))
