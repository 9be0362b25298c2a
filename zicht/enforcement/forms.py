"""The forms of the enforcement pages. Each form checks what it can show next to a field
(a KvK number, a permit's dates, a closure's legal basis, the order of dates); the operations
check the same rules again, and their refusals come back as the form's error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.enforcement.framework import Situation
from zicht.enforcement.kvk import normalise_kvk, validate_kvk
from zicht.enforcement.models import BibobOutcome, Establishment, Inspection, PersonMet
from zicht.enforcement.vocabulary import (
    LEGAL_BASIS_REQUIRED,
    EstablishmentSector,
    MeasureType,
    PermitType,
    checklist,
)
from zicht.intake.vocabulary import PersonRole, Sex
from zicht.organisations.models import Membership, Organisation


def _date(label: Any, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        # ISO in the value: a browser's date field shows it in its own notation.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def _text(label: Any, rows: int = 3, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def _choice(label: Any, choices: Any, empty: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", empty), *choices], **kwargs)


class EnforcementForm(forms.Form):
    # Our own translated messages instead of the browser's bubble (in the browser's language).
    use_required_attribute = False


class EstablishmentForm(EnforcementForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = _choice(_("Sector"), EstablishmentSector.choices, _("Choose the sector"))
    street = forms.CharField(label=_("Street"), max_length=200)
    house_number = forms.CharField(label=_("House number"), max_length=20)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$",
        error_messages={"invalid": _("A postcode is four digits and two letters: 7511 AB.")},
    )
    city = forms.CharField(label=_("Place"), max_length=100)
    kvk_number = forms.CharField(
        label=_("Chamber of Commerce (KvK) number"),
        required=False,
        max_length=20,
        help_text=_("Eight digits, when known."),
    )

    def clean_kvk_number(self) -> str:
        number = normalise_kvk(self.cleaned_data["kvk_number"])
        if number:
            validate_kvk(number)
        return number


class PermitForm(EnforcementForm):
    prefix = "permit"
    type = _choice(_("Type of permit"), PermitType.choices, _("Choose the type"))
    number = forms.CharField(label=_("Permit number"), max_length=50)
    valid_from = _date(_("Valid from"))
    valid_to = _date(_("Valid to"), required=False)
    conditions = _text(_("Conditions"), rows=2)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("A permit cannot end before it starts."))
        return data


class InspectionPlanForm(EnforcementForm):
    prefix = "plan"
    planned_on = _date(_("Planned on"))
    team = forms.ModelMultipleChoiceField(
        label=_("Team (besides the municipality)"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Organisation.objects.filter(
                region_id=membership.organisation.region_id,
                is_active=True,
                municipality__isnull=True,
            )
            .exclude(pk=membership.organisation_id)
            .order_by("name")
        )


class InspectionRecordForm(EnforcementForm):
    prefix = "record"
    done_on = _date(_("Done on"))
    indicators = forms.MultipleChoiceField(
        label=_("Indicators found"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    findings = _text(_("Findings"), rows=4)

    def __init__(self, *args: Any, sector: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicators"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(i.code, i.label) for i in checklist(sector)]


class PersonMetForm(EnforcementForm):
    prefix = "person"
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices, initial="other")
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    birth_date = _date(_("Date of birth"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial="unknown")
    nationality = forms.RegexField(
        label=_("Nationality (country code)"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        help_text=_("Two letters, for example RO."),
        error_messages={"invalid": _("Give the country as two letters, for example RO.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    postcode = forms.RegexField(
        label=_("Postcode of residence"),
        regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$",
        required=False,
        error_messages={"invalid": _("A postcode is four digits and two letters: 7511 AB.")},
    )
    house_number = forms.CharField(label=_("House number"), max_length=20, required=False)
    description = _text(_("Description"), rows=2)

    def clean_nationality(self) -> str:
        return self.cleaned_data["nationality"].upper()

    def clean_postcode(self) -> str:
        return self.cleaned_data["postcode"].replace(" ", "").upper()


class MeasureForm(EnforcementForm):
    prefix = "measure"
    type = _choice(_("Type of measure"), MeasureType.choices, _("Choose the measure"))
    situation = _choice(
        _("Situation (regional framework)"),
        Situation.choices,
        _("No situation of the framework"),
        required=False,
        help_text=_("The framework advises a measure for each situation."),
    )
    person = forms.ModelChoiceField(
        label=_("Against a person met (optional)"),
        queryset=PersonMet.objects.none(),
        required=False,
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=200,
        required=False,
        help_text=_("Required for a closure, for example art. 174a Gemeentewet."),
    )
    intention_on = _date(_("Intention sent on"), required=False)
    hearing_ends_on = _date(
        _("Term for views ends on"), required=False, help_text=_("Two weeks if left empty.")
    )
    decision_due_on = _date(
        _("Decision due on"), required=False, help_text=_("Eight weeks if left empty.")
    )
    deviation_note = _text(_("Why the framework is not followed (when so)"), rows=2)

    def __init__(self, *args: Any, persons: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = persons if persons is not None else PersonMet.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("type") in LEGAL_BASIS_REQUIRED and not (data.get("legal_basis") or "").strip():
            self.add_error("legal_basis", _("A closure must name its legal basis."))
        intention = data.get("intention_on")
        for name in ("hearing_ends_on", "decision_due_on"):
            if intention and data.get(name) and data[name] < intention:
                self.add_error(name, _("This date cannot be before the intention."))
        return data


class IntentionForm(EnforcementForm):
    prefix = "intention"
    intention_on = _date(_("Intention sent on"))
    hearing_ends_on = _date(
        _("Term for views ends on"), required=False, help_text=_("Two weeks if left empty.")
    )


class ViewsForm(EnforcementForm):
    prefix = "hearing"
    heard_on = _date(_("Views heard on"))
    summary = _text(_("Summary of the views"), rows=3)


class DecisionForm(EnforcementForm):
    prefix = "decision"
    decided_on = _date(_("Decided on"))
    decision_text = _text(_("Decision (dictum)"), rows=4, required=True)
    bibob_outcome = forms.ChoiceField(
        label=_("Bibob advice outcome"), choices=BibobOutcome.choices, required=False
    )

    def __init__(self, *args: Any, measure_type: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if measure_type != MeasureType.BIBOB_ADVICE:
            del self.fields["bibob_outcome"]


class LodgedForm(EnforcementForm):
    lodged_on = _date(_("Lodged on"))


def persons_of(establishment: Establishment, membership: Membership) -> Any:
    """The persons met in the inspections of an establishment that the membership may see."""
    return PersonMet.objects.filter(
        inspection__in=Inspection.objects.visible_to(membership).filter(establishment=establishment)
    )
