"""The demo's five regions with their hub, partners and municipal organisations, one demo
user per role (in Twente), and the staff who act in the generated history.

Figures follow DOMAIN.md (seed documents): Twente about 110 reports a year;
Haaglanden about 145 presumed victims a year; Zaanstreek-Waterland 8 to 23 signals
a year; Zeeland about 30; Rotterdam-Rijnmond the largest region.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.organisations.models import (
    Membership,
    Municipality,
    Organisation,
    OrganisationType,
    Region,
    Role,
)

DEMO_PASSWORD = "zicht-demo-2026"  # noqa: S105 - printed for the local demo only
# Every demo user has a TOTP key of its own, derived from its user name, so that the keys stay
# the same from one demo to the next (an authenticator app keeps working) and a code shown for
# one user is never another user's code.
DEMO_TOTP_SEED = b"zicht-demo-2026"


def demo_totp_key(username: str, seed: bytes = DEMO_TOTP_SEED) -> str:
    """A demo user's TOTP key in hex (20 bytes): HMAC-SHA1 of the user name under the seed."""
    return hmac.new(seed, username.encode(), hashlib.sha1).hexdigest()


def demo_code(username: str) -> str:
    """The demo user's current six-digit code."""
    return f"{totp(bytes.fromhex(demo_totp_key(username))):06d}"


@dataclass(frozen=True)
class RegionPlan:
    code: str
    slug: str  # the user names of the region's staff end in it
    hub_name: str
    reports_per_year: int
    partners: tuple[tuple[str, str], ...]


PARTNERS = (
    (OrganisationType.POLICE, "Politie {unit} (AVIM)"),
    (OrganisationType.VEILIG_THUIS, "Veilig Thuis {region}"),
    (OrganisationType.RIEC, "RIEC {unit}"),
    (OrganisationType.LABOUR_INSPECTORATE, "Nederlandse Arbeidsinspectie"),
    (OrganisationType.SHELTER, "Opvang {region}"),
    (OrganisationType.CARE, "Wijkteam en zorg {region}"),
)

REGIONS = (
    RegionPlan("VR05", "twente", "Kenniscentrum Mensenhandel Twente", 110, PARTNERS),
    RegionPlan("VR19", "vr19", "Zorgcoördinatie Mensenhandel Zeeland", 30, PARTNERS),
    RegionPlan("VR11", "vr11", "HVO-Querido Zorgcoördinatie Zaanstreek-Waterland", 16, PARTNERS),
    RegionPlan("VR15", "vr15", "SHOP Zorgcoördinatie Haaglanden", 145, PARTNERS),
    RegionPlan("VR17", "vr17", "Zorgcoördinatie Mensenhandel Rotterdam-Rijnmond", 180, PARTNERS),
)

# One demo user per role, in Twente: the route of the Twente plan.
DEMO_USERS = (
    ("wijkcoach.hengelo", "Wijkcoach", "Hengelo", "GM0164", Role.REPORTER),
    ("afm.hengelo", "Aandachtsfunctionaris", "Hengelo", "GM0164", Role.FOCAL_OFFICER),
    ("afm.enschede", "Aandachtsfunctionaris", "Enschede", "GM0153", Role.FOCAL_OFFICER),
    ("oov.hengelo", "Medewerker OOV", "Hengelo", "GM0164", Role.SAFETY_OFFICER),
    ("handhaving.enschede", "Handhaver", "Enschede", "GM0153", Role.ENFORCEMENT_OFFICER),
    ("handhaving.hengelo", "Handhaver", "Hengelo", "GM0164", Role.ENFORCEMENT_OFFICER),
    ("hub.twente", "Casemanager", "Kenniscentrum Twente", "hub", Role.HUB_CASE_MANAGER),
    ("analist.twente", "Analist", "Kenniscentrum Twente", "hub", Role.ANALYST),
    ("vt.twente", "Medewerker", "Veilig Thuis", OrganisationType.VEILIG_THUIS, Role.PARTNER_MEMBER),
    ("politie.twente", "Rechercheur", "Politie", OrganisationType.POLICE, Role.PARTNER_MEMBER),
    ("beheer", "Beheerder", "zicht", "hub", Role.ADMINISTRATOR),
    ("privacy.twente", "Privacyfunctionaris", "Kenniscentrum Twente", "hub", Role.PRIVACY_OFFICER),
)  # fmt: skip

