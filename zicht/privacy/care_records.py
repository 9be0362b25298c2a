"""Care records under retention and the rights of persons: a presumed victim's care trajectory
with its history, support-plan goals, providers involved, contact moments and reflection period
(``zicht.care``, read here and changed only through queryset updates of free text: this module
adds no rule to care's own models).

- **Retention.** A closed trajectory is anonymised when its period has passed: the Jeugdwet's
  twenty years for a victim who was a minor when the trajectory opened, the adult (Wmo 2015)
  period otherwise (``rules.DEFAULT_RULES``). Anonymising keeps every row the figures count
  (status, outcome, domains, dates, kinds, legal bases) and removes the free text (goals,
  summaries, purposes, notes, reasons). A case's persons are not anonymised while a trajectory
  of the case is kept (``retention``), so the care coordinator keeps knowing whom the care is for.
- **Access** (AVG art. 15): the access request's PDF lists the trajectory, the goals, the
  providers the victim's data was disclosed to with purpose and legal basis, the contacts and
  the reflection period (:func:`care_sections`).
- **Erasure** (AVG art. 17): a victim whose care is still going on is refused (the care is a
  task in the public interest under the Wmo 2015 / Jeugdwet, art. 17(3)(b)); otherwise the
  trajectory's free text goes with the person's identifiers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.care.models import (
    CareTrajectory,
    ContactMoment,
    Placement,
    ProviderInvolvement,
    ReflectionExtension,
    SupportGoal,
    TrajectoryStep,
)
from zicht.care.workflow import TrajectoryStatus
from zicht.intake.models import InvolvedPerson
from zicht.organisations.models import Membership
from zicht.privacy.models import AnonymisedTrajectory, LegalHold, RecordType

ADULT_AGE = 18


def _day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def was_minor(trajectory: CareTrajectory) -> bool:
    """Was the victim under 18 when the trajectory opened? (Unknown birth date: no.)"""
    born = trajectory.person.birth_date
    if born is None:
        return False
    on = timezone.localtime(trajectory.opened_at).date()
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return age < ADULT_AGE


def kept_trajectories() -> QuerySet[CareTrajectory]:
    """Trajectories whose care records are still kept: open, or closed and not anonymised since."""
    anonymised = AnonymisedTrajectory.objects.filter(
        trajectory=OuterRef("pk"), at__gte=OuterRef("closed_at")
    )
    return CareTrajectory.objects.filter(
        Q(status__in=[s for s in TrajectoryStatus.values if s != TrajectoryStatus.CLOSED])
        | ~Exists(anonymised)
    )


def expired_trajectories(cutoff: datetime.datetime, *, minors: bool) -> QuerySet[CareTrajectory]:
    """Closed trajectories closed before ``cutoff``, not anonymised since, not of a case under a
    legal hold; of victims who were minors at the start (``minors``) or not."""
    anonymised = AnonymisedTrajectory.objects.filter(
        trajectory=OuterRef("pk"), at__gte=OuterRef("closed_at")
    )
    candidates = (
        CareTrajectory.objects.filter(status=TrajectoryStatus.CLOSED, closed_at__lt=cutoff)
        .exclude(Exists(anonymised))
        .exclude(case_id__in=LegalHold.objects.active().values("case_id"))
        .select_related("person")
    )
    ids = [t.pk for t in candidates if was_minor(t) == minors]
    return CareTrajectory.objects.filter(pk__in=ids).order_by("pk")


@transaction.atomic
def anonymise_trajectory(
    trajectory: CareTrajectory,
    *,
    record_type: str = "",
    purpose: Purpose = Purpose.RETENTION,
    membership: Membership | None = None,
) -> None:
    """Remove the free text of a trajectory's care records; the rows stay. Steps are append-only
    for their facts, not for personal data in a note: a queryset update, as for case steps."""
    TrajectoryStep.objects.filter(trajectory=trajectory).update(note="")
    SupportGoal.objects.filter(trajectory=trajectory).update(description="")
    ProviderInvolvement.objects.filter(trajectory=trajectory).update(purpose="")
    ContactMoment.objects.filter(trajectory=trajectory).update(summary="")
    ReflectionExtension.objects.filter(period__trajectory=trajectory).update(reason="")
    AnonymisedTrajectory.objects.update_or_create(
        trajectory=trajectory, defaults={"record_type": record_type, "at": timezone.now()}
    )
    record_change(
        membership=membership,
        action=AccessAction.ANONYMISE,
        obj=trajectory,
        person_ids=[trajectory.person_id],
        purpose=purpose,
        detail={"retention": record_type} if record_type else {},
    )


def anonymiser(record_type: RecordType) -> Callable[[QuerySet], int]:
    """A keeper's ``remove``: each trajectory in a transaction of its own."""

    def remove(trajectories: QuerySet) -> int:
        count = 0
        for trajectory in trajectories:
            anonymise_trajectory(trajectory, record_type=record_type)
            count += 1
        return count

    return remove


