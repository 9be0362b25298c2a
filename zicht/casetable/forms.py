"""The forms of the case table's pages. Each has a prefix of its own, so no two fields on
a page share an id; the domain rules are the operations', whose refusals come back as the
form's error."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.casetable.models import Covenant, MeasureKind
from zicht.casework.models import ActionKind, Case
from zicht.lib.bounds import guard_dates
from zicht.organisations.models import Membership, Organisation, Region

CASE_REFERENCE = re.compile(r"C-(\d{4})-(\d{6,12})")


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class TableForm(forms.Form):
    # Our own translated messages instead of the browser's bubble (in the browser's language).
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        guard_dates(self)


class MeetingForm(TableForm):
    held_on = _date(_("Date of the meeting"), error_messages={"required": _("Enter the date.")})

    def __init__(self, *args: Any, table_id: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"meeting-{table_id}")
        super().__init__(*args, **kwargs)


class AgendaItemForm(TableForm):
    case_reference = forms.CharField(
        label=_("Case reference"),
        help_text=_("For example C-2026-001434."),
        max_length=30,
        error_messages={"required": _("Enter the case reference.")},
    )
    covenant = forms.ChoiceField(
        label=_("Legal basis for sharing"),
        choices=Covenant.choices,
        help_text=_("Only members that signed this covenant are shown the item."),
    )
    summary = forms.CharField(
        label=_("What the table discusses"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what the table is to discuss.")},
    )
    care_details = forms.CharField(
        label=_("Care details"),
        help_text=_("Shown only to members that signed the care covenant."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, membership: Membership | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "item")
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_case_reference(self) -> int:
        typed = self.cleaned_data["case_reference"].strip().upper()
        match = CASE_REFERENCE.fullmatch(typed)
        if match is None:
            raise forms.ValidationError(_("Write the reference as C-2026-001434."))
        found = [
            case
            for case in Case.objects.visible_to(self.membership).filter(pk=int(match.group(2)))
            if case.reference == f"C-{match.group(1)}-{int(match.group(2)):06d}"
        ]
        if not found:
            raise forms.ValidationError(_("No case with that reference that you may see."))
        return found[0].pk


class SuspectItemForm(TableForm):
    """Put one suspect of a case on the agenda (the offender approach)."""

    covenant = forms.ChoiceField(
        label=_("Legal basis for sharing"), choices=Covenant.choices, initial=Covenant.RIEC
    )
    summary = forms.CharField(
        label=_("What the table discusses"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what the table is to discuss.")},
    )

    def __init__(self, *args: Any, person_id: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"suspect-{person_id}")
        super().__init__(*args, **kwargs)


class MinutesForm(TableForm):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the minutes.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "minutes")
        super().__init__(*args, **kwargs)


class DecisionForm(TableForm):
    text = forms.CharField(
        label=_("Decision"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what the table decided.")},
    )
    kind = forms.ChoiceField(label=_("Follow-up action"), choices=ActionKind.choices)
    owner = forms.ModelChoiceField(
        label=_("Owning organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the organisation that carries out the decision.")},
    )
    due_on = _date(_("Due on"), error_messages={"required": _("Enter the due date.")})

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decision")
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Organisation.objects.filter(region=region, is_active=True)


class MeasureForm(TableForm):
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    electronic_monitoring = forms.BooleanField(
        label=_("With electronic monitoring (location ban only)"), required=False
    )
    starts_on = _date(_("From"), error_messages={"required": _("Enter the start.")})
    ends_on = _date(_("Until"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "measure")
        super().__init__(*args, **kwargs)
