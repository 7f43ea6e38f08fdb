"""The national overview's filter: a GET form whose unknown values are ignored, not errors."""

from __future__ import annotations

from html import escape

from django import forms
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from citypartners.national.queries import NationalFilter
from citypartners.partnerships.enums import PartnershipKind, Status
from citypartners.places.models import Place


def written_selects(form: forms.Form) -> list[tuple[BoundField, SafeString]]:
    """Each field of a GET filter with its `<option>`s written out, the chosen one selected:
    a template loop over 250 countries was a good part of the page's time (as in the
    activities calendar's filter)."""
    selects = []
    for field in form:
        chosen = str(form.data.get(field.name, ""))
        options = "".join(
            f'<option value="{escape(str(value))}"{" selected" if str(value) == chosen else ""}>'
            f"{escape(str(label))}</option>"
            for value, label in field.field.choices
        )
        selects.append((field, mark_safe(options)))
    return selects


class NationalFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("German state"), required=False)
    country = forms.ChoiceField(label=_("Partner country"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    decade = forms.ChoiceField(label=_("Begun in the decade"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(
        self,
        data,
        *,
        states: list[Place],
        country_names: dict[str, str],
        decades: list[int],
    ) -> None:
        super().__init__(data)
        self.fields["state"].choices = [("", _("All states"))] + [
            (str(state.pk), state.name) for state in states
        ]
        self.fields["country"].choices = [("", _("All countries")), *country_names.items()]
        self.fields["kind"].choices = [("", _("All kinds")), *PartnershipKind.choices]
        self.fields["decade"].choices = [("", _("All decades"))] + [
            (str(decade), _("%(decade)ss") % {"decade": decade}) for decade in reversed(decades)
        ]
        self.fields["status"].choices = [("", _("Any state")), *Status.choices]

    def chosen(self) -> NationalFilter:
        """The valid choices; a value that is not among the choices is dropped."""
        values = {}
        for name, field in self.fields.items():
            raw = self.data.get(name, "")
            valid = {str(key) for key, _label in field.choices}
            values[name] = raw if raw and raw in valid else ""
        return NationalFilter(
            state=int(values["state"]) if values["state"] else None,
            country=values["country"],
            kind=values["kind"],
            decade=int(values["decade"]) if values["decade"] else None,
            status=values["status"],
        )
