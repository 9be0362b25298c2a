"""Regions, organisations of each kind and memberships for tests.

Municipalities are reference data loaded by a migration: take them with
`municipality(HENGELO)` rather than inventing CBS codes."""

from __future__ import annotations

import factory

from zicht.accounts.tests.factories import UserFactory
from zicht.organisations.models import (
    Membership,
    Municipality,
    Organisation,
    OrganisationType,
    Region,
    Role,
)

HENGELO = "GM0164"  # region Twente (VR05)
ENSCHEDE = "GM0153"  # region Twente (VR05)
VLISSINGEN = "GM0718"  # region Zeeland (VR19)


def municipality(cbs_code: str = HENGELO) -> Municipality:
    return Municipality.objects.select_related("region").get(cbs_code=cbs_code)


class RegionFactory(factory.django.DjangoModelFactory):
    """A region of its own, without municipalities (real regions are VR01..VR25)."""

    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"TR{n:04d}")
    name = factory.Sequence(lambda n: f"Testregio {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation of any type: `OrganisationFactory(type=OrganisationType.RIEC)`."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.OTHER
    region = factory.SubFactory(RegionFactory)


class HubFactory(OrganisationFactory):
    """The regional hub (knowledge centre / care coordination) of a region."""

    name = factory.Sequence(lambda n: f"Zorgcoördinatie {n}")
    type = OrganisationType.REGIONAL_HUB


class MunicipalOrganisationFactory(OrganisationFactory):
    """A municipality's own organisation; there is one per municipality, so an
    existing one (e.g. from the demo set-up) is returned rather than duplicated."""

    class Meta:
        django_get_or_create = ("municipality",)

    municipality = factory.LazyFunction(municipality)
    name = factory.LazyAttribute(lambda organisation: f"Gemeente {organisation.municipality.name}")
    type = OrganisationType.MUNICIPALITY
    region = factory.LazyAttribute(lambda organisation: organisation.municipality.region)


class PartnerFactory(OrganisationFactory):
    """A partner on the route; Veilig Thuis unless another `type` is given."""

    name = factory.Sequence(lambda n: f"Partner {n}")
    type = OrganisationType.VEILIG_THUIS


class PoliceFactory(PartnerFactory):
    """The police: its partner members are told of acute danger."""

    name = factory.Sequence(lambda n: f"Politie {n}")
    type = OrganisationType.POLICE


class MembershipFactory(factory.django.DjangoModelFactory):
    """A user acting for an organisation in a role; a new user unless one is given."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.REPORTER


class ReporterFactory(MembershipFactory):
    """A professional reporter of a municipality (Hengelo unless told otherwise)."""

    organisation = factory.SubFactory(MunicipalOrganisationFactory)
    role = Role.REPORTER


class FocalOfficerFactory(MembershipFactory):
    """The focal officer (aandachtsfunctionaris) of a municipality (Hengelo by default)."""

    organisation = factory.SubFactory(MunicipalOrganisationFactory)
    role = Role.FOCAL_OFFICER


class SafetyOfficerFactory(MembershipFactory):
    """The safety officer (OOV) of a municipality (Hengelo by default)."""

    organisation = factory.SubFactory(MunicipalOrganisationFactory)
    role = Role.SAFETY_OFFICER


class HubCaseManagerFactory(MembershipFactory):
    """A case manager of a regional hub; pass `organisation__region` to place the hub."""

    organisation = factory.SubFactory(HubFactory)
    role = Role.HUB_CASE_MANAGER


class PartnerMemberFactory(MembershipFactory):
    """A member of a partner organisation (Veilig Thuis by default)."""

    organisation = factory.SubFactory(PartnerFactory)
    role = Role.PARTNER_MEMBER


class CareCoordinatorFactory(MembershipFactory):
    """A care coordinator (zorgcoördinator) of a regional hub; pass `organisation` to place
    them at a care organisation instead."""

    organisation = factory.SubFactory(HubFactory)
    role = Role.CARE_COORDINATOR
