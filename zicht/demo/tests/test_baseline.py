import datetime
import random

import pytest
from django.utils import timezone

from zicht.baseline.models import CriterionChange, CriterionState, Training
from zicht.demo.baseline import create_baseline_demo
from zicht.demo.organisations import REGIONS
from zicht.organisations.models import Membership, Municipality, Role

pytestmark = pytest.mark.django_db


def test_every_demo_municipality_gets_a_believable_baseline(demo):
    create_baseline_demo(random.Random(7))
    municipalities = Municipality.objects.filter(
        region__code__in=[plan.code for plan in REGIONS]
    ).valid_on()
    focal = Membership.objects.filter(role=Role.FOCAL_OFFICER)
    assert set(focal.values_list("organisation__municipality", flat=True)) == set(
        municipalities.values_list("pk", flat=True)
    )
    today = timezone.localdate()
    days = CriterionChange.objects.values_list("effective_on", flat=True)
    assert max(days) <= today
    assert min(days) < today - datetime.timedelta(days=365)
    met = [
        CriterionState.objects.filter(municipality=m, status="met").count() for m in municipalities
    ]
    assert max(met) > min(met)  # leaders and followers
    assert Training.objects.filter(followed_on__gt=today - datetime.timedelta(days=365)).exists()
    # Twice does nothing more.
    count = CriterionChange.objects.count()
    create_baseline_demo(random.Random(8))
    assert CriterionChange.objects.count() == count
