"""How a status looks on the baseline pages: an icon of its own shape beside its colour and
its name, so that colour is never the only signal (WCAG 1.4.1)."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()

ICONS = {"met": "✓", "in_progress": "◐", "not_started": "○"}


@register.filter
def status_icon(status: str) -> str:
    return ICONS.get(status, "?")


@register.filter
def percent(share: float) -> str:
    """A share as a whole percentage in the locale's notation (43%)."""
    return f"{number_format(round(share * 100), 0)}%"
