"""What a resident can tell us, in plain words, and what it means to a professional.

This is the one place where the portal's layperson phrases are mapped to the
professional indicator codes of `zicht.intake.vocabulary.INDICATORS` and to the
exploitation forms. The hub reads the codes (shown in Dutch); the reporter reads
the phrases (shown in the portal language).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zicht.intake.vocabulary import INDICATOR_CODES, ExploitationForm


@dataclass(frozen=True)
class LayPhrase:
    key: str
    label: Promise
    indicators: tuple[str, ...]


LAY_PHRASES: tuple[LayPhrase, ...] = (
    LayPhrase("papers", _("Someone else keeps their passport or ID card"), ("no_id_papers",)),
    LayPhrase(
        "money", _("They have to give their money to someone else"), ("no_control_earnings",)
    ),
    LayPhrase(
        "not_free",
        _("They cannot go where they want, or are always brought and picked up"),
        ("restricted_movement",),
    ),
    LayPhrase("alone", _("They are not allowed to contact family or friends"), ("isolated",)),
    LayPhrase("debt", _("They must pay off a debt to the boss or someone else"), ("debt_bondage",)),
    LayPhrase("hurt", _("They have injuries, or I saw them being hit or hurt"), ("violence",)),
    LayPhrase(
        "afraid", _("They seem afraid, or someone tells them what to say"), ("fearful", "threats")
    ),
    LayPhrase("lied_to", _("They were promised other work or better conditions"), ("deception",)),
    LayPhrase("housing", _("The boss decides where they live"), ("housing_by_exploiter",)),
    LayPhrase("crowded", _("Very many people live at one address"), ("many_at_address",)),
    LayPhrase(
        "work_pay",
        _("They work very long days for little or no pay"),
        ("labour_low_pay", "labour_long_hours"),
    ),
    LayPhrase("work_danger", _("The work is dangerous or humiliating"), ("labour_dangerous",)),
    LayPhrase("sex_young", _("Someone who looks very young offers sex"), ("sex_very_young",)),
    LayPhrase(
        "sex_controlled",
        _("Someone else arranges the sex work: ads, clients, money"),
        ("sex_ads_by_others", "sex_many_clients"),
    ),
    LayPhrase(
        "loverboy",
        _("A young person has an older 'boyfriend', expensive gifts, or often stays away"),
        ("sex_loverboy",),
    ),
    LayPhrase(
        "crime",
        _("They are forced to commit crimes, sell drugs or beg"),
        ("criminal_forced_offences", "criminal_begging_organised"),
    ),
    LayPhrase(
        "accounts",
        _("Bank accounts, cars or phones in their name are used by others"),
        ("criminal_accounts",),
    ),
)

LAY_BY_KEY = {phrase.key: phrase for phrase in LAY_PHRASES}


class Situation:
    """Plain words for the exploitation forms."""

    CHOICES = (
        (ExploitationForm.SEXUAL.value, _("Sex work or prostitution")),
        (
            ExploitationForm.LABOUR.value,
            _("Work (for example in a field, factory, kitchen, shop or house)"),
        ),
        (ExploitationForm.CRIMINAL.value, _("Crime, drugs or begging")),
        (ExploitationForm.UNKNOWN.value, _("I do not know")),
    )


def lay_phrase_choices() -> list[tuple[str, Promise]]:
    return [(phrase.key, phrase.label) for phrase in LAY_PHRASES]


def indicators_for(keys: list[str]) -> list[str]:
    """The professional indicator codes of the chosen phrases, in the list's order."""
    codes: list[str] = []
    for key in keys:
        for code in LAY_BY_KEY[key].indicators:
            if code not in codes:
                codes.append(code)
    return codes


def _check() -> None:
    unknown = {c for p in LAY_PHRASES for c in p.indicators} - INDICATOR_CODES
    if unknown:  # pragma: no cover - caught by the test suite at import
        raise ValueError(f"portal phrases map to unknown indicators: {sorted(unknown)}")


_check()
