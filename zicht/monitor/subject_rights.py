"""What the monitor does for the privacy app's work on persons (registered in
MonitorConfig.ready; the privacy app sits below the monitor and imports none of it):

- an anonymised person keeps their age on the day of the report, not their birth date, and a
  rectified one gets their right birth date; their victim record (derived data) follows, so no
  copy of the old birth date stays behind and the figures count what the registrations say;
- the answer to an access request says on which basis the person may be passed on to CoMensha.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zicht.intake.models import InvolvedPerson
from zicht.monitor.models import DisclosureBasis, VictimRecord
from zicht.privacy.dossier import Section


def follow_birth_dates(person_ids: list[int]) -> None:
    births = InvolvedPerson.objects.filter(pk__in=person_ids).values_list("pk", "birth_date")
    for pk, birth in births:
        VictimRecord.objects.filter(person_id=pk).update(
            birth_day=int(birth.strftime("%Y%m%d")) if birth else None
        )


def disclosure_basis_sections(person: InvolvedPerson) -> list[Section]:
    basis = DisclosureBasis.objects.filter(person=person).first()
    if basis is None:
        return []
    return [
        Section(
            _("Basis for passing the person on to CoMensha"),
            [
                _("%(basis)s, recorded on %(day)s")
                % {"basis": basis.get_basis_display(), "day": f"{basis.recorded_at:%d-%m-%Y}"}
            ],
        )
    ]
