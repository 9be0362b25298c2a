"""The barrier model in the demo: every region's hub fills a model for last year and this
year through the operations of `zicht.barriers`. Last year is described and rated; this
year starts from it and is rated again, with a few white spots left on purpose: a rating
that dropped (labour: housing), forced organ removal not rated, and (until inspections and
measures are registered) instruments that were not used."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone

from zicht.barriers import operations
from zicht.barriers.models import BarrierModel, Stage
from zicht.demo.organisations import REGIONS, _member
from zicht.intake.vocabulary import ExploitationForm
from zicht.organisations.models import Membership, Organisation, OrganisationType, Role

# Per barrier: who raises it (organisation types of the region) and with what.
DESCRIPTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Stage.RECRUITMENT: (
        (OrganisationType.REGIONAL_HUB, OrganisationType.POLICE),
        ("Voorlichting op scholen en in wijken", "Webscan op advertenties"),
    ),
    Stage.ENTRY: (
        (OrganisationType.KMAR, OrganisationType.POLICE),
        ("Mobiel Toezicht Veiligheid (KMar)", "Signalering aan het gemeenteloket"),
    ),
    Stage.IDENTITY: (
        (OrganisationType.POLICE,),
        ("Adresonderzoek BRP", "Inschrijving BRP/RNI weigeren of corrigeren"),
    ),
    Stage.HOUSING: (
        (OrganisationType.HOUSING_CORPORATION, OrganisationType.LABOUR_INSPECTORATE),
        ("Handhaving overbewoning (Woningwet art. 1b)", "Sluiting art. 17 Woningwet",
         "Wet goed verhuurderschap"),
    ),
    Stage.TRANSPORT: (
        (OrganisationType.POLICE, OrganisationType.KMAR),
        ("Verkeerscontroles met de politie",),
    ),
    Stage.WORK: (
        (OrganisationType.LABOUR_INSPECTORATE, OrganisationType.POLICE, OrganisationType.RIEC),
        ("Integrale controle regionaal controleteam", "Vergunningvoorwaarden APV",
         "Sluiting art. 174a Gemeentewet"),
    ),
    Stage.FINANCES: (
        (OrganisationType.RIEC, OrganisationType.PUBLIC_PROSECUTOR),
        ("Bibob-toets", "Ontneming van crimineel vermogen"),
    ),
}  # fmt: skip

# Last year's rating per barrier; this year the same, except the changes below (one
# rises, one drops: a white spot in the comparison).
LAST_YEAR: dict[str, int] = {
    Stage.RECRUITMENT: 1,
    Stage.ENTRY: 1,
    Stage.IDENTITY: 2,
    Stage.HOUSING: 2,
    Stage.TRANSPORT: 1,
    Stage.WORK: 2,
    Stage.FINANCES: 1,
}
CHANGES: dict[tuple[str, str], int] = {
    (ExploitationForm.LABOUR, Stage.HOUSING): 1,
    (ExploitationForm.SEXUAL, Stage.WORK): 3,
}
RATED_FORMS = (ExploitationForm.SEXUAL, ExploitationForm.LABOUR, ExploitationForm.CRIMINAL)
NOTES = {
    0: "Geen instrument ingezet.",
    1: "Instrumenten zijn er, maar worden weinig ingezet.",
    2: "Partners werken samen; controles volgens planning.",
    3: "Vaste werkwijze, alle gemeenten doen mee.",
}


def create_barriers_demo(
    organisations: dict[str, dict[str, Organisation]], *, history: bool
) -> None:
    """With the history every region's models; without it (the set-up of the tests) only
    Twente's, which is enough to show and keeps the set-up quick."""
    this_year = timezone.localdate().year
    for plan in REGIONS if history else REGIONS[:1]:
        hub_organisation = organisations[plan.code]["hub"]
        if BarrierModel.objects.filter(region=hub_organisation.region).exists():
            continue
        hub = _member(
            f"hub.{plan.slug}",
            "Casemanager",
            hub_organisation.region.name,
            organisation=hub_organisation,
            role=Role.HUB_CASE_MANAGER,
        )
        with time_machine.travel(datetime.datetime(this_year - 1, 12, 1, 10, tzinfo=datetime.UTC)):
            _fill(hub, this_year - 1, last_year=True)
        _fill(hub, this_year, last_year=False)


def _fill(hub: Membership, year: int, *, last_year: bool) -> None:
    model = operations.start_model(by=hub, year=year)
    region_organisations = {o.type: o.pk for o in Organisation.objects.filter(region=model.region)}
    if last_year:
        operations.add_barrier(
            model_id=model.pk,
            by=hub,
            exploitation_form=ExploitationForm.LABOUR,
            name="Registratie bij uitzendbureau",
        )
    for barrier in model.barriers.all():
        if last_year:
            types, instruments = DESCRIPTIONS.get(
                barrier.code, ((), ("Afspraken met uitzendbureaus",))
            )
            operations.describe_barrier(
                barrier_id=barrier.pk,
                by=hub,
                responsible_ids=[
                    region_organisations[t] for t in types if t in region_organisations
                ],
                instruments_available="\n".join(instruments),
            )
        if barrier.exploitation_form not in RATED_FORMS:
            continue
        rating = LAST_YEAR.get(barrier.code, 0)
        if not last_year:
            rating = CHANGES.get((barrier.exploitation_form, barrier.code), rating)
        operations.rate_barrier(barrier_id=barrier.pk, by=hub, rating=rating, note=NOTES[rating])
