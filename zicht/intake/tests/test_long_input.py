"""Input at the limits of the report form is stored or refused with a message, never a 500:
each field has the database's limit, and the keys derived from a person's name fit their
column whatever the name expands to when it is normalised ("ß" becomes "ss")."""

from __future__ import annotations

import pytest

from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.tests.test_report_validation import post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "last"),
    [("a" * 100, "b" * 100), ("ß" * 100, "ß" * 100), ("Ǆ" * 100, "ﬃ" * 100)],
)
def test_names_of_the_longest_allowed_length_are_stored(signed_in, hengelo, first, last):
    response = post(
        signed_in("wijkcoach.hengelo"),
        hengelo,
        **{"persons-0-first_name": first, "persons-0-last_name": last},
    )
    assert response.status_code == 302
    person = InvolvedPerson.objects.get()
    assert (person.first_name, person.last_name) == (first, last)
    assert 0 < len(person.name_key) <= InvolvedPerson._meta.get_field("name_key").max_length


@pytest.mark.parametrize(
    ("field", "length"),
    [
        ("location", 201),
        ("persons-0-first_name", 101),
        ("persons-0-last_name", 101),
        ("persons-0-street", 101),
        ("persons-0-city", 101),
        ("persons-0-description", 301),
    ],
)
def test_text_over_the_columns_limit_is_refused_with_a_message(signed_in, hengelo, field, length):
    response = post(signed_in("wijkcoach.hengelo"), hengelo, **{field: "x" * length})
    assert response.status_code == 200
    assert "niet meer dan" in response.content.decode()
    assert not Report.objects.exists()
