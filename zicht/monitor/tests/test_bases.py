"""Recording a consent or legal basis."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from testdata.monitor_year import create_known_year
from zicht.intake.models import InvolvedPerson
from zicht.monitor.bases import record_disclosure_basis
from zicht.monitor.models import BasisKind, DisclosureBasis


def _victim(born_years_before: int) -> InvolvedPerson:
    person = InvolvedPerson.objects.filter(role="presumed_victim").select_related("report").first()
    assert person is not None
    received = person.report.received_at.date()
    person.birth_date = datetime.date(received.year - born_years_before, 1, 1)
    person.save(update_fields=["birth_date"])
    return person


def test_a_basis_is_recorded_and_replaced(demo, member):
    create_known_year(2025)
    person = _victim(30)
    by = member("hub.twente").user
    record_disclosure_basis(person_id=person.pk, basis=BasisKind.CONSENT_PERSON, by=by)
    record_disclosure_basis(person_id=person.pk, basis=BasisKind.LEGAL_POLICE, by=by)
    assert DisclosureBasis.objects.get(person=person).basis == BasisKind.LEGAL_POLICE


def test_own_consent_under_sixteen_is_refused(demo):
    create_known_year(2025)
    person = _victim(12)
    DisclosureBasis.objects.filter(person=person).delete()
    with pytest.raises(ValidationError):
        record_disclosure_basis(person_id=person.pk, basis=BasisKind.CONSENT_PERSON, by=None)
    assert not DisclosureBasis.objects.filter(person=person).exists()
