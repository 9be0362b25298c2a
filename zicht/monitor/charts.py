"""Server-side SVG charts: the same markup serves the page and the PDF.

Accessible by construction: ``role="img"`` with a ``<title>`` and a ``<desc>`` the chart
is labelled by, and every chart is shown beside a table with its numbers (templates).
No inline styles (the site's CSP forbids them): presentation attributes only.
"""

from __future__ import annotations

import itertools
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zicht.monitor.disclosure import ShownFigure

BAR = "#01689b"
INK = "#1a1a1a"
MUTED = "#595959"
GRID = "#d0d0d0"
_ids = itertools.count(1)


def _fmt(value: int | float) -> str:
    return f"{value:,.0f}".replace(",", ".")


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
    left, right, top, bottom = 44, 16, 16, 48
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


def accessible_svg(svg: str, label: str) -> SafeString:
    """Give an SVG made elsewhere (the estimation module's plot) an image role and a label."""
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - made by our own code, the label is escaped
