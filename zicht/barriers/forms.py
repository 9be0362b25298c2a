"""The forms of the barrier model pages; the domain rules are the operations', whose
refusals come back as the form's error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.barriers.models import MODEL_FORMS, Rating
from zicht.intake.vocabulary import ExploitationForm
from zicht.organisations.models import Organisation, Region


class BarrierForm(forms.Form):
    # Our own translated messages instead of the browser's bubble (in the browser's language).
    use_required_attribute = False


class StartForm(BarrierForm):
    year = forms.IntegerField(
        label=_("Year"),
        error_messages={
            "required": _("Enter the year of the barrier model."),
            "invalid": _("Enter the year as a number, e.g. 2026."),
        },
    )


class RatingForm(BarrierForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a rating."),
            "invalid_choice": _(
                "Choose one of the ratings: no barrier, weak, reasonable or strong."
            ),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this rating: what works, what is missing."),
    )


class DescribeForm(BarrierForm):
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose organisations of the region."),
            "invalid_pk_value": _("Choose organisations of the region."),
        },
    )
    instruments_available = forms.CharField(
        label=_("Instruments available"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One instrument a line, e.g. “Closure under art. 174a Gemeentewet”."),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Organisation.objects.filter(region=region, is_active=True).order_by(
            "type", "name"
        )


class AddBarrierForm(BarrierForm):
    exploitation_form = forms.ChoiceField(
        label=_("Form of exploitation"),
        choices=[(form.value, form.label) for form in map(ExploitationForm, MODEL_FORMS)],
        error_messages={
            "required": _("Choose the form of exploitation."),
            "invalid_choice": _("Choose one of the forms of exploitation of the model."),
        },
    )
    name = forms.CharField(
        label=_("Name of the barrier"),
        max_length=80,
        error_messages={"required": _("Give the barrier a name.")},
    )
