"""“Already known?” asked of a case by the hub: the earlier cases of the region it may see that
share a person's name and date of birth, phone or address; every check logged."""

import datetime

from django.urls import reverse

from zicht.audit.models import AccessLogEntry
from zicht.intake.submission import PersonData
from zicht.linkage.already_known import already_known
from zicht.register.models import IdentifierKind

ANNA = PersonData(
    role="presumed_victim",
    first_name="Anna",
    last_name="Kowalska",
    birth_date=datetime.date(1999, 4, 2),
    phone="06 12345678",
)
SAME_PHONE = PersonData(
    role="presumed_victim", first_name="Maria", last_name="Nowak", phone="+31 6 1234 5678"
)


def test_an_earlier_case_with_the_same_phone_is_known(make_report, member):
    earlier = make_report(persons=[ANNA])
    later = make_report(persons=[SAME_PHONE])
    result = already_known(later.case, by=member("hub.twente"))
    assert [(m.case, m.matched_on) for m in result.cases] == [(earlier.case, ("phone",))]
    assert result.cases[0].labels == [str(IdentifierKind.PHONE.label)]
    assert result.known == []
    assert result.possible == []
    entry = AccessLogEntry.objects.filter(action="lookup").latest("id")
    assert entry.purpose == "already known check"
    assert entry.detail == {"matches": [earlier.case.pk]}


def test_the_strongest_identifier_comes_first(make_report, member):
    earlier = make_report(persons=[ANNA])
    later = make_report(persons=[ANNA])
    result = already_known(later.case, by=member("hub.twente"))
    assert [m.matched_on for m in result.cases] == [("name_birth_date", "phone")]
    assert result.cases[0].case == earlier.case


def test_a_case_without_an_earlier_match_is_not_known(make_report, member):
    case = make_report(persons=[ANNA]).case
    assert already_known(case, by=member("hub.twente")).cases == []


def test_the_case_page_check_answers_in_place(make_report, signed_in):
    earlier = make_report(persons=[ANNA])
    later = make_report(persons=[SAME_PHONE])
    url = reverse("linkage:known_check", args=[later.case.pk])
    assert url == f"/casussen/{later.case.pk}/bekend/"
    client = signed_in("hub.twente")
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert earlier.case.reference in fragment
    assert "<h1>" not in fragment
    page = client.get(url).content.decode()
    assert "<h1>" in page
    assert earlier.case.reference in page
