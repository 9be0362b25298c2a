from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import ActionKind
from zicht.casework.workflow import ClosureReason
from zicht.organisations.models import Organisation


class StepForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportToHubForm(StepForm):
    feedback_days = forms.IntegerField(
        label=_("Agreed feedback term (days)"), min_value=1, max_value=90, initial=14
    )


class CloseForm(StepForm):
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=ClosureReason.choices)
    follow_up_secured = forms.BooleanField(
        label=_("I confirm that the follow-up is secured"), required=False
    )


class ActionForm(forms.Form):
    # Our own translated messages instead of the browser's bubble (in the browser's language).
    use_required_attribute = False

    kind = forms.ChoiceField(label=_("Action"), choices=ActionKind.choices)
    owner = forms.ModelChoiceField(
        label=_("Owning organisation"), queryset=Organisation.objects.none()
    )
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Organisation.objects.filter(region=region, is_active=True)

    def clean_due_on(self):
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
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


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


class SafetyForm(forms.Form):
    note = forms.CharField(
        label=_("What is the safety risk?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
