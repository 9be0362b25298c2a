"""The NL Design System (Utrecht) classes for Django's widgets, so that a form's fields look
like every other government form without a class written out per field."""

from __future__ import annotations

from django import forms
from django.forms.widgets import Input

_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    # CheckboxSelectMultiple is a RadioSelect to Django: the first match counts.
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.HiddenInput, ""),
    (Input, "utrecht-textbox utrecht-textbox--html-input"),
)


def utrecht_class(widget: forms.Widget) -> str:
    for kind, classes in _CLASSES:
        if isinstance(widget, kind):
            return classes
    return ""


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget of the form its Utrecht class (a class set by hand is kept)."""
    for field in form.fields.values():
        classes = utrecht_class(field.widget)
        if classes and "class" not in field.widget.attrs:
            field.widget.attrs["class"] = classes
