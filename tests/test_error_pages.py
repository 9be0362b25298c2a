"""zicht's own error pages: Dutch, in the house style, with a way back to the inbox.
With DEBUG on, Django shows its debug page instead, so these run with DEBUG off."""

from django.template import loader
from django.test import override_settings
from django.urls import reverse


@override_settings(DEBUG=False)
def test_a_case_the_safety_officer_may_not_open_is_a_dutch_page_not_found(signed_in, make_report):
    case = make_report().case
    response = signed_in("oov.hengelo").get(
        reverse("casework:case_detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    html = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html
    assert f'href="{reverse("casework:inbox")}"' in html
    assert "Naar mijn werkbak" in html
    assert "Page not found" not in html


@override_settings(DEBUG=False)
def test_a_page_for_another_role_is_a_dutch_no_access_page(signed_in):
    response = signed_in("hub.twente").get(reverse("audit:access_log"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in html
    assert "Naar mijn werkbak" in html


@override_settings(DEBUG=False)
def test_the_server_error_page_renders_without_a_request():
    html = loader.get_template("500.html").render({})
    assert "Er ging iets mis" in html
    assert "112" in html


def test_the_favicon_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("zicht/favicon.svg")
