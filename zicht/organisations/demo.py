"""The demo set-up: five regions with their hub, focal officers and partners, one
demo user per role, and three years of synthetic history.

Figures follow DOMAIN.md (seed documents): Twente about 110 reports a year and
about 85% women; Haaglanden about 145 presumed victims a year; Zaanstreek-Waterland
8 to 23 signals a year; Zeeland about 30; Rotterdam-Rijnmond the largest region.
"""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.casework.models import (
    ActionKind,
    ActionStatus,
    Case,
    Feedback,
    FollowUpAction,
    Handover,
    HandoverStatus,
)
from zicht.casework.routing import move, record_receipt
from zicht.casework.workflow import ClosureReason, Status
from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.vocabulary import (
    INDICATORS,
    SECTORS_BY_FORM,
    ExploitationForm,
    PersonRole,
    ReportSource,
    Sex,
)
from zicht.organisations.models import (
    Membership,
    Municipality,
    Organisation,
    OrganisationType,
    Region,
    Role,
)
from zicht.organisations.reference import DEFAULT_FILES, load_municipalities

DEMO_PASSWORD = "zicht-demo-2026"  # noqa: S105 - printed for the local demo only
# Fixed TOTP keys so that demo users can add them to an authenticator app.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


@dataclass(frozen=True)
class RegionPlan:
    code: str
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
    RegionPlan("VR05", "Kenniscentrum Mensenhandel Twente", 110, PARTNERS),
    RegionPlan("VR19", "Zorgcoördinatie Mensenhandel Zeeland", 30, PARTNERS),
    RegionPlan("VR11", "HVO-Querido Zorgcoördinatie Zaanstreek-Waterland", 16, PARTNERS),
    RegionPlan("VR15", "SHOP Zorgcoördinatie Haaglanden", 145, PARTNERS),
    RegionPlan("VR17", "Zorgcoördinatie Mensenhandel Rotterdam-Rijnmond", 180, PARTNERS),
)

# One demo user per role, in Twente: the route of the Twente plan.
DEMO_USERS = (
    ("wijkcoach.hengelo", "Wijkcoach", "Hengelo", "GM0164", Role.REPORTER),
    ("afm.hengelo", "Aandachtsfunctionaris", "Hengelo", "GM0164", Role.FOCAL_OFFICER),
    ("afm.enschede", "Aandachtsfunctionaris", "Enschede", "GM0153", Role.FOCAL_OFFICER),
    ("oov.hengelo", "Medewerker OOV", "Hengelo", "GM0164", Role.SAFETY_OFFICER),
    ("hub.twente", "Casemanager", "Kenniscentrum Twente", "hub", Role.HUB_CASE_MANAGER),
    ("analist.twente", "Analist", "Kenniscentrum Twente", "hub", Role.ANALYST),
    ("vt.twente", "Medewerker", "Veilig Thuis", OrganisationType.VEILIG_THUIS, Role.PARTNER_MEMBER),
    ("politie.twente", "Rechercheur", "Politie", OrganisationType.POLICE, Role.PARTNER_MEMBER),
    ("beheer", "Beheerder", "zicht", "hub", Role.ADMINISTRATOR),
)  # fmt: skip

FIRST_NAMES_F = [
    "Anna",
    "Maria",
    "Ioana",
    "Elena",
    "Svetlana",
    "Oksana",
    "Joy",
    "Blessing",
    "Agnieszka",
    "Katarzyna",
    "Fatima",
    "Sanne",
    "Lisa",
    "Mihaela",
    "Yana",
    "Lin",
]
FIRST_NAMES_M = [
    "Piotr",
    "Andrei",
    "Ion",
    "Mohamed",
    "Dmytro",
    "Tomasz",
    "Kevin",
    "Daan",
    "Georgi",
    "Ahmet",
    "Wei",
    "Samuel",
]
LAST_NAMES = [
    "Kowalska",
    "Popescu",
    "Ivanova",
    "Nowak",
    "de Vries",
    "van der Berg",
    "Jansen",
    "Okafor",
    "Shevchenko",
    "Georgieva",
    "Yilmaz",
    "Bakker",
    "Dumitru",
    "Chen",
    "el Amrani",
    "Horvath",
    "Visser",
    "Kovalenko",
    "Petrov",
    "Smit",
]
POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
NATIONALITIES = ["NL", "NL", "NL", "PL", "RO", "BG", "HU", "UA", "NG", "MA", "TR", "CN", "VN"]


