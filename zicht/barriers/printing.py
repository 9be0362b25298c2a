"""The barrier model on paper: one template for the printable page and the PDF, rendered
to PDF the way the annual report is (WeasyPrint)."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from zicht.barriers.models import BarrierModel
from zicht.barriers.reading import compare


def print_context(model: BarrierModel, previous: BarrierModel | None) -> dict[str, Any]:
    return {
        "model": model,
        "previous": previous,
        "sections": compare(model, previous),
        "made_at": timezone.localtime(),
    }


def render_barrier_model_pdf(model: BarrierModel, previous: BarrierModel | None) -> bytes:
    from weasyprint import HTML  # loads when a PDF is made: start-up time

    css_path = finders.find("barriers/print.css")
    assert isinstance(css_path, str)
    with open(css_path, encoding="utf-8") as css:
        print_css = css.read()
    html = render_to_string(
        "barriers/print.html",
        {**print_context(model, previous), "pdf": True, "print_css": print_css},
    )
    return HTML(string=html).write_pdf()
