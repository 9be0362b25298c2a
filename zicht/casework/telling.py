"""Telling people about a case without sending them where they may not go.

A notification's link leads to the case page, which applies the one visibility
rule (``Case.objects.visible_to``). Someone told about a case they may not open
used to follow the link to a "page not found" (a safety officer whose municipality
was handed an action, the police told of acute danger).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse

from zicht.casework.models import Case
from zicht.notifications.delivery import Words, notify_users
from zicht.notifications.models import Notification
from zicht.organisations.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import _User


def readers_of(case: Case, users: Iterable[_User]) -> list[_User]:
    """The users with an active membership that may open the case."""
    users = list(users)
    memberships = Membership.objects.active().filter(user__in=users).select_related("organisation")
    readers = {
        membership.user_id
        for membership in memberships
        if Case.objects.visible_to(membership).filter(pk=case.pk).exists()
    }
    return [user for user in users if user.pk in readers]


def notify_about_case(
    case: Case, users: Iterable[_User], *, subject: Words, body: Words, urgent: bool = False
) -> list[Notification]:
    """Tell everyone; link the case only for those who may open it."""
    users = list(users)
    readers = readers_of(case, users)
    others = [user for user in users if user not in readers]
    link = reverse("casework:case_detail", args=[case.pk])
    return notify_users(readers, subject=subject, body=body, link=link, urgent=urgent) + (
        notify_users(others, subject=subject, body=body, urgent=urgent)
    )
