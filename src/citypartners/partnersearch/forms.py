"""The partner search's forms: the public filter, the answer form, the back office's post form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citypartners.messaging.forms import HoneypotForm, SingleLineField
from citypartners.partnersearch.enums import SizeBand, language_choices
from citypartners.partnersearch.models import PartnerSearch, join_codes, split_codes
from citypartners.partnersearch.queries import SearchFilter
from citypartners.partnerships.models import Topic
from citypartners.places.continents import Continent


class SearchFilterForm(forms.Form):
    """GET filter; a value that is not among the choices is ignored, not an error."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    size = forms.ChoiceField(label=_("Size of the partner sought"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, data, *, countries: dict[str, str], topics: list[Topic]) -> None:
        super().__init__(data)
        self.fields["region"].choices = [("", _("All regions")), *Continent.choices]
        self.fields["country"].choices = [("", _("All countries")), *countries.items()]
        self.fields["size"].choices = [("", _("Any size")), *SizeBand.choices]
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (topic.slug, topic.name) for topic in topics
        ]
        self.fields["language"].choices = [("", _("All languages")), *language_choices()]

    def chosen(self) -> SearchFilter:
        values = {}
        for name, field in self.fields.items():
            raw = self.data.get(name, "")
            values[name] = raw if raw and raw in {str(k) for k, _label in field.choices} else ""
        return SearchFilter(**values)


class AnswerForm(HoneypotForm):
    sender_name = SingleLineField(label=_("Your name"), max_length=200)
    organisation = SingleLineField(label=_("Your municipality or organisation"), max_length=300)
    sender_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The municipality will answer you at this address."),
    )
    message = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class CodesField(forms.MultipleChoiceField):
    """A list of codes shown as check boxes, stored as delimited text (",EU,AS,")."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return split_codes(value) if isinstance(value, str) else value

    def clean(self, value) -> str:
        return join_codes(super().clean(value))


class PartnerSearchForm(forms.ModelForm):
    """The back office's form for a post (owner and expiry are set by the services)."""

    regions = CodesField(label=_("Regions"), required=False, choices=Continent.choices)
    languages = CodesField(label=_("Working languages"), required=False, choices=())

    class Meta:
        model = PartnerSearch
        fields = [
            "place",
            "language",
            "title",
            "regions",
            "countries",
            "size",
            "topics",
            "languages",
            "offers",
            "description",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
