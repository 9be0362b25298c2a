"""The care pages: opening from the case page, the steps as forms, bad input shown on the
page in Dutch with nothing changed, outsiders refused, what waits first on the list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from zicht.care import reflection, support, trajectories
from zicht.care.models import CareTrajectory, GoalDomain
from zicht.care.templatetags.care_tags import case_care
from zicht.care.tests.conftest import care_state
from zicht.care.workflow import TrajectoryStatus

TODAY = timezone.localdate()


def dutch(message: str) -> str:
    with translation.override("nl"):
        text = translation.gettext(message)
    assert text != message, f"no Dutch for {message!r}"
    return text


def _detail(trajectory):
    return reverse("care:trajectory_detail", args=[trajectory.pk])


def test_the_hub_opens_a_trajectory_from_the_case_page(signed_in, case, victim, hub):
    client = signed_in("hub.twente")
    page = client.get(reverse("casework:case_detail", args=[case.pk]))
    [offer] = _care_offers(page)
    assert offer.person == victim
    assert offer.open_form is not None
    response = client.post(
        reverse("care:open_trajectory", args=[case.pk, victim.pk]),
        {f"care-{victim.pk}-coordinating_organisation": hub.organisation_id},
    )
    trajectory = CareTrajectory.objects.get(person=victim)
    assert response.status_code == 302
    assert response["Location"] == _detail(trajectory)
    page = client.get(reverse("casework:case_detail", args=[case.pk]))
    assert _detail(trajectory) in page.content.decode()


def _care_offers(page):
    return case_care(page.context["case"], page.context["persons"], page.context["membership"])


def test_the_case_page_offers_no_care_to_the_focal_officer(signed_in, case):
    page = signed_in("afm.hengelo").get(reverse("casework:case_detail", args=[case.pk]))
    assert 'data-testid="case-care"' not in page.content.decode()


def test_a_coordinator_opens_for_another_victim_of_a_case_they_see(
    signed_in, make_report, person, hub, coordinator
):
    report = make_report(persons=[person(first_name="Ola"), person(first_name="Iga")])
    ola, iga = report.persons.order_by("first_name").reverse()
    trajectories.open_trajectory(case_id=report.case_id, person_id=ola.pk, by=hub)
    response = signed_in("zorgcoordinator.twente").post(
        reverse("care:open_trajectory", args=[report.case_id, iga.pk])
    )
    made = CareTrajectory.objects.get(person=iga)
    assert response.status_code == 302
    assert made.coordinating_organisation == coordinator.organisation


def test_a_second_opening_is_refused_with_a_message(signed_in, trajectory):
    client = signed_in("hub.twente")
    field = f"care-{trajectory.person_id}-coordinating_organisation"
    response = client.post(
        reverse("care:open_trajectory", args=[trajectory.case_id, trajectory.person_id]),
        {field: trajectory.coordinating_organisation_id},
        follow=True,
    )
    assert dutch("This person already has a care trajectory.") in response.content.decode()
    assert CareTrajectory.objects.count() == 1


def test_an_end_before_the_start_is_shown_on_the_page_and_changes_nothing(signed_in, trajectory):
    before = care_state(trajectory)
    response = signed_in("zorgcoordinator.twente").post(
        reverse("care:start_reflection", args=[trajectory.pk]),
        {
            "reflection-starts_on": TODAY.isoformat(),
            "reflection-ends_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
            "reflection-residence_status": "reflection",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert dutch("The end of the reflection period cannot be before its start.") in text
    assert TODAY.isoformat() in text  # what was typed is kept
    after = care_state(trajectory)
    assert after.pop("access_log") == before.pop("access_log") + 1  # the page was read again
    assert after == before


def test_a_step_not_allowed_from_this_state_is_shown_and_changes_nothing(signed_in, trajectory):
    before = care_state(trajectory)
    response = signed_in("zorgcoordinator.twente").post(
        reverse("care:take_step", args=[trajectory.pk, "start_care"]), {"start_care-note": ""}
    )
    assert response.status_code == 400
    expected = dutch("“%(step)s” is not possible now: the trajectory is “%(status)s”.") % {
        "step": dutch("Start care"),
        "status": "Intake",
    }
    assert expected in response.content.decode()
    after = care_state(trajectory)
    after.pop("access_log"), before.pop("access_log")
    assert after == before


def test_the_coordinator_takes_the_steps_through_the_forms(signed_in, trajectory, coordinator):
    client = signed_in("zorgcoordinator.twente")
    client.post(reverse("care:take_step", args=[trajectory.pk, "start_plan"]), {})
    response = client.post(
        reverse("care:add_goal", args=[trajectory.pk]),
        {
            "goal-domain": "housing",
            "goal-description": "Veilige woonplek",
            "goal-owner": coordinator.organisation_id,
            "goal-due_on": (TODAY + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    client.post(reverse("care:take_step", args=[trajectory.pk, "start_care"]), {})
    trajectory.refresh_from_db()
    assert trajectory.status == TrajectoryStatus.IN_CARE
    response = client.post(
        reverse("care:take_step", args=[trajectory.pk, "close"]), {"close-outcome": ""}
    )
    assert response.status_code == 400
    assert dutch("Record the outcome of the trajectory to close it.") in response.content.decode()
    client.post(
        reverse("care:take_step", args=[trajectory.pk, "close"]), {"close-outcome": "regular_care"}
    )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.outcome) == ("closed", "regular_care")


def test_an_unknown_step_is_not_found(signed_in, trajectory):
    response = signed_in("hub.twente").post(
        reverse("care:take_step", args=[trajectory.pk, "vanish"]), {}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("username", "expected"), [("zorgcoordinator.vr17", 404), ("afm.hengelo", 403)]
)
def test_outsiders_change_nothing(signed_in, trajectory, username, expected):
    before = care_state(trajectory)
    response = signed_in(username).post(
        reverse("care:record_contact", args=[trajectory.pk]),
        {"contact-on": TODAY.isoformat(), "contact-kind": "phone", "contact-summary": "x"},
    )
    assert response.status_code == expected
    assert care_state(trajectory) == before


def test_the_list_puts_what_waits_first(signed_in, make_report, person, hub, coordinator):
    made = []
    for name in ("Ewa", "Zofia", "Maja"):
        report = make_report(persons=[person(first_name=name)])
        made.append(
            trajectories.open_trajectory(
                case_id=report.case_id, person_id=report.persons.get().pk, by=hub
            )
        )
    quiet, overdue, ending = made
    reflection.start_reflection_period(
        trajectory_id=ending.pk,
        by=coordinator,
        starts_on=TODAY - datetime.timedelta(days=85),
    )
    goal = support.add_goal(
        trajectory_id=overdue.pk,
        by=coordinator,
        domain=GoalDomain.INCOME,
        description="Uitkering",
        owner=coordinator.organisation,
        due_on=TODAY,
    )
    type(goal).objects.filter(pk=goal.pk).update(due_on=TODAY - datetime.timedelta(days=3))
    rows = signed_in("zorgcoordinator.twente").get(reverse("care:trajectory_list")).context["rows"]
    assert [row.trajectory for row in rows] == [ending, overdue, quiet]
    assert rows[0].reflection_ending
    assert rows[1].overdue_goals == 1
