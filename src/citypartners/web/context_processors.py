"""Values every public page needs: the site's name and owner, and the alternate-language URLs."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

NATIVE_NAMES = {"de": "Deutsch", "en": "English"}
MISSING = {"de": "Keine deutsche Fassung", "en": "No English version"}


def site(request):
    alternates = []
    # A view may say its page exists in some languages only (Leichte Sprache is German).
    available = getattr(request, "available_languages", None)
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        with override(code):
            exists = url != request.path or request.path.startswith(f"/{code}/")
        if available is not None and code not in available:
            exists = False
        # The other language shows the same search results and calendar filters.
        query = request.META.get("QUERY_STRING", "")
        if exists and query:
            url = f"{url}?{query}"
        alternates.append(
            {
                "code": code,
                "native": NATIVE_NAMES[code],
                "url": url if exists else "",
                "missing": MISSING[code],
            }
        )
    return {
        "language_alternates": alternates,
        "site_name": _("City partnerships"),
        "site_owner": settings.CITYPARTNERS_OWNER,
        "official_label": _("Official website – %(owner)s")
        % {"owner": settings.CITYPARTNERS_OWNER},
    }
