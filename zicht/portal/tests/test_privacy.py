from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zicht.portal.models import PortalReceipt
from zicht.portal.tests.conftest import CLIENT_ADDRESS, DATA
from zicht.portal.tests.test_status import look_up
from zicht.privacy.models import RecordType, RetentionRule

pytestmark = pytest.mark.django_db


def every_value_in_the_database():
    for model in apps.get_models():
        for row in model.objects.all().values():
            for column, value in row.items():
                yield model._meta.label, column, str(value)


def test_no_column_of_any_row_holds_the_client_address(
    client, portal_form, submit, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("a.jpg", (DATA / "python.jpg").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        data = portal_form(attachments=[upload], contact_email="melder@example.org")
        assert submit(data).status_code == 200
        receipt = PortalReceipt.objects.get()
        look_up(client, receipt.code, "WRONGWRONGWRONG2")
        look_up(client, receipt.code, data["receipt_secret"])
        client.post(
            reverse("portal:send_message"), {"text": "Nog iets"}, REMOTE_ADDR=CLIENT_ADDRESS
        )
    leaks = [
        (label, column)
        for label, column, value in every_value_in_the_database()
        if CLIENT_ADDRESS in value
    ]
    assert leaks == []


def test_the_privacy_statement_is_there_in_every_language(client):
    for code in ("nl", "en", "pl", "ro", "bg", "hu", "uk", "ar", "tr", "zh-hans"):
        response = client.get(reverse("portal:privacy"), HTTP_ACCEPT_LANGUAGE=code)
        assert response.status_code == 200
        assert f'lang="{code}"' in response.content.decode()


def test_portal_pages_load_no_third_party_resources(client):
    for name in ("portal:start", "portal:report", "portal:status", "portal:privacy"):
        response = client.get(reverse(name))
        page = response.content.decode()
        assert "https://" not in page
        assert "http://" not in page.replace("http://testserver", "")
        assert "'self'" in response["Content-Security-Policy"]


def test_the_privacy_statement_promises_the_periods_the_nightly_run_applies(client):
    def promises(language: str) -> str:
        page = client.get(reverse("portal:privacy"), HTTP_ACCEPT_LANGUAGE=language)
        return page.content.decode().split('data-testid="retention"', 1)[1].split("</ul>")[0]

    dutch = promises("nl")
    assert "Een melding die niet tot verdere actie leidde: 1 jaar na het afsluiten" in dutch
    assert "tot actie leidde: 5 jaar na het afsluiten van de casus" in dutch
    assert "ontvangstcode en de berichten: 6 maanden na het afsluiten" in dutch
    assert "Foto's en documenten die u toevoegde: 1 jaar" in dutch.replace("&#x27;", "'")
    assert "wie uw melding las of wijzigde: 7 jaar" in dutch
    RetentionRule.objects.filter(record_type=RecordType.PORTAL_CONVERSATION).update(months=3)
    assert "ontvangstcode en de berichten: 3 maanden na" in promises("nl")
    assert "3 miesiące po zamknięciu sprawy" in promises("pl")
