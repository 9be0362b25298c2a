"""zicht's own error pages: Dutch, in the house style, with a way back to the inbox.
With DEBUG on, Django shows its debug page instead, so these run with DEBUG off."""

from django.db import OperationalError
from django.template import loader
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from zicht.lib.error_pages import server_error


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


def _handled(error: Exception, path: str):
    request = RequestFactory().post(path)
    try:
        raise error
    except Exception:
        return server_error(request)


@override_settings(DEBUG=False)
def test_a_database_that_is_away_gives_a_page_to_try_again_not_a_server_error():
    with translation.override("nl"):
        response = _handled(OperationalError("server closed the connection"), "/melden/melding/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "nog niet ontvangen" in html  # what happened to the report being sent
    assert "Naar de meldpagina" in html


@override_settings(DEBUG=False)
def test_any_other_error_is_still_the_server_error_page():
    with translation.override("nl"):
        response = _handled(ValueError("a bug"), "/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
