"""Who else in the region holds these identifiers, and whom to contact there.

The register answers with organisations, never with what they hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zicht.organisations.models import Organisation, OrganisationType, Role
from zicht.register.digests import digests
from zicht.register.models import IdentifierKind, PersonPseudonym

# The role to contact at each kind of organisation about a match.
CONTACT_ROLE: dict[str, Role] = {
    OrganisationType.MUNICIPALITY: Role.FOCAL_OFFICER,
    OrganisationType.REGIONAL_HUB: Role.HUB_CASE_MANAGER,
}


def contact_role(organisation: Organisation) -> Role:
    return CONTACT_ROLE.get(organisation.type, Role.PARTNER_MEMBER)


@dataclass(frozen=True)
class Counterpart:
    """An organisation of the region that holds this person too: on an exact identifier
    (`kind`, from the pseudonyms) or, scored by the linkage model, as a likely match
    (`probability`, no `kind`). Whom to contact there comes with it; what it holds never does."""

    organisation: Organisation
    kind: str = ""
    probability: float | None = None
    #: a likely match that rests on the name alone: no date of birth, phone, address, e-mail
    #: or identity number to compare, or none that agrees (a namesake is as likely)
    on_name_only: bool = False

    @property
    def contact(self) -> str:
        return str(contact_role(self.organisation).label)

    @property
    def kind_label(self) -> str:
        return str(IdentifierKind(self.kind).label) if self.kind else ""


def known_at(values: Any, *, region_id: int, exclude_organisation_id: int | None) -> dict[int, str]:
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
    values: Any, *, region_id: int, exclude_organisation_id: int | None
) -> list[Counterpart]:
    """Other organisations of the region that registered one of these identifiers."""
    hits = known_at(values, region_id=region_id, exclude_organisation_id=exclude_organisation_id)
    organisations = Organisation.objects.in_bulk(list(hits))
    return [Counterpart(organisations[pk], kind) for pk, kind in sorted(hits.items())]
