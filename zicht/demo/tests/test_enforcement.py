"""The demo's administrative approach: enforcement officers in two municipalities of every
region, and a year of establishments, inspections and measures made through the operations,
without e-mailing anybody; a second run adds nothing."""

from django.core import mail
from django.utils import timezone

from zicht.demo.enforcement import create_enforcement_demo
from zicht.demo.organisations import REGIONS
from zicht.enforcement.models import Establishment, Inspection, Measure
from zicht.organisations.models import Membership, Role


def test_a_year_of_inspections_and_measures_in_every_region(
    demo, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        users = create_enforcement_demo(history=True)
    officers = Membership.objects.filter(role=Role.ENFORCEMENT_OFFICER)
    assert officers.count() == 2 * len(REGIONS)
    assert len(users) == 2 * (len(REGIONS) - 1)  # Twente's are demo users already
    today = timezone.localdate()
    for plan in REGIONS:
        region = {"municipality__region__code": plan.code}
        assert Establishment.objects.filter(**region).count() == 10
        done = Inspection.objects.filter(establishment__municipality__region__code=plan.code)
        assert 5 <= done.filter(status="done").count() <= 16
        assert Measure.objects.filter(**region).exists()
    assert not Inspection.objects.filter(done_on__gt=today).exists()
    assert Measure.objects.filter(status="decided", type="closure_174a").exists()
    assert Measure.objects.exclude(deviation_note="").exists()
    assert Inspection.objects.exclude(report=None).filter(report__source="inspection").exists()
    assert mail.outbox == []
    before = Establishment.objects.count()
    create_enforcement_demo(history=True)
    assert Establishment.objects.count() == before
