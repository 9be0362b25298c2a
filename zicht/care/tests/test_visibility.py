"""The care coordinator under the case's one visibility rule; the trajectory only for those
who coordinate care; every read of it logged with its purpose."""

import pytest
from django.urls import reverse

from zicht.audit.models import AccessLogEntry, Purpose
from zicht.audit.records import parse_reference
from zicht.care import trajectories
from zicht.care.models import CareTrajectory
from zicht.casework.disclosure import Extent, disclosure_for
from zicht.casework.models import Case
from zicht.organisations.models import Organisation, OrganisationType, Role
from zicht.organisations.tests.factories import CareCoordinatorFactory


def _page(client, name, *args):
    return client.get(reverse(name, args=args)).status_code


def test_a_coordinator_sees_no_case_until_their_organisation_coordinates_its_care(
    case, victim, hub, coordinator
):
    assert not Case.objects.visible_to(coordinator).filter(pk=case.pk).exists()
    trajectories.open_trajectory(case_id=case.pk, person_id=victim.pk, by=hub)
    assert Case.objects.visible_to(coordinator).filter(pk=case.pk).exists()
    assert disclosure_for(case, coordinator).extent == Extent.CARE_COORDINATION


@pytest.mark.parametrize(
    ("username", "case_page", "trajectory_page"),
    [
        ("hub.twente", 200, 200),  # the region's hub
        ("zorgcoordinator.twente", 200, 200),  # the hub's coordinator: the hub coordinates
        ("afm.hengelo", 200, 403),  # the focal officer sees the case, not the victim's care
        ("zorgcoordinator.vr17", 404, 404),  # a coordinator of another region
        ("politie.twente", 404, 403),  # a partner without a handover
        ("beheer", 404, 403),
    ],
)
def test_who_sees_the_case_and_the_trajectory(
    signed_in, trajectory, username, case_page, trajectory_page
):
    client = signed_in(username)
    assert _page(client, "casework:case_detail", trajectory.case_id) == case_page
    assert _page(client, "care:trajectory_detail", trajectory.pk) == trajectory_page


def test_a_coordinator_of_another_organisation_in_the_region_does_not_see_it(trajectory):
    care_org = Organisation.objects.get(region=trajectory.case.region, type=OrganisationType.CARE)
    elsewhere = CareCoordinatorFactory(organisation=care_org)
    assert not CareTrajectory.objects.visible_to(elsewhere).exists()
    assert not Case.objects.visible_to(elsewhere).filter(pk=trajectory.case_id).exists()


def test_a_coordinator_sees_the_persons_but_not_the_rest_of_the_case(signed_in, trajectory):
    page = signed_in("zorgcoordinator.twente").get(
        reverse("casework:case_detail", args=[trajectory.case_id])
    )
    assert page.context["disclosure"].shows_persons
    assert not page.context["disclosure"].shows_whole_case
    assert page.context["timeline"] == []
    assert b"Kowalska" in page.content


def test_reading_the_trajectory_is_logged_with_its_purpose_and_person(signed_in, trajectory):
    signed_in("zorgcoordinator.twente").get(reverse("care:trajectory_detail", args=[trajectory.pk]))
    entry = AccessLogEntry.objects.filter(
        object_type="care.caretrajectory", object_id=str(trajectory.pk), action="read"
    ).get()
    assert entry.purpose == Purpose.CARE_COORDINATION
    assert entry.person_ids == [trajectory.person_id]
    assert entry.role == Role.CARE_COORDINATOR


def test_the_trajectory_list_shows_only_visible_trajectories(signed_in, trajectory):
    mine = signed_in("zorgcoordinator.twente").get(reverse("care:trajectory_list"))
    assert [row.trajectory for row in mine.context["rows"]] == [trajectory]
    other = signed_in("zorgcoordinator.vr17").get(reverse("care:trajectory_list"))
    assert other.context["rows"] == []


def test_the_access_log_finds_the_trajectory_by_its_reference(trajectory):
    assert parse_reference(trajectory.reference) == ("care.caretrajectory", str(trajectory.pk))
