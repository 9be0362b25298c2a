"""Sex and nationality of a person."""

from __future__ import annotations

import functools
import gettext
import re
from typing import Any

import pycountry

from zicht.matching.normalise.text import as_text, ascii_fold


def normalise_sex(value: Any) -> str | None:
    """ "m", "f" or "x" from Dutch and English spellings (man/vrouw/m/v/male/female/x)."""
    text = as_text(value)
    if text is None:
        return None
    text = ascii_fold(text).strip().lower()
    if text in {"m", "man", "male", "mannelijk", "jongen", "boy"}:
        return "m"
    if text in {"v", "f", "vrouw", "female", "woman", "vrouwelijk", "meisje", "girl"}:
        return "f"
    if text in {"x", "o", "other", "anders", "non-binary", "nonbinary"}:
        return "x"
    return None


# Adjectives of nationality (Dutch, with and without the -e, and English) for the countries
# most often met in registrations in the Netherlands; country names and ISO codes come from
# the ISO 3166 catalogue (pycountry) in English and Dutch.
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "NL": ("Nederlandse", "Nederlands", "Dutch", "Hollandse"),
    "BE": ("Belgische", "Belgisch", "Belgian"),
    "DE": ("Duitse", "Duits", "German"),
    "FR": ("Franse", "Frans", "French"),
    "GB": ("Britse", "Brits", "British", "Engelse", "English", "UK"),
    "ES": ("Spaanse", "Spaans", "Spanish"),
    "PT": ("Portugese", "Portugees", "Portuguese"),
    "IT": ("Italiaanse", "Italiaans", "Italian"),
    "PL": ("Poolse", "Pools", "Polish"),
    "RO": ("Roemeense", "Roemeens", "Romanian"),
    "BG": ("Bulgaarse", "Bulgaars", "Bulgarian"),
    "HU": ("Hongaarse", "Hongaars", "Hungarian"),
    "LT": ("Litouwse", "Litouws", "Lithuanian"),
    "LV": ("Letse", "Lets", "Latvian"),
    "SK": ("Slowaakse", "Slowaaks", "Slovak", "Slovakian"),
    "CZ": ("Tsjechische", "Tsjechisch", "Czech"),
    "UA": ("Oekraiense", "Oekraiens", "Ukrainian"),
    "RU": ("Russische", "Russisch", "Russian"),
    "MD": ("Moldavische", "Moldavisch", "Moldovan"),
    "AL": ("Albanese", "Albanees", "Albanian"),
    "TR": ("Turkse", "Turks", "Turkish"),
    "MA": ("Marokkaanse", "Marokkaans", "Moroccan"),
    "DZ": ("Algerijnse", "Algerijns", "Algerian"),
    "TN": ("Tunesische", "Tunesisch", "Tunisian"),
    "EG": ("Egyptische", "Egyptisch", "Egyptian"),
    "SY": ("Syrische", "Syrisch", "Syrian"),
    "IQ": ("Iraakse", "Iraaks", "Iraqi"),
    "IR": ("Iraanse", "Iraans", "Iranian"),
    "AF": ("Afghaanse", "Afghaans", "Afghan"),
    "NG": ("Nigeriaanse", "Nigeriaans", "Nigerian"),
    "GH": ("Ghanese", "Ghanees", "Ghanaian"),
    "ER": ("Eritrese", "Eritrees", "Eritrean"),
    "ET": ("Ethiopische", "Ethiopisch", "Ethiopian"),
    "SO": ("Somalische", "Somalisch", "Somali", "Somalian"),
    "SD": ("Soedanese", "Soedanees", "Sudanese"),
    "GN": ("Guineese", "Guinees", "Guinean"),
    "SL": ("Sierra Leoonse", "Sierra Leoons", "Sierra Leonean"),
    "UG": ("Oegandese", "Oegandees", "Ugandan"),
    "CN": ("Chinese", "Chinees"),
    "VN": ("Vietnamese", "Vietnamees"),
    "TH": ("Thaise", "Thais", "Thai"),
    "PH": ("Filipijnse", "Filipijns", "Filipino"),
    "IN": ("Indiase", "Indiaas", "Indian"),
    "PK": ("Pakistaanse", "Pakistaans", "Pakistani"),
    "BR": ("Braziliaanse", "Braziliaans", "Brazilian"),
    "SR": ("Surinaamse", "Surinaams", "Surinamese"),
    "CO": ("Colombiaanse", "Colombiaans", "Colombian"),
    "DO": ("Dominicaanse", "Dominicaans", "Dominican"),
}


def _letters(text: str) -> str:
    return re.sub(r"[^A-Z]", "", ascii_fold(text).upper())


@functools.cache
def _nationalities() -> dict[str, str]:
    """Country names (English and Dutch), three-letter codes and adjectives → ISO alpha-2."""
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    names: dict[str, str] = {}
    for country in pycountry.countries:
        english = {country.name, getattr(country, "common_name", country.name)}
        english.add(getattr(country, "official_name", country.name))
        for name in {country.alpha_3, *english, *(dutch.gettext(e) for e in english)}:
            names.setdefault(_letters(name), country.alpha_2)
    for code, words in _DEMONYMS.items():
        for word in words:
            names[_letters(word)] = code
    return names


def normalise_nationality(value: Any) -> str | None:
    """Nationality as an ISO 3166 two-letter code when it is one, or a three-letter code, a
    country name (English or Dutch) or an adjective of nationality ("Nederlandse", "Turks",
    "Eritrean"); other text as its upper-case letters; None for nothing."""
    text = as_text(value)
    if text is None:
        return None
    letters = _letters(text)
    if not 2 <= len(letters) <= 40:
        return None
    if len(letters) == 2:
        return "GB" if letters == "UK" else letters
    return _nationalities().get(letters, letters)
