"""The privacy officer's forms: a new request, the steps of a request, a legal hold."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.audit.forms import DATE_FORMATS
from zicht.intake.models import InvolvedPerson
from zicht.lib.form_styles import style_widgets
from zicht.privacy.models import RefusalGround, RequestKind, SubjectRequest
from zicht.privacy.subject_requests import RECTIFIABLE

DATE_HINT = _("Day-month-year, e.g. 1-12-2026")
EARLIEST = datetime.date(1900, 1, 1)


def dutch_date(label: Any, *, required: bool = True, hint: Any = DATE_HINT) -> forms.DateField:
    # A text field in Dutch notation: a browser's date picker shows its own language's notation.
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d-%m-%Y"),
        help_text=hint,
    )


def person_field_label(name: str) -> str:
    field = InvolvedPerson._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.verbose_name)


def person_field_max_length(name: str) -> int:
    field = InvolvedPerson._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.max_length or 100


class StyledForm(forms.Form):
    # The error summary says what is missing; a browser's own bubble (and its red border on
    # an empty required field before anything was sent) would say it in another language.
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class RequestForm(forms.ModelForm):
    use_required_attribute = False
    kind = forms.ChoiceField(
        label=_("Kind of request"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    received_on = dutch_date(_("Received on"), hint=_("The term of one month runs from this day."))
    birth_date = dutch_date(_("Date of birth"), required=False)

    class Meta:
        model = SubjectRequest
        fields = ["kind", "received_on", "first_name", "last_name", "birth_date", "phone",
                  "postcode", "house_number"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = _("As the person gave it, e.g. 06 12345678")
        style_widgets(self)

    def clean_received_on(self) -> datetime.date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A request cannot be received in the future."))
        if day < EARLIEST:
            raise forms.ValidationError(_("Give a date after 1900."))
        return day

    def clean_birth_date(self) -> datetime.date | None:
        day = self.cleaned_data.get("birth_date")
        if day is not None and not EARLIEST <= day <= timezone.localdate():
            raise forms.ValidationError(_("Give a date of birth between 1900 and today."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = data.get("first_name") and data.get("last_name") and data.get("birth_date")
        address = data.get("postcode") and data.get("house_number")
        if not (names or data.get("phone") or address):
            raise forms.ValidationError(
                _(
                    "Give at least first name, last name and date of birth, a phone number, "
                    "or postcode and house number: zicht finds persons by these."
                )
            )
        return data


class ExtendForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person must be told within the first month, with this reason."),
    )


class RectifyForm(StyledForm):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)
    field = forms.ChoiceField(label=_("What to correct"))
    value = forms.CharField(
        label=_("Correct value"),
        max_length=100,
        required=False,
        help_text=_("A date of birth as day-month-year; empty removes the value."),
    )

    def __init__(self, *args: Any, persons: list[InvolvedPerson], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person_field = self.fields["person"]
        assert isinstance(person_field, forms.ChoiceField)
        person_field.choices = [
            (p.pk, _("person %(number)s in %(report)s") % {"number": p.pk, "report": p.report})
            for p in persons
        ]
        field_field = self.fields["field"]
        assert isinstance(field_field, forms.ChoiceField)
        field_field.choices = [
            (name, person_field_label(name).capitalize()) for name in RECTIFIABLE
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        field, value = data.get("field"), (data.get("value") or "").strip()
        if field == "birth_date" and value:
            try:
                data["value"] = forms.DateField(input_formats=DATE_FORMATS).clean(value)
            except forms.ValidationError:
                self.add_error("value", _("Give the date as day-month-year, e.g. 1-12-1990."))
        elif field:
            limit = person_field_max_length(field)
            if len(value) > limit:
                self.add_error("value", _("At most %(limit)s characters.") % {"limit": limit})
            data["value"] = value
        return data


class AnswerForm(StyledForm):
    answer = forms.CharField(
        label=_("Answer to the person"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was sent, in short: kept with the request."),
    )
    refusal_grounds = forms.MultipleChoiceField(
        label=_("Refusal grounds"),
        required=False,
        choices=RefusalGround.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only where the law does not allow all that was asked."),
    )


class HoldForm(StyledForm):
    case_reference = forms.CharField(
        label=_("Case"), max_length=32, help_text=_("A reference such as C-2026-000123")
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("E.g. a criminal investigation, a complaint or a court case"),
    )
