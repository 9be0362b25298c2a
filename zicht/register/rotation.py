"""Key rotation: re-signing the register under the newest key of the key ring."""

from __future__ import annotations

from django.db import transaction

from zicht.matching.pseudonyms import pseudonymise
from zicht.register.digests import identifiers
from zicht.register.keys import keyring
from zicht.register.models import PersonPseudonym


@transaction.atomic
def rotate_pseudonyms(*, batch_size: int = 1000) -> int:
    """Re-sign every stored pseudonym under the newest key (from the clear identifiers,
    which stay with the reports). Returns how many rows were added."""
    ring = keyring()
    current = ring.current_version
    added = 0
    stale = (
        PersonPseudonym.objects.exclude(key_version=current)
        .select_related("person")
        .order_by("person_id", "pk")
    )
    done: set[int] = set()
    for existing in stale.iterator(chunk_size=batch_size):
        if existing.person_id in done:
            continue
        done.add(existing.person_id)
        for kind, value in identifiers(existing.person):
            pseudonym = pseudonymise(kind, value, ring, version=current)
            if pseudonym is None:
                continue
            _, created = PersonPseudonym.objects.get_or_create(
                person_id=existing.person_id,
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
