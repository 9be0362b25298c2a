"""A form sent twice (back button, double click) is one report; the second time says so."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from zicht.intake.models import Report
from zicht.intake.tests.test_report_form import _form

pytestmark = pytest.mark.django_db


def test_the_form_page_carries_its_key_in_its_address(signed_in):
    client = signed_in("wijkcoach.hengelo")
    response = client.get(reverse("intake:new_report"))
    assert response.status_code == 302
    key = re.search(r"/nieuw/([0-9a-f-]{36})/$", response["Location"]).group(1)
    page = client.get(response["Location"]).content.decode()
    assert f'name="submission_key" value="{key}"' in page


def test_back_to_a_sent_form_shows_the_report_already_received(signed_in, hengelo):
    client = signed_in("wijkcoach.hengelo")
    key = uuid.uuid4()
    url = reverse("intake:report_form", args=[key])
    sent = client.post(url, _form(hengelo, key))
    report = Report.objects.get()
    assert sent["Location"] == reverse("intake:report_detail", args=[report.pk])
    back = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    assert back.redirect_chain[-1][0] == sent["Location"]
    assert f"al ontvangen als {report.reference}" in back.content.decode()


def test_sending_the_shown_again_form_makes_no_second_report(signed_in, hengelo):
    client = signed_in("wijkcoach.hengelo")
    key = uuid.uuid4()
    url = reverse("intake:report_form", args=[key])
    client.post(url, _form(hengelo, key))
    # A form restored by the browser may carry any key: the address decides.
    again = client.post(url, _form(hengelo, uuid.uuid4()), follow=True)
    assert Report.objects.count() == 1
    assert "niet nog eens verstuurd" in again.content.decode()


def test_someone_elses_key_gives_a_fresh_form(signed_in, hengelo, make_report):
    report = make_report(by="afm.enschede")
    client = signed_in("wijkcoach.hengelo")
    response = client.get(reverse("intake:report_form", args=[report.submission_key]))
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:new_report")
