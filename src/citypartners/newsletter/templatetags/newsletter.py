"""`{% newsletter_box partnership %}`: the sign-up form for a partnership page (one query).

Its CSRF token is the only per-visitor part of a cached partnership page (`pagecache.holes`).
"""

from django import template

from citypartners.core.i18n import current_language
from citypartners.newsletter.forms import SubscribeForm
from citypartners.newsletter.queries import current_consent_text
from citypartners.pagecache.holes import csrf_token_for_page

register = template.Library()


@register.inclusion_tag("newsletter/includes/box.html", takes_context=True)
def newsletter_box(context, partnership=None):
    consent_text = current_consent_text()
    form = SubscribeForm(initial={"language": current_language()})
    return {
        "form": form,
        "consent_text": consent_text,
        "partnership": partnership,
        # Noted for the page cache, which fills in each visitor's own token.
        "form_csrf_token": csrf_token_for_page(context.get("request")),
        "request": context.get("request"),
    }
