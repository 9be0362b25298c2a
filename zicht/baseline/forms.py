"""The forms of the baseline pages. Each form has a prefix of its own; the domain rules
(a date in the future, another municipality, a criterion proved by a record) are the
operations', whose refusals come back as the form's error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.baseline.models import Criterion, Department, Status, Theme
from zicht.lib.bounds import guard_dates
from zicht.organisations.models import Municipality


class BaselineForm(forms.Form):
    # Our own translated messages instead of the browser's bubble (in the browser's language).
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        guard_dates(self)


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    # A date field takes and shows ISO dates (the browser writes them in the reader's notation).
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, widget=widget, **kwargs)


class FilterForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices]
    )
    plateau = forms.TypedChoiceField(
        label=_("Plateau"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Plateaus 1 and 2")), ("1", _("Plateau 1")), ("2", _("Plateau 2"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Every status")), *Status.choices]
    )


class StatusForm(BaselineForm):
    criterion = forms.ChoiceField(
        label=_("Criterion"),
        error_messages={
            "invalid_choice": _("That criterion does not exist: choose one from the list.")
        },
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    effective_on = _date(_("Date"), help_text=_("The day from which the status holds."))
    evidence_link = forms.URLField(
        label=_("Evidence: link to a document"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example the policy plan in the council information system."),
    )
    evidence_text = forms.CharField(
        label=_("Evidence: description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "status")
        super().__init__(*args, **kwargs)
        field = self.fields["criterion"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a criterion"))] + [
            (c.code, f"{c.label}: {c.text[:90]}") for c in Criterion.objects.filter(proved_by="")
        ]


class DepartmentForm(BaselineForm):
    name = forms.CharField(label=_("Department"), max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "department")
        super().__init__(*args, **kwargs)


class TrainingForm(BaselineForm):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), empty_label=_("Choose")
    )
    participant = forms.CharField(label=_("Participant"), max_length=150)
    title = forms.CharField(label=_("Training"), max_length=200)
    followed_on = _date(_("Followed on"))

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "training")
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Department.objects.filter(municipality=municipality)
        field.error_messages["invalid_choice"] = _("Choose a department of %(municipality)s.") % {
            "municipality": municipality.name
        }