def care_is_ongoing(person: InvolvedPerson) -> bool:
    return CareTrajectory.objects.filter(person=person).open().exists()


def erase_care(persons: list[int], *, by: Membership) -> int:
    """The care records of erased persons (closed trajectories only: an open one refuses the
    erasure). Returns how many trajectories were anonymised."""
    trajectories = CareTrajectory.objects.filter(
        person_id__in=persons, status=TrajectoryStatus.CLOSED
    )
    for trajectory in trajectories:
        anonymise_trajectory(trajectory, purpose=Purpose.ERASURE, membership=by)
    return len(trajectories)


def care_sections(person: InvolvedPerson) -> list[tuple[str, list[str]]]:
    """What the care records hold on the person, for the access request's answer: (title,
    lines) per part (``dossier`` makes them sections): the care trajectory, then the shelter
    placements (a person may be placed before any trajectory is opened)."""
    sections = _trajectory_sections(person)
    placements = [_placement_line(placement) for placement in _placements_of(person)]
    if placements:
        sections.append((_("Shelter placements"), placements))
    return sections


def _placements_of(person: InvolvedPerson) -> QuerySet[Placement]:
    return Placement.objects.filter(person=person).select_related("unit__provider")


def _placement_line(placement: Placement) -> str:
    """A placement as the person may read it; the provider of a place with a secret address
    is not named, so that an answer that falls into other hands does not tell where."""
    unit = placement.unit
    where = _("a place with a secret address") if unit.secret_address else unit.provider.name
    return _("%(reference)s: %(type)s, %(where)s; requested on %(day)s; %(status)s") % {
        "reference": placement.reference,
        "type": unit.get_shelter_type_display(),
        "where": where,
        "day": _day(placement.requested_at),
        "status": placement.get_status_display(),
    }


def _trajectory_sections(person: InvolvedPerson) -> list[tuple[str, list[str]]]:
    trajectory = (
        CareTrajectory.objects.filter(person=person)
        .select_related("coordinating_organisation")
        .first()
    )
    if trajectory is None:
        return []
    lines = [
        _("Trajectory %(reference)s, coordinated by %(organisation)s: %(status)s")
        % {
            "reference": trajectory.reference,
            "organisation": trajectory.coordinating_organisation.name,
            "status": trajectory.get_status_display(),
        },
        _("Opened on %(day)s") % {"day": _day(trajectory.opened_at)},
    ]
    if trajectory.closed_at:
        lines.append(
            _("Closed on %(day)s: %(outcome)s")
            % {"day": _day(trajectory.closed_at), "outcome": trajectory.get_outcome_display()}
        )
    sections: list[tuple[str, list[str]]] = [(_("Care trajectory"), lines)]
    goals = [
        _("%(domain)s: %(goal)s (%(status)s, by %(owner)s, due %(day)s)")
        % {
            "domain": goal.get_domain_display(),
            "goal": goal.description or "—",
            "status": goal.get_status_display(),
            "owner": goal.owner.name,
            "day": _day(goal.due_on),
        }
        for goal in trajectory.goals.select_related("owner")
    ]
    if goals:
        sections.append((_("Support plan"), goals))
    providers = []
    for involvement in trajectory.providers.select_related("provider"):
        line = _("%(provider)s: %(purpose)s; legal basis: %(basis)s") % {
            "provider": involvement.provider.name,
            "purpose": involvement.purpose or "—",
            "basis": involvement.get_legal_basis_display(),
        }
        if involvement.consent_on:
            line += "; " + _("consent given on %(day)s by %(who)s") % {
                "day": _day(involvement.consent_on),
                "who": involvement.get_consent_by_display(),
            }
        providers.append(line)
    if providers:
        sections.append((_("Providers your data was disclosed to"), providers))
    contacts = [
        _("%(day)s, %(kind)s: %(summary)s")
        % {
            "day": _day(contact.on),
            "kind": contact.get_kind_display(),
            "summary": contact.summary or "—",
        }
        for contact in trajectory.contacts.all()
    ]
    if contacts:
        sections.append((_("Contact moments"), contacts))
    period = getattr(trajectory, "reflection_period", None)
    if period is not None:
        reflection = [
            _("%(start)s to %(end)s; report to the police: %(report)s; residence: %(status)s")
            % {
                "start": _day(period.starts_on),
                "end": _day(period.ends_on),
                "report": period.get_police_report_display(),
                "status": period.get_residence_status_display(),
            }
        ]
        reflection += [
            _("Extended to %(day)s: %(reason)s")
            % {"day": _day(extension.new_end), "reason": extension.reason or "—"}
            for extension in period.extensions.all()
        ]
        sections.append((_("Reflection period (B8/3)"), reflection))
    return sections
