"""The demo's care: a coordinator per region, and trajectories in every stage made through
the operations at believable moments, without e-mailing anybody."""

import dataclasses
import random

from django.core import mail
from django.utils import timezone

from zicht.care.models import CareTrajectory
from zicht.care.reminders import reflection_periods_ending
from zicht.care.workflow import TrajectoryStatus
from zicht.demo.care import create_care_demo, create_region_trajectories
from zicht.demo.history import create_history
from zicht.demo.organisations import REGIONS, region_organisations, region_staff
from zicht.organisations.models import Membership, Role

TWENTE = REGIONS[0]


def test_every_region_has_a_care_coordinator_at_its_hub(demo):
    for plan in REGIONS:
        coordinator = Membership.objects.get(user__username=f"zorgcoordinator.{plan.slug}")
        assert coordinator.role == Role.CARE_COORDINATOR
        assert coordinator.organisation.is_hub
        assert coordinator.organisation.region.code == plan.code


def test_trajectories_in_every_stage(demo, django_capture_on_commit_callbacks):
    plan = dataclasses.replace(TWENTE, reports_per_year=30)
    organisations = region_organisations(plan)
    staff = region_staff(plan, organisations)
    create_history(random.Random(2026), [staff], years=2)
    coordinator = Membership.objects.get(user__username="zorgcoordinator.twente")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        create_region_trajectories(staff.hub, coordinator, organisations)

    made = CareTrajectory.objects.all()
    assert set(made.values_list("status", flat=True)) == set(TrajectoryStatus.values)
    relapsed = made.exclude(relapse_case=None).get()
    assert relapsed.status == TrajectoryStatus.INTAKE
    assert relapsed.steps.filter(reason="relapse").exists()
    assert made.filter(goals__isnull=False).exists()
    assert reflection_periods_ending(timezone.localdate()).exists()
    for trajectory in made:
        assert trajectory.opened_at >= trajectory.person.report.received_at
    assert mail.outbox == []


def test_the_demo_twice_adds_no_second_coordinator(demo):
    users = create_care_demo(
        {plan.code: region_organisations(plan) for plan in REGIONS}, history=False
    )
    assert len(users) == len(REGIONS)
    assert Membership.objects.filter(role=Role.CARE_COORDINATOR).count() == len(REGIONS)
