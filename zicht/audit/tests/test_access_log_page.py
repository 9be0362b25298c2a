"""The access log page as a privacy officer reads it: Dutch labels, names, filters."""

import pytest
from django.urls import reverse
from django.utils import translation

from zicht.audit.log import record_read
from zicht.audit.models import AccessLogEntry, Purpose


@pytest.fixture
def dutch():
    with translation.override("nl"):
        yield


def read_case(member, case, username="afm.hengelo"):
    persons = list(case.reports.get().persons.values_list("pk", flat=True))
    return record_read(
        membership=member(username), obj=case, person_ids=persons, purpose=Purpose.CASE_HANDLING
    )


def page(client, **query):
    response = client.get(reverse("audit:access_log"), query, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    return response.content.decode()


def test_the_purpose_keeps_its_stored_value_and_reads_in_dutch(member, make_report, dutch):
    entry = read_case(member, make_report().case)
    entry.refresh_from_db()
    assert entry.purpose == "case handling"
    assert entry.purpose_label == "behandeling van de casus"


def test_an_unknown_stored_purpose_is_shown_as_written(dutch):
    assert AccessLogEntry(purpose="old reason").purpose_label == "old reason"


def test_every_export_kind_has_a_purpose():
    assert Purpose.export("comensha") == Purpose.EXPORT_COMENSHA
    with pytest.raises(ValueError, match="unknown"):
        Purpose.export("unknown")


def test_the_log_shows_roles_records_purposes_and_dates_in_dutch(signed_in, member, make_report):
    case = make_report().case
    read_case(member, case)
    html = page(signed_in("beheer"))
    assert "Casus " + case.reference in html
    assert "Melding M-" in html
    assert "Contactpersoon mensenhandel" in html or "aandachtsfunctionaris" in html.lower()
    assert "Behandeling van de casus" in html
    assert "focal_officer" not in html
    assert "casework.case" not in html
    assert "case handling" not in html
    months = (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    )
    assert any(month in html for month in months)


def test_the_administrator_sees_person_numbers_that_filter_not_names(
    signed_in, member, make_report
):
    case = make_report().case
    entry = read_case(member, case)
    html = page(signed_in("beheer"))
    person = entry.person_ids[0]
    assert f'href="?person={person}"' in html
    assert f"persoon {person}" in html
    assert "Kowalska" not in html


def test_a_case_reference_filters_the_log(signed_in, member, make_report):
    first, second = make_report().case, make_report().case
    read_case(member, first)
    read_case(member, second)
    html = page(signed_in("beheer"), record=first.reference)
    assert first.reference in html
    assert second.reference not in html


def test_bad_filters_get_a_dutch_error_and_keep_what_was_typed(signed_in, make_report):
    make_report()
    html = page(signed_in("beheer"), record="casus 12", since="2026-05-01", until="2026-04-01")
    assert "Het filter kon niet worden toegepast" in html
    assert 'value="casus 12"' in html
    assert 'value="2026-05-01"' in html
    assert "ligt vóór" in html


def test_empty_date_fields_are_no_filter(signed_in, make_report):
    make_report()
    html = page(signed_in("beheer"), since="", until="", username="")
    assert 'data-testid="log-entry"' in html
