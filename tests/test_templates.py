"""Every template a template includes or extends by name exists: a template removed or renamed
in one place cannot leave a page that fails only when it is opened."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

ROOT = Path(__file__).resolve().parent.parent / "zicht"
NAMED = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")


def _references() -> list[tuple[str, str]]:
    found = []
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        for name in NAMED.findall(path.read_text(encoding="utf-8")):
            found.append((str(path.relative_to(ROOT)), name))
    return found


def test_templates_are_found():
    assert len(_references()) > 50


@pytest.mark.parametrize(("template", "name"), _references())
def test_a_named_template_exists(template, name):
    try:
        get_template(name)
    except TemplateDoesNotExist:
        pytest.fail(f"{template} names {name}, which does not exist")