# The first part of the user name of a partner organisation's member in the history.
PARTNER_USER_NAMES: dict[str, str] = {
    OrganisationType.POLICE: "politie",
    OrganisationType.VEILIG_THUIS: "vt",
    OrganisationType.RIEC: "riec",
    OrganisationType.LABOUR_INSPECTORATE: "arbeidsinspectie",
    OrganisationType.SHELTER: "opvang",
    OrganisationType.CARE: "zorg",
}


@dataclass(frozen=True)
class RegionStaff:
    """Who acts in a region's history: its hub case manager and one member per partner."""

    region: Region
    plan: RegionPlan
    hub: Membership
    partners: dict[str, Membership]


def region_organisations(plan: RegionPlan) -> dict[str, Organisation]:
    """The region's hub and partners (by type, the hub as ``"hub"``), and an organisation
    for every municipality of the region."""
    region = Region.objects.get(code=plan.code)
    unit = region.municipalities.values_list("police_unit_name", flat=True).first() or ""
    made = {}
    hub, _ = Organisation.objects.get_or_create(
        name=plan.hub_name, region=region, defaults={"type": OrganisationType.REGIONAL_HUB}
    )
    made["hub"] = hub
    for kind, pattern in plan.partners:
        name = pattern.format(unit=unit, region=region.name)
        if kind == OrganisationType.LABOUR_INSPECTORATE:
            name = f"{name} ({region.name})"
        org, _ = Organisation.objects.get_or_create(
            name=name, region=region, defaults={"type": kind}
        )
        made[kind] = org
    for municipality in region.municipalities.valid_on():
        Organisation.objects.get_or_create(
            municipality=municipality,
            defaults={
                "name": f"Gemeente {municipality.name}",
                "type": OrganisationType.MUNICIPALITY,
                "region": region,
            },
        )
    return made


@cache
def _demo_password_hash() -> str:
    """Hashed once: every demo user has the same password, and hashing is slow on purpose."""
    return make_password(DEMO_PASSWORD)


def _user(username: str, first: str, last: str):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.zicht.invalid",
        },
    )
    if created:
        user.password = _demo_password_hash()
        # The administrator manages organisations and reference data in Django's admin.
        user.is_staff = user.is_superuser = username == "beheer"
        user.save(update_fields=["password", "is_staff", "is_superuser"])
        TOTPDevice.objects.create(
            user=user, name="demo", key=demo_totp_key(username), confirmed=True
        )
    else:  # a demo made before every user had a key of its own
        TOTPDevice.objects.filter(user=user, name="demo").exclude(
            key=demo_totp_key(username)
        ).update(key=demo_totp_key(username))
    return user


def _member(
    username: str, first: str, last: str, *, organisation: Organisation, role: str
) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=_user(username, first, last), organisation=organisation, role=role
    )
    return membership


def create_demo_users(twente: dict[str, Organisation]) -> list[tuple[str, str, str]]:
    """The demo users of DEMO_USERS; returns (user name, organisation, role) to print."""
    created = []
    for username, first, last, where, role in DEMO_USERS:
        if where == "hub":
            organisation = twente["hub"]
        elif where in OrganisationType.values:
            organisation = twente[where]
        else:
            organisation = Municipality.objects.get(cbs_code=where).organisation
        _member(username, first, last, organisation=organisation, role=role)
        created.append((username, organisation.name, str(Role(role).label)))
    return created


def region_staff(plan: RegionPlan, organisations: dict[str, Organisation]) -> RegionStaff:
    """The hub case manager and partner members who act in the region's history
    (Twente's hub.twente, vt.twente and politie.twente are demo users already)."""
    region = organisations["hub"].region
    hub = _member(
        f"hub.{plan.slug}",
        "Casemanager",
        region.name,
        organisation=organisations["hub"],
        role=Role.HUB_CASE_MANAGER,
    )
    partners = {
        kind: _member(
            f"{PARTNER_USER_NAMES[kind]}.{plan.slug}",
            "Medewerker",
            organisations[kind].name,
            organisation=organisations[kind],
            role=Role.PARTNER_MEMBER,
        )
        for kind, _pattern in plan.partners
    }
    return RegionStaff(region=region, plan=plan, hub=hub, partners=partners)
