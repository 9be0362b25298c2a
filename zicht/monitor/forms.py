from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.lib.bounds import guard_dates
from zicht.monitor.models import Interpretation
from zicht.organisations.models import Municipality, Region


class IsoDateInput(forms.DateInput):
    """A browser date picker: ``<input type="date">`` shows only an ISO value
    (2026-01-01); in the locale's format (01-01-2026) the field would look empty."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _municipality_field(form: forms.BaseForm) -> forms.ModelChoiceField:
    """The form's municipality choice, limited to the region in each form's constructor."""
    field = form.fields["municipality"]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class FilterForm(forms.Form):
    """The dashboard's filters, read from the query string (shareable links)."""

    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        label=_("Municipality"),
        empty_label=_("Whole region"),
        to_field_name="cbs_code",
    )
    start = forms.DateField(label=_("First day"), required=False, widget=IsoDateInput())
    end = forms.DateField(label=_("Last day"), required=False, widget=IsoDateInput())
    trend = forms.ChoiceField(
        label=_("Trend per"),
        choices=[("month", _("month")), ("quarter", _("quarter"))],
        required=False,
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        _municipality_field(self).queryset = Municipality.objects.filter(region=region)
        guard_dates(self)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        today = timezone.localdate()
        data["start"] = data.get("start") or datetime.date(today.year, 1, 1)
        data["end"] = data.get("end") or today
        if data["end"] < data["start"]:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        if (data["end"] - data["start"]).days > 366 * 20:
            raise forms.ValidationError(_("Choose a period of at most twenty years."))
        data["trend"] = data.get("trend") or "month"
        return data


class InterpretationForm(forms.ModelForm):
    class Meta:
        model = Interpretation
        fields = ["municipality", "period_start", "period_end", "text"]
        widgets = {
            "period_start": IsoDateInput(),
            "period_end": IsoDateInput(),
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        field = _municipality_field(self)
        field.queryset = Municipality.objects.filter(region=region)
        field.empty_label = _("Whole region")
        field.required = False
        guard_dates(self)


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        to_field_name="cbs_code",
        label=_("Municipality"),
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        _municipality_field(self).queryset = Municipality.objects.filter(region=region)
