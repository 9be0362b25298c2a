"""The enriching form on the staff case page (the case page belongs to casework, the
supplementary report it writes to intake)."""

from __future__ import annotations

from django import template

from zicht.intake.forms import EnrichForm, PersonForm, enrich_forms

register = template.Library()


@register.simple_tag
def blank_enrich_forms() -> dict[str, EnrichForm | PersonForm]:
    form, person = enrich_forms()
    return {"form": form, "person": person}
