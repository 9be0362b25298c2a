"""Registering persons in the regional register, verwijsindex-style.

When a report is written, every exact identifier of its persons is stored as a
keyed pseudonym. A pseudonym that another organisation of the region registered
before is a match: both organisations are told who their counterpart is
and whom to contact, never what the other holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from zicht.matching.pseudonyms import pseudonymise, pseudonymise_all_versions
from zicht.notifications.delivery import notify_users
from zicht.organisations.models import Organisation
from zicht.organisations.recipients import staff_in_role
from zicht.register.counterparts import contact_role
from zicht.register.digests import identifiers
from zicht.register.keys import keyring
from zicht.register.models import IdentifierKind, PersonPseudonym, PseudonymMatch


def register_persons(
    persons: Iterable[Any], *, organisation: Organisation, region_id: int
) -> list[PseudonymMatch]:
    """Store the persons' pseudonyms and record (and announce) matches with other organisations.

    `persons` are saved involved persons (the report's). Runs inside the transaction that
    writes the report; notifications leave after commit."""
    ring = keyring()
    matches: list[PseudonymMatch] = []
    for person in persons:
        for kind, value in identifiers(person):
            pseudonym = pseudonymise(kind, value, ring)
            if pseudonym is None:
                continue
            others = (
                PersonPseudonym.objects.filter(
                    region_id=region_id,
                    kind=kind,
                    digest__in=[p.digest for p in pseudonymise_all_versions(kind, value, ring)],
                )
                .exclude(organisation=organisation)
                .select_related("organisation")
            )
            for other in others:
                match, created = PseudonymMatch.objects.get_or_create(
                    person=person,
                    other_person_id=other.person_id,
                    defaults={
                        "organisation": organisation,
                        "other_organisation": other.organisation,
                        "kind": kind,
                    },
                )
                if created:
                    matches.append(match)
            PersonPseudonym.objects.get_or_create(
                person=person,
                kind=kind,
                key_version=pseudonym.version,
                digest=pseudonym.digest,
                defaults={"region_id": region_id, "organisation": organisation},
            )
    for match in matches:
        _announce(match)
    return matches


def _announce(match: PseudonymMatch) -> None:
    """Tell the contacts of both organisations whom to turn to."""
    for mine, theirs in (
        (match.organisation, match.other_organisation),
        (match.other_organisation, match.organisation),
    ):
        notify_users(
            staff_in_role(mine, contact_role(mine)),
            subject=_("zicht: a person you registered is also known at %(organisation)s")
            % {"organisation": theirs.name},
            body=_(
                "A person in one of your organisation's registrations is also registered at "
                "%(organisation)s (match on %(kind)s). Contact their %(role)s to coordinate."
            )
            % {
                "organisation": theirs.name,
                "kind": IdentifierKind(match.kind).label,
                "role": contact_role(theirs).label,
            },
        )
