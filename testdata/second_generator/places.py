"""Dutch addresses: cities with their postcode ranges, streets, house numbers, and the ways
each is written; phone numbers by country."""

from __future__ import annotations

import random
from dataclasses import dataclass

from testdata.second_generator.errors import keyboard_slip

# city, postcode range (first four digits), weight (people registered there)
CITIES = (
    ("Amsterdam", (1011, 1109), 14),
    ("Rotterdam", (3011, 3089), 12),
    ("Den Haag", (2491, 2599), 10),
    ("Utrecht", (3511, 3585), 6),
    ("Eindhoven", (5611, 5658), 4),
    ("Tilburg", (5011, 5049), 3),
    ("Groningen", (9711, 9747), 3),
    ("Enschede", (7511, 7548), 3),
    ("Hengelo", (7550, 7559), 2),
    ("Almelo", (7601, 7611), 2),
    ("Zaandam", (1501, 1509), 2),
    ("Purmerend", (1441, 1448), 1),
    ("Middelburg", (4331, 4339), 1),
    ("Vlissingen", (4381, 4389), 1),
    ("Breda", (4811, 4839), 2),
    ("Naaldwijk", (2671, 2673), 2),  # glasshouses: many migrant workers
    ("Venlo", (5911, 5928), 2),
    ("Oldenzaal", (7571, 7577), 1),
    ("Schiedam", (3111, 3125), 1),
    ("Ter Apel", (9561, 9561), 1),  # asylum reception centre
    ("Budel", (6021, 6021), 1),
)
# other ways a city is written: abbreviations, official names, slips
CITY_WAYS = {
    "Den Haag": ["'s-Gravenhage", "Den Haag", "Den Haag", "DEN HAAG", "den haag", "s Gravenhage"],
    "Amsterdam": ["Amsterdam", "Amsterdam", "A'dam", "AMSTERDAM"],
    "Rotterdam": ["Rotterdam", "Rotterdam", "R'dam", "ROTTERDAM"],
    "Zaandam": ["Zaandam", "Zaandam", "Zaanstad"],
    "Naaldwijk": ["Naaldwijk", "Naaldwijk", "Westland"],
}

STREET_STEMS = (
    "Kerk",
    "Dorps",
    "School",
    "Molen",
    "Stations",
    "Juliana",
    "Beatrix",
    "Wilhelmina",
    "Nieuw",
    "Markt",
    "Industrie",
    "Parallel",
    "Kastanje",
    "Eiken",
    "Beuken",
    "Linden",
    "Esdoorn",
    "Berken",
    "Populier",
    "Zonnebloem",
    "Tulp",
    "Roos",
    "Anjer",
    "Merel",
    "Lijster",
    "Spreeuw",
    "Meeuwen",
    "Haven",
    "Dijk",
    "Polder",
    "Kanaal",
    "Brug",
    "Sluis",
    "Willem",
    "Oranje",
    "Prins Hendrik",
    "Koningin Emma",
    "Burgemeester de Vlugt",
    "Van Goghs",
    "Rembrandt",
    "Vondel",
    "Tolstoj",
    "Einstein",
    "Marconi",
    "Edison",
    "Goudsbloem",
    "Zeeman",
    "Noorder",
    "Zuider",
    "Ooster",
    "Wester",
    "Hoofd",
    "Achter",
    "Voor",
    "Lange",
    "Korte",
    "Nieuwe Binnen",
    "Oude Gracht",
    "Heren",
    "Keizers",
    "Prinsen",
    "Bloem",
)
STREET_KINDS = (
    "straat",
    "straat",
    "straat",
    "weg",
    "laan",
    "laan",
    "plein",
    "kade",
    "singel",
    "gracht",
    "hof",
    "dreef",
    "pad",
)
_STREET_SHORT = {
    "straat": ["str.", "str", "straat"],
    "laan": ["ln.", "laan"],
    "weg": ["wg.", "weg"],
    "plein": ["pl.", "plein"],
    "singel": ["sngl", "singel"],
}
_PREFIX_SHORT = {"Burgemeester": "Burg.", "Koningin": "Kon.", "Prins": "Pr.", "Van ": "v. "}


@dataclass(frozen=True)
class Address:
    city: str
    postcode: str  # "1234AB"
    street: str
    number: int
    addition: str  # "", "A", "bis", "II", "hs", "2"


