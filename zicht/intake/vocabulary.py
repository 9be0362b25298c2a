"""Value sets of the domain (see docs/glossary.md): exploitation forms, sectors,
report sources, person roles and the signal indicators of the report form."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zicht.organisations.models import OrganisationType


class ExploitationForm(models.TextChoices):
    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour exploitation")
    CRIMINAL = "criminal", _("Criminal exploitation (incl. forced begging)")
    ORGAN_REMOVAL = "organ_removal", _("Forced organ removal")
    OTHER = "other", _("Other (forced marriage, forced surrogacy)")
    UNKNOWN = "unknown", _("Unknown")


class Sector(models.TextChoices):
    # sexual
    WINDOW = "window", _("Window prostitution")
    CLUB = "club", _("Club, brothel or private house")
    HOME = "home", _("Home prostitution")
    ESCORT = "escort", _("Escort")
    HOTEL = "hotel", _("Hotel")
    STREET = "street", _("Street")
    ONLINE = "online", _("Webcam / online")
    # labour
    AGRICULTURE = "agriculture", _("Agriculture and horticulture")
    HOSPITALITY = "hospitality", _("Hospitality")
    DOMESTIC = "domestic", _("Domestic work (incl. au pair)")
    CONSTRUCTION = "construction", _("Construction")
    CLEANING = "cleaning", _("Cleaning")
    TEMP_AGENCY = "temp_agency", _("Temp agencies")
    TRANSPORT = "transport", _("Transport and logistics")
    MANUFACTURING = "manufacturing", _("Manufacturing and food processing")
    INLAND_SHIPPING = "inland_shipping", _("Inland shipping")
    RETAIL = "retail", _("Retail")
    BEAUTY = "beauty", _("Beauty and nail salons")
    CAR_WASH = "car_wash", _("Car washes")
    # criminal
    DRUG_COURIER = "drug_courier", _("Drug courier")
    DRUG_PRODUCTION = "drug_production", _("Cannabis cultivation / drug production")
    DRUG_DEALING = "drug_dealing", _("Drug dealing")
    THEFT = "theft", _("Theft and pickpocketing")
    MONEY_MULE = "money_mule", _("Money mule (accounts, cars or phones in the victim's name)")
    BEGGING = "begging", _("Begging")
    FRAUD = "fraud", _("Fraud")
    RECRUITING = "recruiting", _("Recruiting others")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


SECTORS_BY_FORM: dict[str, list[str]] = {
    ExploitationForm.SEXUAL: [
        Sector.WINDOW, Sector.CLUB, Sector.HOME, Sector.ESCORT, Sector.HOTEL,
        Sector.STREET, Sector.ONLINE,
    ],
    ExploitationForm.LABOUR: [
        Sector.AGRICULTURE, Sector.HOSPITALITY, Sector.DOMESTIC, Sector.CONSTRUCTION,
        Sector.CLEANING, Sector.TEMP_AGENCY, Sector.TRANSPORT, Sector.MANUFACTURING,
        Sector.INLAND_SHIPPING, Sector.RETAIL, Sector.BEAUTY, Sector.CAR_WASH,
    ],
    ExploitationForm.CRIMINAL: [
        Sector.DRUG_COURIER, Sector.DRUG_PRODUCTION, Sector.DRUG_DEALING, Sector.THEFT,
        Sector.MONEY_MULE, Sector.BEGGING, Sector.FRAUD, Sector.RECRUITING,
    ],
}  # fmt: skip


class ReportSource(models.TextChoices):
    RESIDENT_ANONYMOUS = "resident_anonymous", _("Resident (anonymous)")
    RESIDENT_IDENTIFIED = "resident_identified", _("Resident (identified)")
    MUNICIPAL = "municipal", _("Municipal professional")
    CARE = "care", _("Care")
    EDUCATION = "education", _("Education")
    POLICE = "police", _("Police")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    KMAR = "kmar", _("KMar")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    HOUSING_CORPORATION = "housing_corporation", _("Housing corporation")
    BUSINESS = "business", _("Business")
    NGO = "ngo", _("NGO")
    WEB_SCAN = "web_scan", _("Web scan")
    INSPECTION = "inspection", _("Inspection (control team)")
    PARTNER_SYSTEM = "partner_system", _("Partner system")
    REGIONAL_HUB = "regional_hub", _("Regional hub's own observation")
    OTHER = "other", _("Other")


SOURCE_BY_ORGANISATION: dict[str, str] = {
    OrganisationType.MUNICIPALITY: ReportSource.MUNICIPAL,
    OrganisationType.POLICE: ReportSource.POLICE,
    OrganisationType.LABOUR_INSPECTORATE: ReportSource.LABOUR_INSPECTORATE,
    OrganisationType.KMAR: ReportSource.KMAR,
    OrganisationType.VEILIG_THUIS: ReportSource.VEILIG_THUIS,
    OrganisationType.HOUSING_CORPORATION: ReportSource.HOUSING_CORPORATION,
    OrganisationType.CARE: ReportSource.CARE,
    OrganisationType.SHELTER: ReportSource.CARE,
    OrganisationType.NGO: ReportSource.NGO,
    OrganisationType.REGIONAL_HUB: ReportSource.REGIONAL_HUB,
}


def source_for(organisation_type: str) -> str:
    """The source of a report made by a member of an organisation of this type."""
    return SOURCE_BY_ORGANISATION.get(organisation_type, ReportSource.OTHER)


class PersonRole(models.TextChoices):
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim")
    SUSPECT = "suspect", _("Suspect")
    FACILITATOR = "facilitator", _("Facilitator")
    REPORTER = "reporter", _("Reporter")
    WITNESS = "witness", _("Witness")
    GUARDIAN = "guardian", _("Guardian")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / transgender")
    UNKNOWN = "unknown", _("Unknown")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    forms: tuple[str, ...]  # exploitation forms it signals; () = any form
    htcds_control: str  # HTCDS 2.0 "method of control"


_ALL: tuple[str, ...] = ()
_S = (ExploitationForm.SEXUAL.value,)
_L = (ExploitationForm.LABOUR.value,)
_C = (ExploitationForm.CRIMINAL.value,)

# General indicators follow the OM's Aanwijzing mensenhandel groups and the 11 ILO
# forced-labour indicators; the form-specific ones follow the labour inspectorate's
# and the youth ("loverboy") lists.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("no_id_papers", _("Has no control over own ID papers"), _ALL, "takes_documents"),
    Indicator("no_control_earnings", _("Has no control over own earnings"), _ALL, "takes_earnings"),
    Indicator("isolated", _("No contact with family or the outside world"), _ALL, "restricts_movement"),
    Indicator("restricted_movement", _("Cannot move freely, is picked up and dropped off"), _ALL, "restricts_movement"),
    Indicator("debt_bondage", _("Has a debt to the employer or exploiter"), _ALL, "debt_bondage"),
    Indicator("violence", _("Signs of physical or sexual violence"), _ALL, "physical_abuse"),
    Indicator("threats", _("Is threatened or intimidated (also family)"), _ALL, "threats"),
    Indicator("deception", _("Was deceived about the work or conditions"), _ALL, "false_promises"),
    Indicator("vulnerability_abused", _("Dependency or vulnerability is abused"), _ALL, "psychological_abuse"),
    Indicator("fearful", _("Seems anxious, controlled or coached in what to say"), _ALL, "psychological_abuse"),
    Indicator("housing_by_exploiter", _("Lives where the employer or exploiter decides"), _ALL, "restricts_movement"),
    Indicator("many_at_address", _("Many people registered or living at one address"), _ALL, "other"),
    Indicator("sex_very_young", _("Appears (very) young in sex work"), _S, "other"),
    Indicator("sex_many_clients", _("Works very long hours or with very many clients"), _S, "excessive_work"),
    Indicator("sex_ads_by_others", _("Advertisements placed or managed by someone else"), _S, "other"),
    Indicator("sex_loverboy", _("Young person with an older 'boyfriend', expensive gifts, absence"), _S, "psychological_abuse"),
    Indicator("labour_low_pay", _("Very low or no pay"), _L, "withholds_wages"),
    Indicator("labour_long_hours", _("Excessive overtime, no days off"), _L, "excessive_work"),
    Indicator("labour_dangerous", _("Dangerous or degrading working conditions"), _L, "abusive_conditions"),
    Indicator("labour_no_contract", _("No contract or a contract in a language not understood"), _L, "false_promises"),
    Indicator("criminal_forced_offences", _("Commits offences under pressure of others"), _C, "threats"),
    Indicator("criminal_accounts", _("Accounts, cars or phone subscriptions in own name used by others"), _C, "other"),
    Indicator("criminal_begging_organised", _("Begging in an organised way, handing over proceeds"), _C, "takes_earnings"),
)  # fmt: skip

INDICATOR_CODES = frozenset(indicator.code for indicator in INDICATORS)


def indicator_choices() -> list[tuple[str, Promise]]:
    return [(indicator.code, indicator.label) for indicator in INDICATORS]


def sector_choices() -> list[tuple[str, Promise]]:
    return list(Sector.choices)
