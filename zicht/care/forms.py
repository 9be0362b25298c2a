"""The forms of the care pages. Each form has a prefix of its own, so no two fields on the
trajectory page share an id; validation of the domain rules is left to the operations,
whose refusals come back as the form's error."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.care.models import (
    ConsentBy,
    ContactKind,
    GoalDomain,
    GoalStatus,
    LegalBasis,
    PoliceReport,
    ResidenceStatus,
)
from zicht.care.trajectories import COORDINATING_TYPES
from zicht.care.workflow import TRANSITIONS, Outcome, ReopenReason
from zicht.organisations.models import Organisation, Region


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class CareForm(forms.Form):
    # Our own translated messages instead of the browser's bubble (in the browser's language).
    use_required_attribute = False


class OpenTrajectoryForm(CareForm):
    coordinating_organisation = forms.ModelChoiceField(
        label=_("Coordinating organisation"),
        help_text=_("The hub itself, or a care or shelter organisation of the region."),
        queryset=Organisation.objects.none(),
    )

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["coordinating_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            region=region, is_active=True, type__in=COORDINATING_TYPES
        ).order_by("-type", "name")


class StepForm(CareForm):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, transition: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("prefix", transition or None)
        super().__init__(*args, **kwargs)
        if transition in TRANSITIONS:
            self.fields["note"].label = _("Note with “%(step)s” (optional)") % {
                "step": TRANSITIONS[transition].label
            }


class AftercareForm(StepForm):
    field_order = ["follow_up_on", "note"]
    follow_up_on = _date(
        _("Follow-up date"),
        help_text=_("When the coordinator checks in with the victim again."),
        error_messages={"required": _("Enter the follow-up date.")},
    )


class CloseForm(StepForm):
    field_order = ["outcome", "note"]
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Choose the outcome")), *Outcome.choices],
        error_messages={"required": _("Record the outcome of the trajectory to close it.")},
    )


CASE_REFERENCE = re.compile(r"^\s*(?:C-\d{4}-)?0*(\d{1,9})\s*$", re.IGNORECASE)


class ReopenForm(StepForm):
    field_order = ["reason", "new_case", "note"]
    reason = forms.ChoiceField(
        label=_("Why is the trajectory reopened?"), choices=ReopenReason.choices
    )
    new_case = forms.CharField(
        label=_("New case (reference)"),
        help_text=_("Needed when the victim fell back into exploitation, e.g. C-2026-000123."),
        required=False,
        max_length=20,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.fields["note"].label = _("Explanation")

    def clean_new_case(self) -> int | None:
        value = self.cleaned_data["new_case"]
        if not value:
            return None
        match = CASE_REFERENCE.match(value)
        if match is None:
            raise forms.ValidationError(_("Enter a case reference such as C-2026-000123."))
        return int(match.group(1))


STEP_FORMS: dict[str, type[StepForm]] = {
    "start_aftercare": AftercareForm,
    "close": CloseForm,
    "reopen": ReopenForm,
}


def step_form(transition: str, data: Any = None) -> StepForm:
    return STEP_FORMS.get(transition, StepForm)(data, transition=transition)


class _RegionalForm(CareForm):
    """A form with an organisation of the region to choose (`organisation_field`)."""

    organisation_field = ""

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields[self.organisation_field]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(region=region, is_active=True)


class GoalForm(_RegionalForm):
    organisation_field = "owner"
    domain = forms.ChoiceField(label=_("Domain"), choices=GoalDomain.choices)
    description = forms.CharField(label=_("Goal"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        help_text=_("The organisation that works on this goal."),
        queryset=Organisation.objects.none(),
    )
    due_on = _date(_("Due on"), error_messages={"required": _("Enter the due date of the goal.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "goal")
        super().__init__(*args, **kwargs)


class GoalStatusForm(CareForm):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)


def goal_status_prefix(goal_id: int) -> str:
    return f"goal-{goal_id}"


class ProviderForm(_RegionalForm):
    organisation_field = "provider"
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    purpose = forms.CharField(
        label=_("Purpose of the disclosure"),
        help_text=_("What the provider does for the victim and therefore needs to know."),
        max_length=300,
    )
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    consent_on = _date(_("Consent given on"), required=False)
    consent_by = forms.ChoiceField(
        label=_("Consent given by"),
        choices=[("", _("Not applicable")), *ConsentBy.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "provider")
        super().__init__(*args, **kwargs)


class ContactForm(CareForm):
    on = _date(_("Date"), error_messages={"required": _("Enter the date of the contact.")})
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "contact")
        super().__init__(*args, **kwargs)


class ReflectionStartForm(CareForm):
    starts_on = _date(
        _("Start of the reflection period"),
        error_messages={"required": _("Enter the start of the reflection period.")},
    )
    ends_on = _date(
        _("End"),
        required=False,
        help_text=_("Leave empty for the usual three months."),
    )
    residence_status = forms.ChoiceField(
        label=_("Residence status"),
        choices=ResidenceStatus.choices,
        initial=ResidenceStatus.REFLECTION,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "reflection")
        super().__init__(*args, **kwargs)


class ExtensionForm(CareForm):
    new_end = _date(_("New end"), error_messages={"required": _("Enter the new end.")})
    reason = forms.CharField(label=_("Reason for the extension"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "extension")
        super().__init__(*args, **kwargs)


class ReflectionDecisionForm(CareForm):
    police_report = forms.ChoiceField(label=_("Police report"), choices=PoliceReport.choices)
    police_report_on = _date(_("Report made on"), required=False)
    residence_status = forms.ChoiceField(
        label=_("Residence status"), choices=ResidenceStatus.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decision")
        super().__init__(*args, **kwargs)
