"""`{% newsletter_box partnership %}`: the sign-up form for a partnership page (one query)."""

from django import template

from citypartners.core.i18n import current_language
from citypartners.newsletter.forms import SubscribeForm
from citypartners.newsletter.queries import current_consent_text

register = template.Library()


@register.inclusion_tag("newsletter/includes/box.html", takes_context=True)
def newsletter_box(context, partnership=None):
    consent_text = current_consent_text()
    form = SubscribeForm(initial={"language": current_language()})
    return {
        "form": form,
        "consent_text": consent_text,
        "partnership": partnership,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
