"""Forms of the public pages: the barrier report and the calendar filter."""

from __future__ import annotations

from html import escape

from django import forms
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from citypartners.activities.enums import Timing
from citypartners.activities.queries import CalendarFilter


class BarrierReportForm(forms.Form):
    """What a visitor tells us about a barrier. `website` is a honeypot: people never see it."""

    page_url = forms.CharField(
        label=_("On which page did you meet the barrier?"),
        help_text=_(
            "The address or the title of the page. Leave empty if it concerns the whole site."
        ),
        max_length=500,
        required=False,
    )
    description = forms.CharField(
        label=_("What is the barrier?"),
        help_text=_(
            "Describe what did not work, and if you like which aid you use "
            "(for example a screen reader, magnification or keyboard only)."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe the barrier so that we can remove it.")},
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Only if you would like an answer. We use it for nothing else."),
        required=False,
        error_messages={
            "invalid": _("Enter an e-mail address in the form name@example.org, or leave it empty.")
        },
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class CalendarFilterForm(forms.Form):
    """The calendar's filter, read from the query string; unknown values are ignored."""

    when = forms.ChoiceField(label=_("When"), required=False)
    partnership = forms.ChoiceField(label=_("Partner city or partnership"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, choices: dict[str, list]) -> None:
        super().__init__(data)
        self.fields["when"].choices = [
            ("", _("all")),
            *[(value, label) for value, label in Timing.choices],
        ]
        self.fields["partnership"].choices = [
            ("", _("all")),
            *choices["partnerships"],
        ]
        self.fields["topic"].choices = [
            ("", _("all")),
            *[(t.slug, t.name) for t in choices["topics"]],
        ]
        self.fields["year"].choices = [("", _("all")), *[(y, str(y)) for y in choices["years"]]]

    def selects(self) -> list[tuple[BoundField, SafeString]]:
        """Each field with its `<option>`s written out, the chosen one selected.

        A big home's calendar offers hundreds of partnerships; a template loop over them was
        a good part of the page's time.
        """
        selects = []
        for field in self:
            chosen = "" if field.value() is None else str(field.value())
            options = "".join(
                f'<option value="{escape(str(value))}"'
                f"{' selected' if str(value) == chosen else ''}>"
                f"{escape(capfirst(str(label)))}</option>"
                for value, label in field.field.choices
            )
            selects.append((field, mark_safe(options)))
        return selects

    def chosen(self) -> CalendarFilter:
        """The valid part of the filter (an invalid field counts as "all")."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name)
            for name in self.fields
            if name in getattr(self, "cleaned_data", {})
        }
        return CalendarFilter(
            when=data.get("when") or "",
            partnership=data.get("partnership") or "",
            topic=data.get("topic") or "",
            year=data.get("year"),
        )
