"""Numbers of the monitor in the locale's notation: 1.479 and 2,5 on a Dutch page.

A year or an identifier is not a number to group; only figures go through these filters.
"""

from __future__ import annotations

from django import template

from zicht.monitor.dark_reading import number

NONE = "\u2013"  # an en dash: no figure

register = template.Library()


@register.filter
def figure(value: float | None) -> str:
    """A count or estimate, grouped by thousands; NONE when there is none."""
    return NONE if value is None else number(value)


@register.filter
def days(value: float | None) -> str:
    """A median in days: one decimal when it has one (2,5), none when whole (3)."""
    if value is None:
        return NONE
    return number(value, 0 if float(value).is_integer() else 1)


@register.filter
def percent(value: float | None) -> str:
    """A share in percent, with one decimal when it has one (12,5%); NONE when there is none."""
    if value is None:
        return NONE
    rounded = round(float(value), 1)
    return number(rounded, 0 if rounded.is_integer() else 1) + "%"
