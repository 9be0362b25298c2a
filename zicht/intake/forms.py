"""The professional's report form. It refuses what cannot be true (a date seen in the future, a
birth date in 2030) and what no one types (20,000 characters), with a message in the page's
language, before anything reaches `zicht.intake.submission`."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.formsets import BaseFormSet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from zicht.casework.opening import Route
from zicht.intake.countries import nationality_choices
from zicht.intake.submission import PersonData, ReportData
from zicht.intake.vocabulary import (
    ExploitationForm,
    PersonRole,
    ReportSource,
    Sex,
    indicator_choices,
    sector_choices,
)
from zicht.lib.bounds import EARLIEST_DATE
from zicht.lib.form_styles import style_widgets
from zicht.organisations.models import Municipality

if TYPE_CHECKING:  # the stubs' name for a string or a lazy translation
    from django_stubs_ext import StrOrPromise

DESCRIPTION_MAX_LENGTH = 10_000


def not_in_the_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."), code="future")


def not_before_1900(value: datetime.date) -> None:
    if value < EARLIEST_DATE:
        raise forms.ValidationError(_("Enter a date from 1900 onwards."), code="too_early")


def at_most_characters(limit: int) -> Callable[[str], None]:
    """A length limit with both numbers in the page's notation ("10.000"). The textarea gets no
    maxlength attribute: a browser would cut a pasted text off without a word."""

    def check(value: str) -> None:
        if len(value) > limit:
            raise forms.ValidationError(
                _("Write at most %(limit)s characters; this text has %(length)s."),
                code="max_length",
                params={
                    "limit": number_format(limit, force_grouping=True),
                    "length": number_format(len(value), force_grouping=True),
                },
            )

    return check


def date_input() -> forms.DateInput:
    return forms.DateInput(
        attrs={"type": "date", "min": EARLIEST_DATE.isoformat()}, format="%Y-%m-%d"
    )


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


def signals_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Signals"),
        choices=indicator_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def exploitation_forms_field(*, required: bool) -> forms.MultipleChoiceField:
    """Required on a report (docs/meldroute.md), optional on a supplement to a case."""
    return forms.MultipleChoiceField(
        label=_("Form of exploitation"),
        choices=ExploitationForm.choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


def sectors_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Sector"),
        choices=sector_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReportForm(forms.Form):
    # Checked on the server, with our messages and an error summary; a `required` attribute
    # would paint an empty field as wrong before anyone typed.
    use_required_attribute = False
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    is_acute = acute_question(
        label=_("Is someone in danger right now, in the coming hours or days?"),
        yes=_("Yes, there is acute danger"),
    )
    description = forms.CharField(
        label=_("What did you see or hear?"),
        validators=[at_most_characters(DESCRIPTION_MAX_LENGTH)],
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    indicators = signals_field()
    exploitation_forms = exploitation_forms_field(required=True)
    sectors = sectors_field()
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.valid_on().select_related("region")
    )
    location = forms.CharField(
        label=_("Place or address where it happened"), required=False, max_length=200
    )
    observed_on = forms.DateField(
        label=_("When"),
        required=False,
        widget=date_input(),
        validators=[not_in_the_future, not_before_1900],
    )
    source = forms.ChoiceField(label=_("Source of the signal"), choices=ReportSource.choices)
    route_to = forms.ChoiceField(
        label=_("Send to"),
        choices=Route.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PersonForm(forms.Form):
    use_required_attribute = False
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=date_input(),
        validators=[not_in_the_future, not_before_1900],
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=nationality_choices, required=False
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    street = forms.CharField(label=_("Street"), required=False, max_length=100)
    house_number = forms.CharField(label=_("House number"), required=False, max_length=12)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    description = forms.CharField(label=_("Description"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

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

    use_required_attribute = False

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    information = forms.CharField(
        label=_("Information from the social domain"),
        help_text=_(
            "What you learnt from the social domain, the neighbourhood team or about safety. "
            "Facts and their source; no opinions."
        ),
        required=False,
        validators=[at_most_characters(DESCRIPTION_MAX_LENGTH)],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    indicators = signals_field()
    exploitation_forms = exploitation_forms_field(required=False)
    sectors = sectors_field()


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
