"""How a status looks on the baseline pages: an icon of its own shape beside its colour and
its name, so that colour is never the only signal (WCAG 1.4.1)."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zicht.baseline.models import Status
from zicht.baseline.standing import Row

register = template.Library()

ICONS = {"met": "✓", "in_progress": "◐", "not_started": "○"}


@register.filter
def status_icon(status: str) -> str:
    return ICONS.get(status, "?")


@register.filter
def percent(share: float) -> str:
    """A share as a whole percentage (43%): 0 to 100, written alike in Dutch and English."""
    return f"{round(share * 100)}%"


@register.simple_tag
def matrix_cells(row: Row, status_filter: str = "") -> SafeString:
    """The cells of one municipality's row of the regional matrix: an icon (hidden from
    screen readers) and the criterion and status named (hidden from the eye), the status as
    a class for its colour. Written here rather than in the template: a region of 60
    municipalities has 1,380 cells, and the template language took most of the page's time."""
    labels = {value: escape(str(label)) for value, label in Status.choices}
    cells = []
    for cell in row.cells:
        name = f"{escape(cell.criterion.label)}: {labels[cell.status]}"
        named = f'<span class="visually-hidden">{name}</span>'
        if status_filter and cell.status != status_filter:
            cells.append(
                '<td class="utrecht-table__cell baseline-cell baseline-cell--other">'
                f'<span aria-hidden="true">·</span>{named}</td>'
            )
            continue
        title = f' title="{escape(cell.proof)}"' if cell.proof else ""
        cells.append(
            f'<td class="utrecht-table__cell baseline-cell baseline-cell--{cell.status}"'
            f' data-criterion="{escape(cell.criterion.code)}" data-status="{cell.status}"{title}>'
            f'<span aria-hidden="true">{ICONS[cell.status]}</span>{named}</td>'
        )
    return mark_safe("".join(cells))  # noqa: S308 - every value above is escaped
