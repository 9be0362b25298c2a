from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.casework.workflow import Status
from zicht.intake.models import Report
from zicht.notifications.models import Notification
from zicht.portal import receipts
from zicht.portal.models import PortalReceipt

pytestmark = pytest.mark.django_db


def test_the_start_page_says_what_to_do_in_acute_danger_first(client):
    page = client.get(reverse("portal:start")).content.decode()
    assert page.index("112") < page.index(reverse("portal:report"))
    assert "0900-8844" in page
    assert "0800-2000" in page


def test_an_anonymous_report_reaches_the_focal_officer_with_a_receipt(
    portal_form, submit, hengelo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(portal_form())
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.source == "resident_anonymous"
    assert report.reported_by is None
    assert report.municipality == hengelo
    assert report.indicators == ["no_id_papers", "labour_low_pay", "labour_long_hours"]
    assert report.exploitation_forms == ["labour"]
    assert report.case.status == Status.RECEIVED
    receipt = PortalReceipt.objects.get(report=report)
    assert receipts.group(receipt.code) in response.content.decode()
    assert Notification.objects.filter(recipient__username="afm.hengelo").exists()


def test_the_secret_is_stored_only_as_a_hash(portal_form, submit):
    data = portal_form()
    submit(data)
    receipt = PortalReceipt.objects.get()
    assert data["receipt_secret"] not in receipt.secret_hash
    assert receipts.check_secret(data["receipt_secret"], receipt.secret_hash)


def test_the_same_form_sent_twice_makes_one_report_and_shows_the_same_receipt(portal_form, submit):
    data = portal_form()
    first = submit(data)
    second = submit(data)
    assert Report.objects.count() == 1
    code = receipts.group(PortalReceipt.objects.get().code)
    secret = receipts.group(data["receipt_secret"])
    for response in (first, second):
        assert code in response.content.decode()
        assert secret in response.content.decode()


def test_a_resent_form_with_another_secret_does_not_reveal_the_first(portal_form, submit):
    data = portal_form()
    submit(data)
    data["receipt_secret"] = receipts.new_secret()
    response = submit(data)
    assert Report.objects.count() == 1
    assert receipts.group(data["receipt_secret"]) not in response.content.decode()
    assert 'data-testid="receipt-secret"' not in response.content.decode()


def test_the_report_keeps_the_portal_language(portal_form, submit):
    response = submit(portal_form(), HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    assert 'lang="pl"' in response.content.decode()
    assert Report.objects.get().language == "pl"


def test_contact_details_make_an_identified_report(portal_form, submit):
    submit(portal_form(contact_name="Jan", contact_email="jan@example.org"))
    report = Report.objects.get()
    assert report.source == "resident_identified"
    reporter = report.persons.get(role="reporter")
    assert reporter.first_name == "Jan"


def test_an_acute_portal_report_alerts_the_hub_at_once(
    portal_form, submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(portal_form(is_acute="yes"))
    report = Report.objects.get()
    assert report.case.status == Status.ACUTE
    assert Notification.objects.filter(recipient__username="hub.twente").exists()


def test_suspected_sexual_exploitation_of_a_child_is_always_acute(portal_form, submit):
    submit(portal_form(situation=["sexual"], minor="yes"))
    report = Report.objects.get()
    assert report.is_acute
    assert report.case.status == Status.ACUTE
    assert report.persons.get().description.startswith("[minderjarig]")


def test_an_acute_portal_report_about_a_child_alerts_veilig_thuis(
    portal_form, submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(portal_form(situation=["sexual"], minor="yes"))
    alert = Notification.objects.get(recipient__username="vt.twente")
    assert alert.is_urgent
    assert "[minderjarig]" not in alert.subject + alert.body


def test_a_region_that_routes_the_portal_to_the_hub_gets_the_report(portal_form, submit, hengelo):
    hengelo.region.portal_routes_to_hub = True
    hengelo.region.save(update_fields=["portal_routes_to_hub"])
    submit(portal_form())
    assert Report.objects.get().case.status == Status.REPORTED_TO_HUB


def test_an_unknown_municipality_is_refused(portal_form, submit):
    assert submit(portal_form(municipality="999999")).status_code == 400
    assert submit(portal_form(municipality="x")).status_code == 400
    assert not Report.objects.exists()


def test_a_filled_honeypot_sends_nothing(portal_form, submit):
    response = submit(portal_form(website="http://spam.example"))
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_forged_challenge_sends_nothing(portal_form, submit):
    data = portal_form()
    data["challenge"] = data["challenge"][:-3] + "abc"
    assert submit(data).status_code == 400
    assert not Report.objects.exists()


def test_without_the_proof_of_work_the_form_asks_to_wait(portal_form, submit, settings):
    response = submit(portal_form(solve=False))
    assert response.status_code == 400
    assert not Report.objects.exists()
    settings.PORTAL_NOJS_WAIT_SECONDS = 0
    assert submit(portal_form(solve=False)).status_code == 200
    assert Report.objects.count() == 1


def test_too_many_submissions_from_one_connection_are_slowed_down(portal_form, submit, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 2
    assert submit(portal_form()).status_code == 200
    assert submit(portal_form()).status_code == 200
    response = submit(portal_form(), HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 429
    assert "zbyt wiele zgłoszeń" in response.content.decode()
    assert Report.objects.count() == 2


def test_every_portal_page_offers_all_ten_languages(client):
    for name in ("portal:start", "portal:report", "portal:status", "portal:privacy"):
        page = client.get(reverse(name), follow=True).content.decode()
        for code in ("nl", "en", "pl", "ro", "bg", "hu", "uk", "ar", "tr", "zh-hans"):
            assert f'value="{code}"' in page, (name, code)


def test_arabic_pages_are_right_to_left(client):
    page = client.get(reverse("portal:start"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="ar" dir="rtl"' in page


@pytest.mark.parametrize(
    "municipality",
    ["²", "١٢", "\N{MATHEMATICAL DOUBLE-STRUCK DIGIT ONE}", "-1", "99999999999999999999999", ""],
)
def test_a_municipality_that_is_no_number_is_refused_with_a_message(
    portal_form, submit, municipality
):
    response = submit(portal_form(municipality=municipality))
    assert response.status_code == 400
    assert not Report.objects.exists()
