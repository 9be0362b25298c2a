"""The forms of the case page. Each form on the page has a prefix of its own (see
`zicht.casework.case_page`), so no two fields share an id and every label points at its
own field."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.inbox import InboxFilter
from zicht.casework.models import ActionKind
from zicht.casework.workflow import TRANSITIONS, ClosureReason, Status
from zicht.lib.bounds import within_sane_years
from zicht.organisations.models import Municipality, Organisation, Region


class StepForm(forms.Form):
    """A route step with an optional note; the note's label names the step."""

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


class ReportToHubForm(StepForm):
    feedback_days = forms.IntegerField(
        label=_("Agreed feedback term (days)"),
        help_text=_("Within how many days the regional hub gives feedback (1 to 90)."),
        min_value=1,
        max_value=90,
        initial=14,
    )


class ReopenForm(StepForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.fields["note"].label = _("Why is the case reopened?")


class CloseForm(StepForm):
    field_order = ["reason", "follow_up_secured", "note"]
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=ClosureReason.choices)
    follow_up_secured = forms.BooleanField(
        label=_("I confirm that the follow-up is secured"), required=False
    )


STEP_FORMS: dict[str, type[StepForm]] = {
    "report_to_hub": ReportToHubForm,
    "close": CloseForm,
    "reopen": ReopenForm,
}


def step_form(transition: str, data: Any = None) -> StepForm:
    """The form of one route step, prefixed with the step's name."""
    return STEP_FORMS.get(transition, StepForm)(data, transition=transition)


class ActionForm(forms.Form):
    # Our own translated messages instead of the browser's bubble (in the browser's language).
    use_required_attribute = False

    kind = forms.ChoiceField(label=_("Action"), choices=ActionKind.choices)
    owner = forms.ModelChoiceField(
        label=_("Owning organisation"),
        help_text=_("Another organisation must accept the action before it owns it."),
        queryset=Organisation.objects.none(),
    )
    due_on = forms.DateField(
        label=_("Due on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date by which the action must be done.")},
        validators=[within_sane_years],
    )
    instructions = forms.CharField(
        label=_("Instructions"),
        help_text=_("What the owning organisation needs to know to do the action."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "action")
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Organisation.objects.filter(region=region, is_active=True)

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on

    def error_text(self) -> str:
        """The errors in one line for the message above the case page, each after its
        field's label in the page's language (not the field's name in the code)."""
        parts = []
        for name, errors in self.errors.items():
            text = " ".join(str(error) for error in errors)
            parts.append(f"{self.fields[name].label}: {text}" if name in self.fields else text)
        return " ".join(parts)


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome of the action"), widget=forms.Textarea(attrs={"rows": 2})
    )


class HandoverDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when declining)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Feedback to the focal officer"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "feedback")
        super().__init__(*args, **kwargs)


class SafetyForm(forms.Form):
    note = forms.CharField(
        label=_("What is the safety risk?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "safety")
        super().__init__(*args, **kwargs)


TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
REFERENCE_TEXT = re.compile(r"^[A-Za-z0-9-]*$")


class InboxFilterForm(forms.Form):
    """The inbox's filters, read from the query string (a GET form, with or without htmx);
    a field that does not validate is left out of the filter and says why."""

    q = forms.CharField(
        label=_("Case number"),
        help_text=_("All or part of it, e.g. 001434"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "search", "class": TEXTBOX}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Status.choices],
        widget=forms.Select(attrs={"class": SELECT}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        empty_label=_("All municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    who = forms.ChoiceField(
        label=_("Whose work"),
        required=False,
        choices=[("", _("My organisation")), ("me", _("Cases I worked on"))],
        widget=forms.Select(attrs={"class": SELECT}),
    )
    overdue = forms.BooleanField(
        label=_("Only overdue"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}),
    )

    def __init__(self, *args: Any, municipalities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        if municipalities is not None:
            municipality.queryset = municipalities

    def clean_q(self) -> str:
        value: str = self.cleaned_data["q"].strip()
        if not REFERENCE_TEXT.match(value):
            raise forms.ValidationError(
                _("Enter (part of) a case number, such as 001434 or C-2026-001434."),
                code="reference",
            )
        return value

    def filters(self) -> InboxFilter:
        """The filter made of the fields that validated (all of them on a blank form)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        municipality = data.get("municipality")
        return InboxFilter(
            reference=data.get("q", ""),
            status=data.get("status", ""),
            municipality_id=municipality.pk if municipality else None,
            overdue_only=bool(data.get("overdue")),
            mine=data.get("who") == "me",
        )
