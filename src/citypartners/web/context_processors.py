"""Values every public page needs: the site's name and the alternate-language URLs."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import gettext_lazy as _


def site(request):
    alternates = []
    for code, name in settings.LANGUAGES:
        alternates.append({"code": code, "name": name, "url": translate_url(request.path, code)})
    return {"language_alternates": alternates, "site_name": _("City partnerships")}
