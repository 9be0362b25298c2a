"""An empty "add action" gets our own message in the page's language, not the browser's."""

from __future__ import annotations

import pytest
from django.utils import translation

from zicht.casework.forms import ActionForm

pytestmark = pytest.mark.django_db


def test_the_browser_does_not_stop_the_form_with_its_own_bubble(hengelo):
    html = str(ActionForm(region=hengelo.region))
    assert " required" not in html


def test_an_empty_action_names_each_field_by_its_dutch_label(hengelo):
    with translation.override("nl"):
        form = ActionForm({}, region=hengelo.region)
        assert not form.is_valid()
        text = form.error_text()
    assert "Dit veld is verplicht." in text
    assert "due_on" not in text
    assert "owner" not in text
