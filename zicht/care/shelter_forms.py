"""The forms of the shelter pages; the rules (what fits, who decides) are the operations'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.care.forms import CareForm
from zicht.care.shelter_models import PlacementEnd, ShelterType

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class PlacementRequestForm(CareForm):
    """What the place must offer. Age and sex come from the person; only when the birth date
    is not known does the form ask whether the person is a minor."""

    is_minor = forms.ChoiceField(
        label=_("Is the person a minor (under 18)?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the person is a minor.")},
    )
    shelter_type = forms.ChoiceField(
        label=_("Type of shelter"),
        choices=[("", _("Any type that fits")), *ShelterType.choices],
        required=False,
        help_text=_(
            "The type you choose comes first; another type that fits is taken when it is full."
        ),
    )
    multi_problem = forms.BooleanField(
        label=_("Multi-problem case (addiction, psychiatric or behavioural problems)"),
        required=False,
    )
    secret_address = forms.BooleanField(label=_("A secret address is needed"), required=False)
    unit = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args: Any, birth_date_known: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "shelter")
        super().__init__(*args, **kwargs)
        if birth_date_known:
            del self.fields["is_minor"]

    def minor_answer(self) -> bool | None:
        answer = self.cleaned_data.get("is_minor")
        return None if answer is None else answer == "yes"


class PlacementDecisionForm(CareForm):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept the placement")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether your organisation accepts the placement.")},
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decide")
        super().__init__(*args, **kwargs)


class PlacementEndForm(CareForm):
    reason = forms.ChoiceField(
        label=_("Why does the placement end?"),
        choices=[("", _("Choose a reason")), *PlacementEnd.choices],
        error_messages={"required": _("Say why the placement ends.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "end")
        super().__init__(*args, **kwargs)
