"""The professional's report form: one report per submission, acute first."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from zicht.casework.models import Case
from zicht.casework.workflow import Status
from zicht.intake.models import InvolvedPerson, Report


def _form(hengelo, key, **extra):
    data = {
        "submission_key": str(key),
        "is_acute": "no",
        "description": "Meerdere vrouwen in één woning, worden gebracht en gehaald.",
        "exploitation_forms": ["sexual"],
        "indicators": ["restricted_movement"],
        "municipality": str(hengelo.pk),
        "source": "municipal",
        "route_to": "focal_officer",
        "persons-TOTAL_FORMS": "1",
        "persons-INITIAL_FORMS": "0",
        "persons-MIN_NUM_FORMS": "0",
        "persons-MAX_NUM_FORMS": "20",
        "persons-0-role": "presumed_victim",
        "persons-0-first_name": "Ioana",
        "persons-0-last_name": "Popescu",
        "persons-0-sex": "female",
        "persons-0-phone": "+40 712 345 678",
    }
    data.update(extra)
    return data


def test_a_double_submission_creates_one_report(signed_in, hengelo):
    client = signed_in("wijkcoach.hengelo")
    key = uuid.uuid4()
    first = client.post(reverse("intake:new_report"), _form(hengelo, key))
    second = client.post(reverse("intake:new_report"), _form(hengelo, key))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Report.objects.filter(submission_key=key).count() == 1
    assert Case.objects.count() == 1
    assert InvolvedPerson.objects.count() == 1


def test_the_report_reaches_hengelos_focal_officer(
    signed_in, hengelo, django_capture_on_commit_callbacks
):
    client = signed_in("wijkcoach.hengelo")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:new_report"), _form(hengelo, uuid.uuid4()))
    case = Case.objects.get()
    assert case.status == Status.RECEIVED
    assert any("afm.hengelo" in m.to[0] for m in mail.outbox)
    person = InvolvedPerson.objects.get()
    assert person.phone_key == "+40712345678"


def test_bad_input_is_refused_with_a_message_and_nothing_is_written(signed_in, hengelo):
    client = signed_in("wijkcoach.hengelo")
    response = client.post(
        reverse("intake:new_report"),
        _form(hengelo, uuid.uuid4(), description="", exploitation_forms=[]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert Report.objects.count() == 0


def test_an_acute_report_bypasses_the_route_and_alerts_hub_and_police(
    signed_in, hengelo, django_capture_on_commit_callbacks
):
    client = signed_in("wijkcoach.hengelo")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("intake:new_report"), _form(hengelo, uuid.uuid4(), is_acute="yes"), follow=True
        )
    case = Case.objects.get()
    assert case.status == Status.ACUTE
    assert case.is_acute
    assert "112" in response.content.decode()
    recipients = {m.to[0] for m in mail.outbox}
    assert "hub.twente@demo.zicht.invalid" in recipients
    assert "politie.twente@demo.zicht.invalid" in recipients
    inbox = signed_in("hub.twente").get(reverse("casework:inbox"))
    acute = inbox.context["inbox"].groups[0]
    assert acute.key == "acute"
    assert [item.case for item in acute.items] == [case]


def test_the_hub_opens_a_case_and_informs_the_focal_officer(
    signed_in, hengelo, django_capture_on_commit_callbacks
):
    client = signed_in("hub.twente")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("intake:new_report"), _form(hengelo, uuid.uuid4(), source="regional_hub")
        )
    case = Case.objects.get()
    assert case.opened_by_hub
    assert case.status == Status.REPORTED_TO_HUB
    assert any(m.to[0] == "afm.hengelo@demo.zicht.invalid" for m in mail.outbox)


@pytest.mark.parametrize("username", ["analist.twente", "beheer", "oov.hengelo"])
def test_roles_without_a_reason_to_report_cannot_open_the_form(signed_in, username):
    assert signed_in(username).get(reverse("intake:new_report")).status_code == 403
