"""“Is this case already known?”: exact matches on name + date of birth, phone or
address among the cases of the hub's region (the linkage module refines this)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.organisations.models import Membership

MATCH_LABELS = {
    "name_birth_date": _("name and date of birth"),
    "phone": _("phone number"),
    "address": _("address"),
}


@dataclass(frozen=True)
class KnownMatch:
    case: Case
    matched_on: tuple[str, ...]

    @property
    def labels(self) -> list[str]:
        return [str(MATCH_LABELS[key]) for key in self.matched_on]


def known_matches(case: Case, *, by: Membership) -> list[KnownMatch]:
    persons = list(InvolvedPerson.objects.filter(report__case=case))
    found: dict[int, set[str]] = {}
    candidates = InvolvedPerson.objects.filter(
        report__case__in=Case.objects.visible_to(by).filter(region=case.region)
    ).exclude(report__case=case)
    for person in persons:
        rules = []
        if person.name_key and person.birth_date:
            rules.append(
                ("name_birth_date", Q(name_key=person.name_key, birth_date=person.birth_date))
            )
        if person.phone_key:
            rules.append(("phone", Q(phone_key=person.phone_key)))
        if person.address_key:
            rules.append(("address", Q(address_key=person.address_key)))
        for key, rule in rules:
            for case_id in candidates.filter(rule).values_list("report__case_id", flat=True):
                found.setdefault(case_id, set()).add(key)
    record_change(
        membership=by,
        action=AccessAction.LOOKUP,
        obj=case,
        person_ids=[person.pk for person in persons],
        purpose="already known check",
        detail={"matches": sorted(found)},
    )
    cases = Case.objects.in_bulk(list(found))
    order = list(MATCH_LABELS)
    return [
        KnownMatch(case=cases[case_id], matched_on=tuple(sorted(keys, key=order.index)))
        for case_id, keys in sorted(found.items())
    ]
