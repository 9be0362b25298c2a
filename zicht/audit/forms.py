"""The access log's filters, with labels and hints a privacy officer understands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.audit.models import AccessAction, AccessLogQuerySet
from zicht.audit.records import parse_reference
from zicht.lib.bounds import as_number, within_sane_years

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
# Dutch day-month-year whatever the interface language, and ISO as a browser might send it.
DATE_FORMATS = ["%d-%m-%Y", "%d-%m-%y", "%d/%m/%Y", "%Y-%m-%d"]


class AccessLogFilter(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Exactly as the user signs in, e.g. afm.hengelo"),
    )
    record = forms.CharField(
        label=_("Case or report"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("A reference such as C-2026-000123 or M-2026-000456"),
    )
    person = forms.IntegerField(
        label=_("Person number"),
        required=False,
        min_value=1,
        widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
        help_text=_("The number shown in the column Persons"),
    )
    action = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[("", _("Everything")), *AccessAction.choices],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    # Text fields in Dutch notation: a browser's date picker shows the notation of its own
    # language (mm/dd/yyyy in an English browser), not the page's.
    since = forms.DateField(
        label=_("From date"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs=TEXTBOX, format="%d-%m-%Y"),
        help_text=_("Day-month-year, e.g. 1-12-2026"),
        validators=[within_sane_years],
    )
    until = forms.DateField(
        label=_("Up to and including"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs=TEXTBOX, format="%d-%m-%Y"),
        help_text=_("Day-month-year, e.g. 31-12-2026"),
        validators=[within_sane_years],
    )

    def clean_record(self) -> str:
        value: str = self.cleaned_data["record"].strip()
        if value and as_number(value) is None and parse_reference(value) is None:
            raise forms.ValidationError(
                _("Enter a reference such as C-2026-000123 or M-2026-000456."), code="reference"
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("This date lies before the From date."))
        return data

    def apply(self, entries: AccessLogQuerySet) -> AccessLogQuerySet:
        """The entries that match the valid filters (call after is_valid())."""
        data = self.cleaned_data
        if data.get("username"):
            entries = entries.filter(username=data["username"].strip())
        if data.get("record"):
            reference = parse_reference(data["record"])
            if reference is None:
                entries = entries.filter(object_id=data["record"])
            else:
                entries = entries.filter(object_type=reference[0], object_id=reference[1])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("since"):
            entries = entries.filter(at__gte=_start_of(data["since"]))
        if data.get("until"):
            entries = entries.filter(at__lt=_start_of(data["until"] + dt.timedelta(days=1)))
        return entries


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