class Places:
    """The streets of every postcode area, made once per generator run."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.city_names = [c[0] for c in CITIES]
        self.city_weights = [c[2] for c in CITIES]
        self.ranges = {c[0]: c[1] for c in CITIES}
        self.streets: dict[str, list[tuple[str, str]]] = {}
        for city, _, _ in CITIES:
            names = set()
            while len(names) < 40:
                names.add(rng.choice(STREET_STEMS) + rng.choice(STREET_KINDS))
            # one postcode (the letters included) per stretch of a street
            self.streets[city] = [(street, self._postcode(city)) for street in sorted(names)]

    def _postcode(self, city: str) -> str:
        lo, hi = self.ranges[city]
        letters = "ABCDEGHJKLMNPRSTVWXZ"
        return f"{self.rng.randint(lo, hi)}{self.rng.choice(letters)}{self.rng.choice(letters)}"

    def draw(self, city: str | None = None) -> Address:
        rng = self.rng
        city = city or rng.choices(self.city_names, weights=self.city_weights)[0]
        street, postcode = rng.choice(self.streets[city])
        number = int(rng.paretovariate(1.2) * 3) % 300 + 1
        addition = rng.choices(
            ["", "A", "B", "bis", "II", "hs", "1", "2"], weights=[80, 6, 3, 1, 3, 2, 3, 2]
        )[0]
        return Address(city, postcode, street, number, addition)

    def draw_near(self, address: Address) -> Address:
        """Another address in the same city (a move within town)."""
        return self.draw(address.city if self.rng.random() < 0.6 else None)


def write_postcode(rng: random.Random, postcode: str) -> str:
    x = rng.random()
    if x < 0.5:
        return postcode
    if x < 0.8:
        return f"{postcode[:4]} {postcode[4:]}"
    if x < 0.9:
        return postcode.lower()
    if x < 0.95:
        return postcode[:4]  # the letters left off
    return keyboard_slip(rng, postcode)


def write_street(rng: random.Random, street: str) -> str:
    out = street
    if rng.random() < 0.2:
        for kind, ways in _STREET_SHORT.items():
            if out.endswith(kind):
                out = out[: -len(kind)] + rng.choice(ways)
                break
    if rng.random() < 0.4:
        for long, short in _PREFIX_SHORT.items():
            out = out.replace(long, short)
    if rng.random() < 0.05:
        out = keyboard_slip(rng, out)
    return out.upper() if rng.random() < 0.08 else out


def write_house_number(rng: random.Random, number: int, addition: str) -> str:
    if not addition:
        return str(number)
    sep = rng.choice(["", "-", " ", "-", ""]) if addition not in ("bis", "hs") else " "
    if addition in ("II", "1", "2") and rng.random() < 0.3:
        return f"{number}-{addition}" if rng.random() < 0.5 else str(number)  # floor left off
    return f"{number}{sep}{addition.lower() if rng.random() < 0.3 else addition}"


def write_city(rng: random.Random, city: str) -> str:
    ways = CITY_WAYS.get(city)
    out = rng.choice(ways) if ways else city
    if rng.random() < 0.03:
        out = keyboard_slip(rng, out)
    return out.upper() if rng.random() < 0.1 else out


# ---------------------------------------------------------------- phones
# country code, mobile prefixes, digits after the prefix, national trunk prefix
PHONE_PLANS = {
    "nl": ("31", ["61", "62", "63", "64", "65", "68"], 7, "0"),
    "tr": ("90", ["530", "532", "533", "535", "536", "542", "544", "505", "506"], 7, "0"),
    "ma": ("212", ["61", "62", "66", "67", "65", "70"], 7, "0"),
    "pl": ("48", ["50", "51", "53", "57", "60", "66", "69", "72", "78", "88"], 7, ""),
    "ro": ("40", ["72", "73", "74", "75", "76", "78"], 7, "0"),
    "ua": ("380", ["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98"], 7, "0"),
    "ng": ("234", ["803", "806", "813", "816", "703", "706", "810", "814", "903", "805"], 7, "0"),
    "er": ("291", ["7"], 6, "0"),
}


def new_phone(rng: random.Random, country: str) -> tuple[str, str]:
    """(country, national significant number) of a new mobile number."""
    _, prefixes, digits, _ = PHONE_PLANS[country]
    return country, rng.choice(prefixes) + "".join(rng.choice("0123456789") for _ in range(digits))


def write_phone(rng: random.Random, phone: tuple[str, str]) -> str:
    country, number = phone
    code, _, _, trunk = PHONE_PLANS[country]
    x = rng.random()
    if country == "nl":
        if x < 0.3:
            return f"0{number}"
        if x < 0.5:
            return f"0{number[0]}-{number[1:]}"
        if x < 0.65:
            return f"+31{number}"
        if x < 0.75:
            return f"+31 {number[0]} {number[1:5]} {number[5:]}"
        if x < 0.83:
            return f"0031{number}"
        if x < 0.9:
            return f"+31 (0){number}"
        return f"0{number[0]} {number[1:3]} {number[3:5]} {number[5:7]} {number[7:]}"
    if x < 0.45:
        return f"+{code}{number}"
    if x < 0.7:
        groups = [number[i : i + 3] for i in range(0, len(number), 3)]
        return f"+{code} " + " ".join(groups)
    if x < 0.85:
        return f"00{code}{number}"
    if x < 0.93:
        return f"{trunk}{number}"  # written as dialled at home: no country code
    return f"{code}{number}"
