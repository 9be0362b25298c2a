"""Value sets of the administrative approach: sectors of establishments, permits, the
barriers of the barrier model, the types of inspection team members and of measures, and the
checklist of indicators an inspection of each sector walks through.

The barrier each instrument serves is data here (MEASURE_BARRIERS, SECTOR_BARRIERS), so that
"instruments used per barrier, per region and year" is counted from the registered
inspections and measures (zicht.enforcement.barriers), never typed by hand."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.barriers.models import Stage
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
    MeasureType.WARNING: (Stage.WORK,),
    MeasureType.PENALTY_ORDER: (Stage.WORK,),
    MeasureType.ENFORCEMENT_ORDER: (Stage.WORK,),
    MeasureType.CLOSURE_174A: (Stage.WORK, Stage.HOUSING),
    MeasureType.CLOSURE_13B: (Stage.WORK,),
    MeasureType.PERMIT_REFUSED: (Stage.WORK, Stage.FINANCES),
    MeasureType.PERMIT_SUSPENDED: (Stage.WORK,),
    MeasureType.PERMIT_WITHDRAWN: (Stage.WORK, Stage.FINANCES),
    MeasureType.BIBOB_ADVICE: (Stage.FINANCES,),
    MeasureType.BRP_REFUSED: (Stage.IDENTITY,),
    MeasureType.BRP_CORRECTED: (Stage.IDENTITY, Stage.HOUSING),
    MeasureType.OVERCROWDING_ORDER: (Stage.HOUSING,),
}

# The barriers an inspection of each sector serves.
SECTOR_BARRIERS: dict[str, tuple[str, ...]] = {
    EstablishmentSector.SEX_BUSINESS: (Stage.WORK,),
    EstablishmentSector.MASSAGE_NAIL_SALON: (Stage.WORK,),
    EstablishmentSector.HOSPITALITY: (Stage.WORK,),
    EstablishmentSector.AGENCY: (Stage.RECRUITMENT, Stage.WORK),
    EstablishmentSector.MIGRANT_HOUSING: (Stage.HOUSING, Stage.IDENTITY),
    EstablishmentSector.CAR_WASH: (Stage.WORK,),
    EstablishmentSector.FARM: (Stage.WORK, Stage.HOUSING),
    EstablishmentSector.OTHER: (Stage.WORK,),
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
