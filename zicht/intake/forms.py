from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import pycountry
from django import forms
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext_lazy as _

from zicht.casework.opening import Route
from zicht.intake.submission import PersonData, ReportData
from zicht.intake.vocabulary import (
    ExploitationForm,
    PersonRole,
    ReportSource,
    Sex,
    indicator_choices,
    sector_choices,
)
from zicht.organisations.models import Municipality

if TYPE_CHECKING:  # the stubs' name for a string or a lazy translation
    from django_stubs_ext import StrOrPromise


def nationality_choices() -> list[tuple[str, str]]:
    countries = ((country.alpha_2, country.name) for country in pycountry.countries)
    return [("", "—"), *sorted(countries, key=lambda c: c[1])]


def acute_question(*, label: StrOrPromise, yes: StrOrPromise) -> forms.TypedChoiceField:
    """The first question of every report form, asked in the reader's words: acute danger
    bypasses the route (`zicht.casework.opening`), so it is asked before anything else."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("no", _("No")), ("yes", yes)],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )


class ReportForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    is_acute = acute_question(
        label=_("Is someone in danger right now, in the coming hours or days?"),
        yes=_("Yes, there is acute danger"),
    )
    description = forms.CharField(
        label=_("What did you see or hear?"), widget=forms.Textarea(attrs={"rows": 5})
    )
    indicators = forms.MultipleChoiceField(
        label=_("Signals"),
        choices=indicator_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Form of exploitation"),
        choices=ExploitationForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sector"),
        choices=sector_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.valid_on().select_related("region")
    )
    location = forms.CharField(label=_("Place or address where it happened"), required=False)
    observed_on = forms.DateField(
        label=_("When"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.ChoiceField(label=_("Source of the signal"), choices=ReportSource.choices)
    route_to = forms.ChoiceField(
        label=_("Send to"),
        choices=Route.choices,
        required=False,
        widget=forms.RadioSelect,
    )


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    first_name = forms.CharField(label=_("First name"), required=False)
    last_name = forms.CharField(label=_("Last name"), required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=nationality_choices, required=False
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    street = forms.CharField(label=_("Street"), required=False)
    house_number = forms.CharField(label=_("House number"), required=False, max_length=12)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    city = forms.CharField(label=_("City"), required=False)
    description = forms.CharField(label=_("Description"), required=False, max_length=300)

    def has_identifying_data(self) -> bool:
        data = self.cleaned_data
        return any(
            data.get(name)
            for name in (
                "first_name",
                "last_name",
                "birth_date",
                "phone",
                "street",
                "postcode",
                "description",
            )
        )


class EnrichForm(forms.Form):
    """What the focal officer (or the hub) adds to a case while enriching it."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    information = forms.CharField(
        label=_("Information from the social domain"),
        help_text=_(
            "What you learnt from the social domain, the neighbourhood team or about safety. "
            "Facts and their source; no opinions."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    indicators = forms.MultipleChoiceField(
        label=_("Signals"),
        choices=indicator_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Form of exploitation"),
        choices=ExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sector"),
        choices=sector_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


PersonFormSet = forms.formset_factory(PersonForm, extra=1, max_num=20)


def enrich_forms(data: Any = None) -> tuple[EnrichForm, PersonForm]:
    """The enriching form and its one optional person, with prefixes of their own so that
    their fields cannot be confused with the other forms of the case page. Unbound, with a
    new submission key: a second submission is a new report, a resubmission is not."""
    initial = {"submission_key": uuid.uuid4()}
    return (
        EnrichForm(data, prefix="enrich", initial=initial),
        PersonForm(data, prefix="enrich-person"),
    )


def to_report_data(form: ReportForm, person_forms: BaseFormSet[PersonForm]) -> ReportData:
    data = form.cleaned_data
    return ReportData(
        source=data["source"],
        municipality=data["municipality"],
        description=data["description"],
        is_acute=data["is_acute"],
        exploitation_forms=data["exploitation_forms"],
        sectors=data["sectors"],
        indicators=data["indicators"],
        location=data["location"],
        observed_on=data["observed_on"],
        persons=[
            PersonData(**person.cleaned_data)
            for person in person_forms
            if person.cleaned_data and person.has_identifying_data()
        ],
    )
