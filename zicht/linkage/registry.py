"""The regional register of pseudonyms, verwijsindex-style.

When a report is written, every exact identifier of its persons is stored as a
keyed pseudonym. A pseudonym that another organisation of the region registered
before is a *known match*: both organisations are told who their counterpart is
and whom to contact, never what the other holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from zicht.linkage.keys import keyring
from zicht.linkage.models import IdentifierKind, KnownMatch, PersonPseudonym
from zicht.matching.pseudonyms import pseudonymise, pseudonymise_all_versions
from zicht.organisations.models import Organisation, OrganisationType, Role

# The role to contact at each kind of organisation about a match.
CONTACT_ROLE: dict[str, Role] = {
    OrganisationType.MUNICIPALITY: Role.FOCAL_OFFICER,
    OrganisationType.REGIONAL_HUB: Role.HUB_CASE_MANAGER,
}


def contact_role(organisation: Organisation) -> Role:
    return CONTACT_ROLE.get(organisation.type, Role.PARTNER_MEMBER)


def identifiers(values) -> Iterator[tuple[str, object]]:
    """(kind, raw value) pairs of a person given as an object or a dict of form fields."""

    def get(name: str):
        return values.get(name) if isinstance(values, dict) else getattr(values, name, None)

    first, last, birth = get("first_name"), get("last_name"), get("birth_date")
    if first and last and birth:
        yield IdentifierKind.NAME_BIRTH_DATE, (first, last, birth)
    if get("phone"):
        yield IdentifierKind.PHONE, get("phone")
    if get("postcode") and get("house_number"):
        yield IdentifierKind.ADDRESS, (get("postcode"), get("house_number"))


def digests(values) -> list[tuple[str, int, str]]:
    """(kind, key version, digest) under every configured key, for look-ups during rotation."""
    found = []
    for kind, value in identifiers(values):
        for pseudonym in pseudonymise_all_versions(kind, value, keyring()):
            found.append((kind, pseudonym.version, pseudonym.digest))
    return found


@dataclass(frozen=True)
class Counterpart:
    organisation: Organisation
    kind: str

    @property
    def contact(self) -> str:
        return str(contact_role(self.organisation).label)

    @property
    def kind_label(self) -> str:
        return str(IdentifierKind(self.kind).label)


def known_at(values, *, region_id: int, exclude_organisation_id: int | None) -> dict[int, str]:
    """Organisation id → the kind of identifier it registered, for the other organisations of
    the region that hold one of these identifiers (one query; name + date of birth before
    phone before address when an organisation holds several)."""
    found = digests(values)
    if not found:
        return {}
    rank = {(kind, version, digest): i for i, (kind, version, digest) in enumerate(found)}
    rows = PersonPseudonym.objects.filter(
        region_id=region_id,
        kind__in={kind for kind, _, _ in found},
        digest__in={digest for _, _, digest in found},
    )
    if exclude_organisation_id is not None:
        rows = rows.exclude(organisation_id=exclude_organisation_id)
    best: dict[int, int] = {}
    for organisation_id, kind, version, digest in rows.values_list(
        "organisation_id", "kind", "key_version", "digest"
    ).distinct():
        position = rank.get((kind, version, digest))
        if position is not None and position < best.get(organisation_id, len(found)):
            best[organisation_id] = position
    return {organisation_id: found[position][0] for organisation_id, position in best.items()}


def counterparts(
    values, *, region_id: int, exclude_organisation_id: int | None
) -> list[Counterpart]:
    """Other organisations of the region that registered one of these identifiers."""
    hits = known_at(values, region_id=region_id, exclude_organisation_id=exclude_organisation_id)
    organisations = Organisation.objects.in_bulk(list(hits))
    return [Counterpart(organisations[pk], kind) for pk, kind in sorted(hits.items())]


def register_persons(
    persons: Iterable, *, organisation: Organisation, region_id: int
) -> list[KnownMatch]:
    """Store the persons' pseudonyms and record (and announce) matches with other organisations.

    Runs inside the transaction that writes the report; notifications leave after commit."""
    from zicht.notifications.delivery import notify_users
    from zicht.organisations.recipients import staff_in_role

    ring = keyring()
    matches: list[KnownMatch] = []
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
                match, created = KnownMatch.objects.get_or_create(
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
    return matches


@transaction.atomic
def rotate_pseudonyms(*, batch_size: int = 1000) -> int:
    """Re-sign every stored pseudonym under the newest key (from the clear identifiers,
    which stay with the reports). Returns how many rows were added."""
    from zicht.intake.models import InvolvedPerson

    ring = keyring()
    current = ring.current_version
    added = 0
    stale = PersonPseudonym.objects.exclude(key_version=current).values_list("person_id", flat=True)
    for person in InvolvedPerson.objects.filter(pk__in=stale).iterator(chunk_size=batch_size):
        existing = PersonPseudonym.objects.filter(person=person).first()
        if existing is None:
            continue
        for kind, value in identifiers(person):
            pseudonym = pseudonymise(kind, value, ring, version=current)
            if pseudonym is None:
                continue
            _, created = PersonPseudonym.objects.get_or_create(
                person=person,
                kind=kind,
                key_version=current,
                digest=pseudonym.digest,
                defaults={
                    "region_id": existing.region_id,
                    "organisation_id": existing.organisation_id,
                },
            )
            added += created
    PersonPseudonym.objects.exclude(key_version=current).delete()
    return added
