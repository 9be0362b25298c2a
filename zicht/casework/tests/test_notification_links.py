"""Nobody is sent a link to a case they may not open (the safety officer of Hengelo
was sent to a "page not found" for an acute case handed to the municipality)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from zicht.casework import actions
from zicht.casework.models import ActionKind
from zicht.casework.opening import Route, open_case
from zicht.notifications.models import Notification


def _links(username: str) -> set[str]:
    return set(
        Notification.objects.filter(recipient__username=username).values_list("link", flat=True)
    )


def test_an_action_for_the_municipality_is_told_to_who_may_open_the_case(member, hengelo):
    case = open_case(
        municipality=hengelo, by=member("wijkcoach.hengelo"), is_acute=True, route=Route.HUB
    )
    Notification.objects.all().delete()
    actions.add_action(
        case_id=case.pk,
        by=member("hub.twente"),
        kind=ActionKind.SHELTER,
        owner=member("oov.hengelo").organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert _links("afm.hengelo") == {reverse("casework:case_detail", args=[case.pk])}
    assert _links("oov.hengelo") == set()
    assert _links("wijkcoach.hengelo") == set()


def test_the_police_are_told_of_acute_danger_without_a_link_they_cannot_follow(member, hengelo):
    case = open_case(
        municipality=hengelo, by=member("wijkcoach.hengelo"), is_acute=True, route=Route.HUB
    )
    assert _links("hub.twente") == {reverse("casework:case_detail", args=[case.pk])}
    assert _links("politie.twente") == {""}


def test_the_safety_officer_inbox_shows_no_action_of_a_case_it_may_not_open(
    member, hengelo, signed_in
):
    case = open_case(
        municipality=hengelo, by=member("wijkcoach.hengelo"), is_acute=True, route=Route.HUB
    )
    actions.add_action(
        case_id=case.pk,
        by=member("hub.twente"),
        kind=ActionKind.SHELTER,
        owner=member("oov.hengelo").organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    inbox = signed_in("oov.hengelo").get(reverse("casework:inbox")).content.decode()
    assert reverse("casework:case_detail", args=[case.pk]) not in inbox
