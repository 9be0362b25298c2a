"""Registering persons in the regional register, verwijsindex-style.

When a report is written, every exact identifier of its persons is stored as a
keyed pseudonym. A pseudonym that another organisation of the region registered
before is a match: both organisations are told who their counterpart is
and whom to contact, never what the other holds.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy

from zicht.matching.pseudonyms import Pseudonym, pseudonymise, pseudonymise_all_versions
from zicht.notifications.delivery import Text, notify_users
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
    writes the report; notifications leave after commit. One query finds the other
    organisations' pseudonyms of all the identifiers, one insert stores the persons' own."""
    ring = keyring()
    wanted: list[tuple[Any, str, Pseudonym, set[str]]] = []
    for person in persons:
        for kind, value in identifiers(person):
            pseudonym = pseudonymise(kind, value, ring)
            if pseudonym is not None:
                versions = {p.digest for p in pseudonymise_all_versions(kind, value, ring)}
                wanted.append((person, kind, pseudonym, versions))
    if not wanted:
        return []
    by_kind: dict[str, set[str]] = {}
    for _person, kind, _pseudonym, digests in wanted:
        by_kind.setdefault(kind, set()).update(digests)
    others = list(
        PersonPseudonym.objects.filter(
            # per kind, so that the (region, kind, digest) index serves each part
            functools.reduce(
                operator.or_, (Q(kind=kind, digest__in=d) for kind, d in by_kind.items())
            ),
            region_id=region_id,
        )
        .exclude(organisation=organisation)
        .select_related("organisation")
        .order_by("pk")
    )
    matches: list[PseudonymMatch] = []
    for person, kind, _pseudonym, digests in wanted:
        for other in others:
            if other.kind != kind or other.digest not in digests:
                continue
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
    PersonPseudonym.objects.bulk_create(
        [
            PersonPseudonym(
                person=person,
                kind=kind,
                key_version=pseudonym.version,
                digest=pseudonym.digest,
                region_id=region_id,
                organisation=organisation,
            )
            for person, kind, pseudonym, _digests in wanted
        ],
        ignore_conflicts=True,  # registered before: the person's pseudonym stays as it was
    )
    contacts: dict[int, list[Any]] = {}
    for match in matches:
        _announce(match, contacts)
    return matches


def _announce(match: PseudonymMatch, contacts: dict[int, list[Any]]) -> None:
    """Tell the contacts of both organisations whom to turn to (`contacts`: the contacts
    of each organisation by id, looked up once per registration)."""
    for mine, theirs in (
        (match.organisation, match.other_organisation),
        (match.other_organisation, match.organisation),
    ):
        if mine.pk not in contacts:
            contacts[mine.pk] = staff_in_role(mine, contact_role(mine))
        notify_users(
            contacts[mine.pk],
            subject=Text(
                gettext_lazy("zicht: a person you registered is also known at %(organisation)s"),
                {"organisation": theirs.name},
            ),
            body=Text(
                gettext_lazy(
                    "A person in one of your organisation's registrations is also registered at "
                    "%(organisation)s (match on %(kind)s). Contact their %(role)s to coordinate."
                ),
                {
                    "organisation": theirs.name,
                    "kind": IdentifierKind(match.kind).label,
                    "role": contact_role(theirs).label,
                },
            ),
        )
