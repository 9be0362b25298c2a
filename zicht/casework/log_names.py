"""How the access log names cases: by reference, linked when the reader may open the case."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext

from zicht.audit.records import RecordName
from zicht.casework.models import Case
from zicht.organisations.models import Membership


def name_cases(ids: Collection[str], membership: Membership) -> dict[str, RecordName]:
    pks = [int(pk) for pk in ids if pk.isdigit()]
    visible = set(
        Case.objects.visible_to(membership).filter(pk__in=pks).values_list("pk", flat=True)
    )
    names = {}
    for case in Case.objects.filter(pk__in=pks).only("pk", "opened_at"):
        text = gettext("Case %(reference)s") % {"reference": case.reference}
        url = reverse("casework:case_detail", args=[case.pk]) if case.pk in visible else ""
        names[str(case.pk)] = RecordName(text, url)
    return names
