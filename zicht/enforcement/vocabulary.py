"""Value sets of the administrative approach: sectors of establishments, permits, the
barriers of the barrier model, the types of inspection team members and of measures, and the
checklist of indicators an inspection of each sector walks through.

The barrier each instrument serves is data here (MEASURE_BARRIERS, SECTOR_BARRIERS), so that
"instruments used per barrier, per region and year" is counted from the registered
inspections and measures (zicht.enforcement.barriers), never typed by hand."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.intake.vocabulary import INDICATORS, ExploitationForm, Indicator


class EstablishmentSector(models.TextChoices):
    SEX_BUSINESS = "sex_business", _("Sex business")
    MASSAGE_NAIL_SALON = "massage_nail_salon", _("Massage or nail salon")
    HOSPITALITY = "hospitality", _("Hospitality")
    AGENCY = "agency", _("Employment agency")
    MIGRANT_HOUSING = "migrant_housing", _("Housing of labour migrants")
    CAR_WASH = "car_wash", _("Car wash")
    FARM = "farm", _("Farm or horticulture")
    OTHER = "other", _("Other")


class PermitType(models.TextChoices):
    SEX_BUSINESS = "sex_business", _("Sex business licence (APV)")
    HOSPITALITY = "hospitality", _("Alcohol and hospitality licence")
    OPERATING = "operating", _("Operating licence (APV)")
    HOUSING = "housing", _("Housing or room-letting permit (Huisvestingswet)")
    ENVIRONMENT = "environment", _("Environmental permit (Wabo)")
    LANDLORD = "landlord", _("Landlord licence (Wet goed verhuurderschap)")
    OTHER = "other", _("Other permit")


class Barrier(models.TextChoices):
    """The stages of a trafficker's process where partners can block them (barrier model)."""

    RECRUITMENT = "recruitment", _("Recruitment")
    ENTRY = "entry", _("Entry")
    IDENTITY = "identity", _("Identity")
    HOUSING = "housing", _("Housing")
    TRANSPORT = "transport", _("Transportation")
    WORK = "work", _("Work / exploitation")
    FINANCES = "finances", _("Finances")


class MeasureType(models.TextChoices):
    WARNING = "warning", _("Warning")
    PENALTY_ORDER = "penalty_order", _("Order subject to a penalty (last onder dwangsom)")
    ENFORCEMENT_ORDER = (
        "enforcement_order",
        _("Administrative enforcement order (last onder bestuursdwang)"),
    )
    CLOSURE_174A = "closure_174a", _("Closure (art. 174a Gemeentewet)")
    CLOSURE_13B = "closure_13b", _("Closure (art. 13b Opiumwet)")
    PERMIT_REFUSED = "permit_refused", _("Permit refused")
    PERMIT_SUSPENDED = "permit_suspended", _("Permit suspended")
    PERMIT_WITHDRAWN = "permit_withdrawn", _("Permit withdrawn")
    BIBOB_ADVICE = "bibob_advice", _("Bibob advice asked")
    BRP_REFUSED = "brp_refused", _("BRP/RNI registration refused")
    BRP_CORRECTED = "brp_corrected", _("BRP/RNI registration corrected")
    OVERCROWDING_ORDER = "overcrowding_order", _("Housing overcrowding order")


# A closure restricts a fundamental right (the home, art. 12 Grondwet): its decision must
# name its legal basis. The others may name the APV article when the municipality has one.
LEGAL_BASIS_REQUIRED = frozenset({MeasureType.CLOSURE_174A, MeasureType.CLOSURE_13B})

# The legal basis a measure of each type usually rests on (seed 001, annex 5); the form
# offers it, the official may change it to the local article.
DEFAULT_LEGAL_BASIS: dict[str, str] = {
    MeasureType.WARNING: "",
    MeasureType.PENALTY_ORDER: "art. 5:32 Awb jo. art. 125 Gemeentewet",
    MeasureType.ENFORCEMENT_ORDER: "art. 5:21 Awb jo. art. 125 Gemeentewet",
    MeasureType.CLOSURE_174A: "art. 174a Gemeentewet",
    MeasureType.CLOSURE_13B: "art. 13b Opiumwet",
    MeasureType.PERMIT_REFUSED: "APV hoofdstuk 3 / Wet Bibob art. 3",
    MeasureType.PERMIT_SUSPENDED: "APV hoofdstuk 3",
    MeasureType.PERMIT_WITHDRAWN: "APV hoofdstuk 3 / Wet Bibob art. 3",
    MeasureType.BIBOB_ADVICE: "art. 9 Wet Bibob",
    MeasureType.BRP_REFUSED: "Wet BRP",
    MeasureType.BRP_CORRECTED: "art. 2.58 Wet BRP",
    MeasureType.OVERCROWDING_ORDER: "art. 1b lid 3 Woningwet jo. art. 7.18 Bouwbesluit 2012",
}

