"""The municipal baseline in the demo: every municipality of the demo regions gets a focal
officer (Hengelo's and Enschede's are the demo users afm.hengelo and afm.enschede),
appointed at a moment in the last two and a half years, who records the municipality's
progress on the VNG plateaus at a few review moments over two years, keeps a few
departments in the training register and records their trainings. Everything goes
through the operations of `zicht.baseline`, each at its moment in the past (time-machine).

Progress differs per municipality (an eagerness drawn once), plateau 1 ahead of plateau 2,
so the regional view shows leaders, followers and a few that have hardly started."""

from __future__ import annotations

import datetime
import random

import time_machine
from django.utils import timezone
from django.utils.text import slugify

from zicht.baseline import progress, training
from zicht.baseline.models import Criterion, CriterionChange, Department, Status
from zicht.demo.organisations import REGIONS, _member
from zicht.organisations.models import Membership, Municipality, Region, Role

DEPARTMENTS = ("Burgerzaken", "Vergunningen", "Wijkteam", "Handhaving", "Leerplicht")
TRAININGS = (
    "Signalen van mensenhandel herkennen",
    "E-learning mensenhandel voor de frontoffice",
    "Interne meldroute mensenhandel",
)
FIRST_NAMES = ("Sanne", "Mohamed", "Lotte", "Bram", "Fatima", "Joost", "Ilse", "Kevin", "Noor")
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "El Amrani", "Visser", "Smit", "Mulder", "Yilmaz")

# What the evidence of a criterion met says, per criterion (the demo's own wording).
EVIDENCE = {
    "policy-1a": "Aanpak opgenomen in het integraal veiligheidsplan, met zorg en jeugd.",
    "policy-1b": "Beleidsnotitie beschrijft de vier vormen en de informatie-uitwisseling.",
    "policy-1c": "Meldroute voor professionals gepubliceerd op de website van de gemeente.",
    "awareness-1a": "Twee keer per jaar op de agenda van de driehoek en het ambtelijk overleg.",
    "awareness-1b": "Risicoanalyse van kwetsbare sectoren uitgevoerd met het RIEC.",
    "awareness-1d": "Beleidsplan mensenhandel vastgesteld door het college.",
    "cooperation-1a": "Samenwerkingsafspraken met politie, zorg en het kenniscentrum.",
    "cooperation-1b": "Vast onderwerp van het regionaal overleg zorg en veiligheid.",
    "cooperation-1c": "Aangesloten op de regionale zorgcoördinatie.",
    "care-1a": "Bijdrage aan de regionale opvang vastgelegd in de begroting.",
    "care-1b": "Zorgcoördinatie belegd bij het kenniscentrum, met casemanagement.",
    "baseline-11": "Medewerkers weten de aandachtsfunctionaris te vinden; jaarlijkse campagne.",
    "baseline-13": "Gemeentelijk beleid mensenhandel vastgesteld.",
    "baseline-14": "APV aangepast op mensenhandel en huisvesting van arbeidsmigranten.",
    "baseline-15": "Prostitutiebeleid met aandacht voor uitbuiting vastgesteld.",
}
GENERIC_EVIDENCE = "Besproken en vastgelegd in het ambtelijk overleg."


def create_baseline_demo(rng: random.Random) -> None:
    """The baseline of every municipality of the demo regions; does nothing when a baseline
    was recorded before."""
    if CriterionChange.objects.exists():
        return
    today = timezone.localdate()
    criteria = list(Criterion.objects.filter(proved_by=""))
    for plan in REGIONS:
        region = Region.objects.get(code=plan.code)
        for municipality in region.municipalities.valid_on().select_related("organisation"):
            _municipality(rng, municipality, criteria, today)


def _at(day: datetime.date, hour: int = 10) -> time_machine.travel:
    moment = datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )
    return time_machine.travel(moment, tick=False)


def _municipality(
    rng: random.Random, municipality: Municipality, criteria: list[Criterion], today: datetime.date
) -> None:
    appointed = today - datetime.timedelta(days=rng.randint(150, 900))
    with _at(appointed):
        focal = _member(
            f"afm.{slugify(municipality.name)}",
            "Aandachtsfunctionaris",
            municipality.name,
            organisation=municipality.organisation,
            role=Role.FOCAL_OFFICER,
        )
        departments = [
            training.add_department(municipality_id=municipality.pk, name=name, by=focal)
            for name in rng.sample(DEPARTMENTS, rng.randint(3, 4))
        ]
    eagerness = rng.uniform(0.1, 0.65)
    start = max(appointed, today - datetime.timedelta(days=730))
    _reviews(rng, focal, municipality, criteria, start, today, eagerness)
    _trainings(rng, focal, municipality, departments, appointed, today, eagerness)


def _reviews(
    rng: random.Random,
    focal: Membership,
    municipality: Municipality,
    criteria: list[Criterion],
    start: datetime.date,
    today: datetime.date,
    eagerness: float,
) -> None:
    """Review moments every four to seven months; at each, some criteria move a step on."""
    status = {c.code: Status.NOT_STARTED for c in criteria}
    day = start + datetime.timedelta(days=rng.randint(10, 60))
    steps = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.MET)
    while day < today:
        with _at(day, 14):
            for criterion in criteria:
                current = status[criterion.code]
                chance = eagerness * (1.0 if criterion.plateau == 1 else 0.35)
                if current == Status.MET or rng.random() > chance:
                    continue
                new = steps[steps.index(current) + 1]
                progress.record_status(
                    municipality_id=municipality.pk,
                    criterion_code=criterion.code,
                    status=new,
                    effective_on=day,
                    evidence_text=EVIDENCE.get(
                        criterion.code, "Besproken en vastgelegd in het ambtelijk overleg."
                    )
                    if new == Status.MET
                    else "",
                    by=focal,
                )
                status[criterion.code] = new
        day += datetime.timedelta(days=rng.randint(120, 210))


def _trainings(
    rng: random.Random,
    focal: Membership,
    municipality: Municipality,
    departments: list[Department],
    appointed: datetime.date,
    today: datetime.date,
    eagerness: float,
) -> None:
    """A training for each department about once a year, more often skipped by a municipality
    that is slow on its baseline (so that some departments are due for a reminder)."""
    for department in departments:
        day = appointed + datetime.timedelta(days=rng.randint(20, 120))
        while day < today:
            if rng.random() < 0.4 + eagerness * 0.6:
                with _at(day, 16):
                    for _ in range(rng.randint(1, 2)):
                        training.record_training(
                            municipality_id=municipality.pk,
                            department_id=department.pk,
                            participant=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                            title=rng.choice(TRAININGS),
                            followed_on=day,
                            by=focal,
                        )
            day += datetime.timedelta(days=rng.randint(300, 420))
