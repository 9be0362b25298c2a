"""The regional enforcement framework (bestuurlijk juridisch kader) as data: which situation
found at a location leads to which measure, the same in every municipality of the region so
that traffickers do not move to the softest one (Rotterdam "Regionaal handhavingskader",
seed 001 annex 5). A measure names the situation it answers; its page shows what the
framework advises and flags a measure of another type as a deviation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zicht.enforcement.vocabulary import EstablishmentSector as S
from zicht.enforcement.vocabulary import MeasureType as M


class Situation(models.TextChoices):
    FIRST_VIOLATION = "first_violation", _("First violation of permit rules, no indicators")
    SEX_WITHOUT_LICENCE = "sex_without_licence", _("Sex business operating without a licence")
    LICENCE_CONDITIONS = (
        "licence_conditions",
        _("Licence conditions violated, with indicators of exploitation"),
    )
    SERIOUS_DISTURBANCE = (
        "serious_disturbance",
        _("Exploitation in the premises seriously disturbs public order"),
    )
    DRUGS_IN_PREMISES = "drugs_in_premises", _("Drugs or drug production in the premises")
    OVERCROWDING = "overcrowding", _("More than one person per 12 m² (overcrowding)")
    NOT_REGISTERED = "not_registered", _("Residents not or wrongly registered in the BRP")
    INTEGRITY_DOUBT = "integrity_doubt", _("Permit applicant or holder possibly involved in crime")


@dataclass(frozen=True)
class FrameworkRule:
    situation: str
    advised: str  # a MeasureType
    sectors: tuple[str, ...]  # where the situation is usually found; () = any sector
    indicators: tuple[str, ...]  # intake indicators that point to it; () = none needed

    @property
    def advised_label(self) -> Promise:
        return M(self.advised).label

    @property
    def situation_label(self) -> Promise:
        return Situation(self.situation).label


FRAMEWORK: dict[str, FrameworkRule] = {
    rule.situation: rule
    for rule in (
        FrameworkRule(Situation.FIRST_VIOLATION, M.WARNING, (), ()),
        FrameworkRule(
            Situation.SEX_WITHOUT_LICENCE,
            M.ENFORCEMENT_ORDER,
            (S.SEX_BUSINESS, S.MASSAGE_NAIL_SALON),
            (),
        ),
        FrameworkRule(
            Situation.LICENCE_CONDITIONS,
            M.PERMIT_SUSPENDED,
            (S.SEX_BUSINESS, S.HOSPITALITY),
            ("no_id_papers", "no_control_earnings", "sex_very_young", "sex_many_clients"),
        ),
        FrameworkRule(
            Situation.SERIOUS_DISTURBANCE,
            M.CLOSURE_174A,
            (),
            ("violence", "threats", "restricted_movement", "housing_by_exploiter"),
        ),
        FrameworkRule(
            Situation.DRUGS_IN_PREMISES, M.CLOSURE_13B, (), ("criminal_forced_offences",)
        ),
        FrameworkRule(
            Situation.OVERCROWDING,
            M.OVERCROWDING_ORDER,
            (S.MIGRANT_HOUSING, S.FARM),
            ("many_at_address",),
        ),
        FrameworkRule(
            Situation.NOT_REGISTERED,
            M.BRP_CORRECTED,
            (S.MIGRANT_HOUSING, S.AGENCY),
            ("many_at_address",),
        ),
        FrameworkRule(Situation.INTEGRITY_DOUBT, M.BIBOB_ADVICE, (), ()),
    )
}


def advised_measure(situation: str) -> str | None:
    rule = FRAMEWORK.get(situation)
    return rule.advised if rule else None


def suggested_situations(sector: str, indicators: list[str]) -> list[FrameworkRule]:
    """The situations an inspection's finding points to: rules of its sector (or any) with
    an indicator that was found."""
    found = set(indicators)
    return [
        rule
        for rule in FRAMEWORK.values()
        if rule.indicators
        and found.intersection(rule.indicators)
        and (not rule.sectors or sector in rule.sectors)
    ]
