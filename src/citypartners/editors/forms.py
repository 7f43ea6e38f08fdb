"""The forms of self-service: accepting an invitation, and registering a partnership."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from citypartners.backoffice.admin import SOURCE_LANGUAGES
from citypartners.core.fields import PartialDateFormField
from citypartners.partnerships.enums import PartnershipKind
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from citypartners.sources.enums import SourceKind


class JoinForm(forms.Form):
    """The new editor's user name and password (checked by the site's password validators)."""

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[get_user_model().username_validator],
        help_text=_("Letters, digits and @ . + - _ only; you log in with it."),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters; not a common password, not mostly your user name, "
            "not one character or pattern repeated."
        ),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


class RegistrationForm(forms.Form):
    """A home registers one of its partnerships, with the source that states it."""

    home = forms.ModelChoiceField(queryset=None, label=_("For the home"))
    partner = forms.ModelChoiceField(
        queryset=Place.objects.all(),
        required=False,
        label=_("Partner"),
        help_text=_("Type part of the name."),
        widget=AutocompleteSelect(Partnership._meta.get_field("partner"), admin.site),
    )
    partner_name = forms.CharField(
        label=_("Partner not in the list: its name"), required=False, max_length=200
    )
    partner_country = forms.CharField(
        label=_("and its country (two-letter code, such as FR)"),
        required=False,
        max_length=2,
        min_length=2,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (PartnershipKind.CITY_PARTNERSHIP, PartnershipKind.CITY_PARTNERSHIP.label),
            (PartnershipKind.BOROUGH_PARTNERSHIP, PartnershipKind.BOROUGH_PARTNERSHIP.label),
            (PartnershipKind.PROJECT_COOPERATION, PartnershipKind.PROJECT_COOPERATION.label),
        ],
    )
    since = PartialDateFormField(
        label=_("Partners since"),
        required=False,
        help_text=_("As the source states it: 1.9.1993, Sept. 1993 or 1993."),
    )
    title = forms.CharField(label=_("Source: title"), max_length=300)
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    url = forms.URLField(label=_("Public address"), required=False, assume_scheme="https")
    copy = forms.FileField(
        label=_("Or upload a copy"),
        required=False,
        help_text=_("A PDF or a scan of the document, when it has no public address."),
    )
    language = forms.ChoiceField(label=_("Language of the source"), choices=SOURCE_LANGUAGES)
    source_kind = forms.ChoiceField(label=_("Kind of source"), choices=SourceKind.choices)
    evidence = forms.CharField(
        label=_("Where the source says so"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence quoted from it, or the page; it helps the reviewer."),
    )

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home"].queryset = homes
        if len(homes) == 1:
            self.fields["home"].initial = homes.first().pk

    PARTNERSHIP_FIELDS = ("home", "partner", "partner_name", "partner_country", "kind", "since")

    def partnership_fields(self) -> list:
        return [self[name] for name in self.PARTNERSHIP_FIELDS]

    def source_fields(self) -> list:
        return [self[name] for name in self.fields if name not in self.PARTNERSHIP_FIELDS]

    def clean_partner_country(self) -> str:
        return self.cleaned_data["partner_country"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("partner") and not cleaned.get("partner_name"):
            self.add_error("partner", _("Choose the partner, or give its name and country."))
        elif not cleaned.get("partner") and not cleaned.get("partner_country"):
            self.add_error("partner_country", _("Give the partner's country."))
        if not cleaned.get("url") and not cleaned.get("copy"):
            self.add_error("url", _("Give the source's public address or upload a copy of it."))
        copy = cleaned.get("copy")
        if copy is not None and copy.size > settings.CITYPARTNERS_INGEST_MAX_BYTES:
            limit = settings.CITYPARTNERS_INGEST_MAX_BYTES // (1024 * 1024)
            raise ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit})
        return cleaned