def _demo_region_organisations(region: Region, plan: RegionPlan) -> dict[str, Organisation]:
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
        user.set_password(DEMO_PASSWORD)
        # The administrator manages organisations and reference data in Django's admin.
        user.is_staff = user.is_superuser = username == "beheer"
        user.save(update_fields=["password", "is_staff", "is_superuser"])
        TOTPDevice.objects.create(user=user, name="demo", key=DEMO_TOTP_KEY, confirmed=True)
    return user


def _person(rng: random.Random, role: str, year: int) -> dict:
    female = rng.random() < 0.85 if role == PersonRole.PRESUMED_VICTIM else rng.random() < 0.2
    age = (
        max(14, int(rng.gauss(28, 8)))
        if role == PersonRole.PRESUMED_VICTIM
        else rng.randint(22, 55)
    )
    birth = datetime.date(year - age, rng.randint(1, 12), rng.randint(1, 28))
    return {
        "role": role,
        "first_name": rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M),
        "last_name": rng.choice(LAST_NAMES),
        "birth_date": birth if rng.random() < 0.7 else None,
        "sex": Sex.FEMALE if female else Sex.MALE,
        "nationality": rng.choice(NATIONALITIES),
        "phone": f"06{rng.randint(10000000, 99999999)}" if rng.random() < 0.5 else "",
        "postcode": f"{rng.randint(1000, 9999)}{''.join(rng.choices(POSTCODE_LETTERS, k=2))}"
        if rng.random() < 0.4 else "",
        "house_number": str(rng.randint(1, 200)),
    }  # fmt: skip


def _history_for_region(
    rng: random.Random,
    region: Region,
    orgs: dict[str, Organisation],
    start: datetime.date,
    end: datetime.date,
) -> int:
    municipalities = list(region.municipalities.valid_on(end).select_related("organisation"))
    days = (end - start).days
    count = int(REGION_YEARS * next(p.reports_per_year for p in REGIONS if p.code == region.code))
    hub_user = Membership.objects.filter(organisation=orgs["hub"]).first()
    actor_user = hub_user.user if hub_user else None
    earlier_persons: list[dict] = []
    for _ in range(count):
        received = timezone.make_aware(
            datetime.datetime.combine(
                start + datetime.timedelta(days=rng.randrange(days)),
                datetime.time(rng.randint(8, 18)),
            )
        )
        municipality = rng.choices(
            municipalities, weights=[3 if i < 2 else 1 for i in range(len(municipalities))]
        )[0]
        form = rng.choices(
            [
                ExploitationForm.SEXUAL,
                ExploitationForm.LABOUR,
                ExploitationForm.CRIMINAL,
                ExploitationForm.UNKNOWN,
            ],
            weights=[45, 35, 15, 5],
        )[0]
        sectors = rng.sample(SECTORS_BY_FORM.get(form, ["unknown"]), 1)
        indicators = [i.code for i in INDICATORS if not i.forms or form in i.forms]
        case = Case.objects.create(
            region=region, municipality=municipality, status=Status.RECEIVED, opened_at=received
        )
        report = Report.objects.create(
            submission_key=uuid.uuid4(),
            case=case,
            received_at=received,
            source=rng.choice(
                [
                    ReportSource.MUNICIPAL,
                    ReportSource.POLICE,
                    ReportSource.CARE,
                    ReportSource.RESIDENT_ANONYMOUS,
                    ReportSource.LABOUR_INSPECTORATE,
                ]
            ),
            exploitation_forms=[form],
            sectors=sectors,
            indicators=rng.sample(indicators, 3),
            description="Synthetische demomelding.",
            municipality=municipality,
        )
        victim = (
            dict(rng.choice(earlier_persons))
            if earlier_persons and rng.random() < 0.12
            else _person(rng, PersonRole.PRESUMED_VICTIM, received.year)
        )
        earlier_persons.append(victim)
        InvolvedPerson.objects.create(report=report, **victim)
        if rng.random() < 0.4:
            InvolvedPerson.objects.create(
                report=report, **_person(rng, PersonRole.SUSPECT, received.year)
            )
        record_receipt(case, None)
        _advance(rng, case, orgs, municipality, received, actor_user)
    return count


