"""The portal's forms, in plain language. Nothing here is required that a
frightened person might not know: only what they saw and where."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from zicht.intake.forms import acute_question
from zicht.lib.bounds import as_number, within_sane_years
from zicht.organisations.models import Municipality
from zicht.portal import challenge, files, receipts
from zicht.portal.vocabulary import Situation, lay_phrase_choices


def altcha_field() -> forms.CharField:
    """The solved proof of work, put in the form by the ALTCHA widget (challenge.py)."""
    return forms.CharField(
        required=False, max_length=challenge.PAYLOAD_MAX_LENGTH, widget=forms.HiddenInput
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class LongSelect(forms.Select):
    """A select rendered in one pass: the municipality list has some 350 options,
    and rendering each through a template made the form page slow under load."""

    def render(
        self,
        name: str,
        value: object,
        attrs: dict[str, object] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        selected = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) == selected else "", label)
                for key, label in self.choices
            ),
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class MunicipalityField(forms.ChoiceField):
    def valid_value(self, value: str) -> bool:
        return True  # checked with one query in PortalReportForm.clean_municipality


def municipality_choices() -> list[tuple]:
    names = Municipality.objects.valid_on().order_by("name").values_list("pk", "name")
    return [("", _("Choose a municipality")), *names]


class PortalReportForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    receipt_secret = forms.CharField(widget=forms.HiddenInput, max_length=32)
    challenge = forms.CharField(widget=forms.HiddenInput, max_length=300)  # challenge.stamp
    altcha = altcha_field()
    # Honeypot: hidden from people (display: none); automated form fillers fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    is_acute = acute_question(
        label=_("Is someone in danger right now, or in the coming days?"), yes=_("Yes")
    )
    situation = forms.MultipleChoiceField(
        label=_("What kind of situation is it?"),
        help_text=_("Choose what fits. You may choose more than one, or none."),
        choices=Situation.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    seen = forms.MultipleChoiceField(
        label=_("What did you notice?"),
        help_text=_("Choose what fits. You may choose more than one, or none."),
        choices=lay_phrase_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Tell us in your own words what you saw or heard"),
        help_text=_("Write in any language."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    municipality = MunicipalityField(
        label=_("In which municipality did it happen?"), widget=LongSelect
    )
    location = forms.CharField(
        label=_("Place, street or business (if you know it)"), required=False, max_length=200
    )
    who = forms.CharField(
        label=_("Who is it about? (if you know)"),
        help_text=_("For example: how many people, man or woman, age, language, clothes."),
        required=False,
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minor = forms.ChoiceField(
        label=_("Is a child (under 18) involved?"),
        choices=[("dont_know", _("I do not know")), ("yes", _("Yes")), ("no", _("No"))],
        initial="dont_know",
        widget=forms.RadioSelect,
    )
    observed_on = forms.DateField(
        label=_("When did you see it? (if you know)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[within_sane_years],
    )
    anything_else = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents (if you have them)"),
        help_text=_(
            "Photos (JPEG, PNG) or PDF, at most 5 files of 10 MB each. "
            "We remove location and camera data from photos."
        ),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    contact_name = forms.CharField(label=_("Your name"), required=False, max_length=100)
    contact_phone = forms.CharField(label=_("Your phone number"), required=False, max_length=40)
    contact_email = forms.EmailField(label=_("Your e-mail address"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A callable: the list is only read when the select is rendered or checked.
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = municipality_choices

    def clean_municipality(self) -> Municipality:
        value = self.cleaned_data["municipality"]
        found = (
            Municipality.objects.valid_on()
            .select_related("region")
            .filter(pk=as_number(value) or 0)
            .first()
        )
        if found is None:
            raise forms.ValidationError(
                self.fields["municipality"].error_messages["invalid_choice"] % {"value": value}
            )
        return found

    def clean_receipt_secret(self) -> str:
        value = receipts.normalise(self.cleaned_data["receipt_secret"])
        if not receipts.is_well_formed(value, receipts.SECRET_LENGTH):
            raise forms.ValidationError(_("The form has expired. Please reload the page."))
        return value

    def clean_observed_on(self) -> datetime.date | None:
        value = self.cleaned_data["observed_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return value

    def clean_attachments(self) -> list[files.Cleaned]:
        uploads = self.cleaned_data["attachments"]
        if len(uploads) > settings.PORTAL_MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("You can send at most %(count)s files.")
                % {"count": settings.PORTAL_MAX_ATTACHMENTS}
            )
        cleaned = []
        for upload in uploads:
            if upload.size > settings.PORTAL_MAX_ATTACHMENT_BYTES:
                raise forms.ValidationError(
                    _("The file “%(name)s” is too large (at most 10 MB).") % {"name": upload.name}
                )
            data = upload.read()
            try:
                cleaned.append(files.clean(data))
            except files.Refused:
                raise forms.ValidationError(
                    _("The file “%(name)s” is not a photo (JPEG or PNG) or a PDF.")
                    % {"name": upload.name}
                ) from None
        return cleaned

    @property
    def is_identified(self) -> bool:
        data = self.cleaned_data
        return any(data.get(f) for f in ("contact_name", "contact_phone", "contact_email"))


class StatusForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=20)
    secret = forms.CharField(
        label=_("Secret"),
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )
    # Asked for only after wrong tries on the code or from the connection (throttle.py).
    challenge = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)
    altcha = altcha_field()


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class StaffReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Answer to the reporter"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