# The barriers each measure type raises (Rotterdam's barrier models; seed 001, annex 5).
MEASURE_BARRIERS: dict[str, tuple[str, ...]] = {
    MeasureType.WARNING: (Barrier.WORK,),
    MeasureType.PENALTY_ORDER: (Barrier.WORK,),
    MeasureType.ENFORCEMENT_ORDER: (Barrier.WORK,),
    MeasureType.CLOSURE_174A: (Barrier.WORK, Barrier.HOUSING),
    MeasureType.CLOSURE_13B: (Barrier.WORK,),
    MeasureType.PERMIT_REFUSED: (Barrier.WORK, Barrier.FINANCES),
    MeasureType.PERMIT_SUSPENDED: (Barrier.WORK,),
    MeasureType.PERMIT_WITHDRAWN: (Barrier.WORK, Barrier.FINANCES),
    MeasureType.BIBOB_ADVICE: (Barrier.FINANCES,),
    MeasureType.BRP_REFUSED: (Barrier.IDENTITY,),
    MeasureType.BRP_CORRECTED: (Barrier.IDENTITY, Barrier.HOUSING),
    MeasureType.OVERCROWDING_ORDER: (Barrier.HOUSING,),
}

# The barriers an inspection of each sector serves.
SECTOR_BARRIERS: dict[str, tuple[str, ...]] = {
    EstablishmentSector.SEX_BUSINESS: (Barrier.WORK,),
    EstablishmentSector.MASSAGE_NAIL_SALON: (Barrier.WORK,),
    EstablishmentSector.HOSPITALITY: (Barrier.WORK,),
    EstablishmentSector.AGENCY: (Barrier.RECRUITMENT, Barrier.WORK),
    EstablishmentSector.MIGRANT_HOUSING: (Barrier.HOUSING, Barrier.IDENTITY),
    EstablishmentSector.CAR_WASH: (Barrier.WORK,),
    EstablishmentSector.FARM: (Barrier.WORK, Barrier.HOUSING),
    EstablishmentSector.OTHER: (Barrier.WORK,),
}

# The exploitation forms an establishment of each sector is inspected for.
SECTOR_FORMS: dict[str, tuple[str, ...]] = {
    EstablishmentSector.SEX_BUSINESS: (ExploitationForm.SEXUAL,),
    EstablishmentSector.MASSAGE_NAIL_SALON: (ExploitationForm.SEXUAL, ExploitationForm.LABOUR),
    EstablishmentSector.HOSPITALITY: (ExploitationForm.LABOUR,),
    EstablishmentSector.AGENCY: (ExploitationForm.LABOUR,),
    EstablishmentSector.MIGRANT_HOUSING: (ExploitationForm.LABOUR,),
    EstablishmentSector.CAR_WASH: (ExploitationForm.LABOUR,),
    EstablishmentSector.FARM: (ExploitationForm.LABOUR,),
    EstablishmentSector.OTHER: (),
}

# The intake's sector (zicht.intake.vocabulary.Sector) a report from an inspection carries.
REPORT_SECTOR: dict[str, str] = {
    EstablishmentSector.SEX_BUSINESS: "club",
    EstablishmentSector.MASSAGE_NAIL_SALON: "beauty",
    EstablishmentSector.HOSPITALITY: "hospitality",
    EstablishmentSector.AGENCY: "temp_agency",
    EstablishmentSector.MIGRANT_HOUSING: "temp_agency",
    EstablishmentSector.CAR_WASH: "car_wash",
    EstablishmentSector.FARM: "agriculture",
    EstablishmentSector.OTHER: "other",
}


def checklist(sector: str) -> list[Indicator]:
    """The intake's indicators an inspection of this sector walks through: the general ones
    and those of the exploitation forms the sector is inspected for."""
    forms = set(SECTOR_FORMS.get(sector, ()))
    return [i for i in INDICATORS if not i.forms or forms.intersection(i.forms)]