def _advance(rng, case, orgs, municipality, received, actor_user) -> None:
    age_days = (timezone.now() - received).days
    move(case, transition="report_to_hub", actor=None)
    focal = getattr(municipality, "organisation", None)
    if focal is not None:
        Feedback.objects.create(
            case=case,
            to_organisation=focal,
            due_on=received.date() + datetime.timedelta(days=14),
            requested_at=received,
            given_at=received + datetime.timedelta(days=rng.randint(3, 20))
            if age_days > 30
            else None,
            text="Terugkoppeling: casus in behandeling bij de zorgcoördinatie."
            if age_days > 30
            else "",
        )
    if age_days < 7 or actor_user is None:
        return
    move(case, transition="start_follow_up", actor=None)
    kind, owner_key = rng.choice(
        [
            (ActionKind.POLICE_REPORT, OrganisationType.POLICE),
            (ActionKind.VEILIG_THUIS, OrganisationType.VEILIG_THUIS),
            (ActionKind.SHELTER, OrganisationType.SHELTER),
            (ActionKind.CARE, OrganisationType.CARE),
            (ActionKind.RIEC, OrganisationType.RIEC),
            (ActionKind.LABOUR_INSPECTORATE, OrganisationType.LABOUR_INSPECTORATE),
        ]
    )
    done = age_days > 60
    action = FollowUpAction.objects.create(
        case=case,
        kind=kind,
        owner=orgs[owner_key],
        due_on=received.date() + datetime.timedelta(days=21),
        status=ActionStatus.DONE if done else ActionStatus.OPEN,
        created_by=actor_user,
        created_at=received,
        outcome="Afgerond." if done else "",
        completed_at=received + datetime.timedelta(days=30) if done else None,
    )
    Handover.objects.create(
        case=case,
        action=action,
        from_organisation=orgs["hub"],
        to_organisation=orgs[owner_key],
        status=HandoverStatus.ACCEPTED,
        created_at=received,
        decided_at=received + datetime.timedelta(days=1),
    )
    if done and rng.random() < 0.85:
        move(case, transition="close", actor=None)
        case.closure_reason = rng.choice(
            [
                ClosureReason.REFERRED_POLICE,
                ClosureReason.VICTIM_IN_CARE,
                ClosureReason.REFERRED_CARE,
                ClosureReason.NO_INDICATION,
            ]
        )
        case.closed_at = received + datetime.timedelta(days=rng.randint(40, 120))
        case.follow_up_secured_by = actor_user
        case.save(update_fields=["closure_reason", "closed_at", "follow_up_secured_by"])


REGION_YEARS = 3


@transaction.atomic
def create_demo(*, seed: int = 2026, history: bool = True) -> list[tuple[str, str, str]]:
    """Create the demo set-up; safe to run twice (does nothing the second time)."""
    rng = random.Random(seed)
    if not Municipality.objects.exists():  # e.g. after a test database flush
        for path in DEFAULT_FILES:
            load_municipalities(path)
    all_orgs = {}
    for plan in REGIONS:
        region = Region.objects.get(code=plan.code)
        all_orgs[plan.code] = _demo_region_organisations(region, plan)
    twente = all_orgs["VR05"]
    created_users = []
    for username, first, last, where, role in DEMO_USERS:
        if where == "hub":
            organisation = twente["hub"]
        elif where in OrganisationType.values:
            organisation = twente[where]
        else:
            organisation = Municipality.objects.get(cbs_code=where).organisation
        user = _user(username, first, last)
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        created_users.append((username, organisation.name, str(Role(role).label)))
    if history and not Report.objects.exists():
        end = timezone.localdate()
        start = end - datetime.timedelta(days=365 * REGION_YEARS)
        for plan in REGIONS:
            region = Region.objects.get(code=plan.code)
            if plan.code != "VR05":
                user = _user(f"hub.{plan.code.lower()}", "Casemanager", region.name)
                Membership.objects.get_or_create(
                    user=user, organisation=all_orgs[plan.code]["hub"], role=Role.HUB_CASE_MANAGER
                )
            _history_for_region(rng, region, all_orgs[plan.code], start, end)
    return created_users
