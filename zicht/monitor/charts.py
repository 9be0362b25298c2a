"""Server-side SVG charts: the same markup serves the page and the PDF.

Accessible by construction: ``role="img"`` with a ``<title>`` and a ``<desc>`` the chart
is labelled by, and every chart is shown beside a table with its numbers (templates).
No inline styles (the site's CSP forbids them): presentation attributes only.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zicht.monitor.dark_reading import method_name, number
from zicht.monitor.disclosure import ShownFigure

if TYPE_CHECKING:  # the estimation loads numpy and scipy: only with the dark number
    from zicht.estimation import Estimate

BAR = "#01689b"
INK = "#1a1a1a"
MUTED = "#595959"
GRID = "#d0d0d0"
_ids = itertools.count(1)


def _fmt(value: int | float) -> str:
    return number(value)


def _open(width: int, height: int, title: str, desc: str, key: str) -> list[str]:
    n = next(_ids)
    tid, did = f"chart-{key}-{n}-t", f"chart-{key}-{n}-d"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{tid} {did}"'
        f' width="100%" viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet"'
        f' font-family="sans-serif" font-size="13" class="zicht-chart">',
        f'<title id="{tid}">{escape(title)}</title>',
        f'<desc id="{did}">{escape(desc)}</desc>',
    ]


def _describe(figure: ShownFigure) -> str:
    parts = []
    for _code, label, value in figure.rows:
        parts.append(f"{label}: {_fmt(value) if value is not None else _('hidden')}")
    return "; ".join(parts) if parts else _("No data in this period.")


def bar_chart(figure: ShownFigure, *, width: int = 560) -> SafeString:
    """Horizontal bars, one per row; a hidden value gets no bar and the word 'hidden'."""
    label_width = 210
    row_height = 24
    top = 8
    height = top + row_height * max(len(figure.rows), 1) + 8
    parts = _open(width, height, figure.title, _describe(figure), figure.key)
    span = width - label_width - 60
    peak = max(figure.max_value, 1)
    if not figure.rows:
        parts.append(
            f'<text x="0" y="{top + 16}" fill="{MUTED}">'
            f"{escape(_('No data in this period.'))}</text>"
        )
    for i, (_code, label, value) in enumerate(figure.rows):
        y = top + i * row_height
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{INK}">'
            f"{escape(short)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{label_width}" y="{y + 16}" fill="{MUTED}">{escape(_("hidden"))}</text>'
            )
            continue
        bar = span * value / peak
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" height="{row_height - 6}"'
            f' fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 16}" fill="{INK}">{_fmt(value)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every text is escaped above


def line_chart(figure: ShownFigure, *, width: int = 720, height: int = 260) -> SafeString:
    """A trend line over the periods; hidden values break the line."""
    left, right, top, bottom = 44, 40, 16, 48  # room for the last month label
    parts = _open(width, height, figure.title, _describe(figure), figure.key)
    n = len(figure.rows)
    peak = max(figure.max_value, 4)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / peak

    for k in range(5):
        value = peak * k / 4
        parts.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}"'
            f' stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{_fmt(value)}</text>"
        )
    segment: list[str] = []
    segments = []
    for i, (_code, _label, shown) in enumerate(figure.rows):
        if shown is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(shown):.1f}")
    if segment:
        segments.append(segment)
    all_hidden = _("Every value is hidden or there are no data.")
    if not segments:
        parts.append(
            f'<text x="{left + 8}" y="{top + 20}" fill="{MUTED}">{escape(all_hidden)}</text>'
        )
    for points in segments:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{BAR}" stroke-width="2.5"/>'
        )
        for point in points:
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{BAR}"/>')
    every = max(1, n // 12)
    for i, (_code, label, _value) in enumerate(figure.rows):
        if i % every == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle"'
                f' fill="{MUTED}" font-size="11">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every text is escaped above


def estimates_chart(estimates: Sequence[Estimate], *, width: int = 480) -> SafeString:
    """The dark number's methods on one axis: each estimate (dot) with its interval (bar),
    and the number registered as a dashed reference line."""
    row_height, left, right, top = 34, 100, 24, 40
    height = top + row_height * len(estimates) + 50
    observed = estimates[0].observed if estimates else 0
    values: list[float] = [float(observed)]
    for e in estimates:
        values += [e.estimate, *(e.interval or ())]
    finite = [v for v in values if math.isfinite(v)]
    step = _tick_step(max(finite) if finite else 1.0)
    hi = step * math.ceil(max(max(finite, default=1.0), 1.0) * 1.02 / step)
    span = width - left - right

    def x(v: float) -> float:
        return left + span * max(0.0, min(v, hi)) / hi

    desc = "; ".join(
        _("%(method)s: %(n)s") % {"method": method_name(e.method), "n": _fmt(e.estimate)}
        for e in estimates
    )
    parts = _open(width, height, _("Estimated total per method, with intervals"), desc, "dark")
    registered = _("registered: %(n)s") % {"n": _fmt(observed)}
    legend = _("Estimated total (dot) and 95% interval (bar)")
    parts += [
        f'<text x="{left}" y="20" font-weight="bold" fill="{INK}">{escape(legend)}</text>',
        f'<line x1="{x(observed):.1f}" y1="{top - 8}" x2="{x(observed):.1f}"'
        f' y2="{height - 40}" stroke="{MUTED}" stroke-dasharray="4 3"/>',
        f'<text x="{x(observed):.1f}" y="{height - 6}" text-anchor="middle" fill="{MUTED}">'
        f"{escape(registered)}</text>",
    ]
    for i, e in enumerate(estimates):
        cy = top + row_height * i + row_height / 2
        parts.append(
            f'<text x="{left - 10}" y="{cy + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(method_name(e.method, short=True))}</text>"
        )
        if e.interval:
            parts.append(
                f'<line x1="{x(e.interval[0]):.1f}" y1="{cy:.1f}" x2="{x(e.interval[1]):.1f}"'
                f' y2="{cy:.1f}" stroke="{BAR}" stroke-width="3"/>'
            )
        parts.append(f'<circle cx="{x(e.estimate):.1f}" cy="{cy:.1f}" r="5" fill="#c0392b"/>')
        parts.append(
            f'<text x="{x(e.estimate):.1f}" y="{cy - 9:.1f}" text-anchor="middle" fill="{INK}">'
            f"{_fmt(e.estimate)}</text>"
        )
    axis_y = height - 40
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="{INK}"/>'
    )
    for k in range(round(hi / step) + 1):
        v = step * k
        parts.append(
            f'<text x="{x(v):.1f}" y="{axis_y + 14}" text-anchor="middle" fill="{MUTED}">'
            f"{_fmt(v)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every text is escaped above


def _tick_step(peak: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that gives at most six ticks."""
    magnitude = 10 ** math.floor(math.log10(max(peak, 1.0) / 5))
    return next(m * magnitude for m in (1, 2, 5, 10) if peak / (m * magnitude) <= 5)
