"""The public network forms: filtering the network, writing to a contact, proposing a project."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citypartners.core.fields import PartialDateFormField
from citypartners.messaging.forms import HoneypotForm, SingleLineField
from citypartners.partnerships.models import Partnership, Topic


class ContactForm(HoneypotForm):
    sender_name = SingleLineField(label=_("Your name"), max_length=200)
    sender_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The contact will answer you at this address."),
    )
    subject = SingleLineField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class ProposalForm(HoneypotForm):
    partnership = forms.ModelChoiceField(
        label=_("Partnership"),
        queryset=Partnership.objects.published().select_related("partner").order_by("slug"),
        to_field_name="slug",
        empty_label=_("Please choose"),
    )
    title = SingleLineField(label=_("Title of the project or event"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is planned, who takes part, and how it serves the partnership."),
    )
    starts = PartialDateFormField(
        max_length=None,
        label=_("Date"),
        required=False,
        help_text=_("For example 12.5.2026, May 2026 or 2026; leave empty if not yet known."),
    )
    ends = PartialDateFormField(
        max_length=None,
        label=_("Until"),
        required=False,
        help_text=_("Only for events lasting several days."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation_name = SingleLineField(label=_("Your organisation"), max_length=300)
    contact_name = SingleLineField(label=_("Your name"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We will tell you at this address what we decided."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the international office stores these details to review the proposal "
            "and writes to me about it."
        )
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if ends is not None and ends.is_known:
            if starts is None or not starts.is_known:
                self.add_error("ends", _("Give a start date first."))
            elif ends.first_day() < starts.first_day():
                self.add_error("ends", _("The end cannot be before the start."))
        return data
