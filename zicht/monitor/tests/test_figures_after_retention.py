"""Anonymising keeps what the monitor counts: the figures of a year whose cases expired are the
same after the nightly run as before, also once the victim records are rebuilt (ADR 0009)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from testdata.monitor_year import create_known_year
from zicht.intake.models import InvolvedPerson
from zicht.monitor.figures.overview import overview
from zicht.monitor.figures.scope import Scope
from zicht.monitor.models import VictimRecord
from zicht.monitor.victim_records import refresh_victim_records
from zicht.privacy.models import RecordType
from zicht.privacy.retention import apply_retention

pytestmark = pytest.mark.django_db


def test_the_figures_of_an_expired_year_count_the_same_after_anonymising(twente):
    create_known_year(2019)
    refresh_victim_records(twente)
    scope = Scope.year(twente, 2019)
    before = overview(scope)
    births = dict(VictimRecord.objects.values_list("person_id", "birth_day"))

    with time_machine.travel(datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)):
        run = apply_retention(timezone.now())
    assert run.removed[RecordType.CLOSED_CASE] == 6  # the year's closed cases
    anonymised = InvolvedPerson.objects.filter(last_name="", report__case__closed_at__isnull=False)
    assert anonymised.count() == 6

    assert overview(scope) == before
    changed = VictimRecord.objects.filter(person__in=anonymised)
    assert all(births[r.person_id] != r.birth_day for r in changed if births[r.person_id])
    refresh_victim_records(twente)
    assert overview(scope) == before
