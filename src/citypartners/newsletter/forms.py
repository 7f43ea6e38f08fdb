"""The public newsletter forms: sign-up (with consent) and the subscriber's preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from citypartners.messaging.forms import HoneypotForm
from citypartners.newsletter.models import ConsentText
from citypartners.partnerships.models import Partnership, Topic


def _partnerships():
    return Partnership.objects.published().select_related("partner").order_by("slug")


def _topics():
    return Topic.objects.order_by("slug")


class InterestsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    partnerships = forms.ModelMultipleChoiceField(
        label=_("Partnerships"),
        queryset=_partnerships(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get news of all partnerships."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=_topics(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get news on all topics."),
    )


class SubscribeForm(HoneypotForm, InterestsForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We will send you a link to confirm that this address is yours."),
        error_messages={
            "invalid": _("Enter an e-mail address in the form name@example.org."),
            "required": _("Enter your e-mail address."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree to the text above."),
        error_messages={"required": _("Please agree to the consent text to subscribe.")},
    )
    consent_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    field_order = ["email", "language", "partnerships", "topics", "consent"]

    def clean_consent_version(self) -> ConsentText:
        text = ConsentText.objects.filter(version=self.cleaned_data["consent_version"]).first()
        if text is None:
            raise forms.ValidationError(_("The consent text has changed. Please read it again."))
        return text


class PreferencesForm(InterestsForm):
    pass
