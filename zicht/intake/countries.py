"""Country names for the nationality of an involved person, in the page's language.

The names and their translations come from the ISO 3166 catalogues that pycountry ships
(Debian's iso-codes): a Dutch page lists "Duitsland", "Polen", "Roemenië", sorted as a
Dutch reader expects, and stores the two-letter code."""

from __future__ import annotations

import functools
import gettext
import unicodedata

import pycountry
from django.utils.translation import get_language


def _sort_key(name: str) -> str:
    """Alphabetical regardless of accents and case: "Égypte" sorts under E."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@functools.cache
def country_names(language: str) -> tuple[tuple[str, str], ...]:
    """(alpha-2 code, name) of every country, in `language` where the catalogue has it."""
    catalogue = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    names = (
        (country.alpha_2, catalogue.gettext(getattr(country, "common_name", country.name)))
        for country in pycountry.countries
    )
    return tuple(sorted(names, key=lambda item: _sort_key(item[1])))


def nationality_choices() -> list[tuple[str, str]]:
    """The choices of a nationality select, read when the form is rendered (the language
    of the request is known then)."""
    language = (get_language() or "nl").split("-")[0]
    return [("", "—"), *country_names(language)]
