"""How the access log names the privacy app's records: requests by their reference, linked
for the privacy officers of their region."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext as _

from zicht.audit.records import RecordName
from zicht.organisations.models import Membership, Role
from zicht.privacy.models import SubjectRequest


def request_namer(ids: Collection[str], membership: Membership) -> dict[str, RecordName]:
    pks = [int(pk) for pk in ids if pk.isdigit()]
    names = {}
    for request in SubjectRequest.objects.filter(pk__in=pks):
        readable = (
            membership.role == Role.PRIVACY_OFFICER
            and membership.organisation.region_id == request.region_id
        )
        names[str(request.pk)] = RecordName(
            _("Request %(reference)s") % {"reference": request.reference},
            reverse("privacy:request_detail", args=[request.pk]) if readable else "",
        )
    return names
