"""Dutch addresses: postcode, house number and addition, street and city."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zicht.matching.normalise.names import normalise_name
from zicht.matching.normalise.text import as_text, ascii_fold

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Z]{2})$")


def normalise_postcode(value: Any) -> str | None:
    """Dutch postcode as ``1234AB``; a bare four-digit area (``1234``) is kept as such. The
    letter pairs SA, SD and SS are not issued and give None."""
    text = as_text(value)
    if text is None:
        return None
    text = ascii_fold(text).upper().replace("-", " ").strip()
    match = _POSTCODE.match(text)
    if match:
        if match.group(2) in {"SA", "SD", "SS"}:
            return None
        return match.group(1) + match.group(2)
    if re.fullmatch(r"[1-9][0-9]{3}", text):
        return text
    return None


_HOUSE_NUMBER = re.compile(r"^(\d{1,5})\s*[-/ ]?\s*([A-Z0-9]{0,6})$")


def normalise_house_number(value: Any) -> tuple[int, str] | None:
    """House number and addition: "12", "12a", "12-A", "12 hs", "12-2" → (12, ""), (12, "A"),
    (12, "A"), (12, "HS"), (12, "2")."""
    text = as_text(value)
    if text is None:
        return None
    text = ascii_fold(text).upper().strip()
    text = re.sub(r"[.\s]+", " ", text)
    text = text.replace(" - ", "-")
    match = _HOUSE_NUMBER.match(text)
    if not match:
        return None
    number = int(match.group(1))
    if number == 0:
        return None
    return number, match.group(2)


_STREET_ABBREVIATIONS = {
    "str": "straat",
    "ln": "laan",
    "pl": "plein",
    "wg": "weg",
    "gr": "gracht",
    "st": "street",
    "rd": "road",
}


def normalise_street(value: Any) -> str | None:
    """Lower-case ASCII street name, common abbreviations written out ("Kerkstr." → "kerkstraat"),
    spaces removed so that "Kerk straat" and "Kerkstraat" agree."""
    text = as_text(value)
    if text is None:
        return None
    text = ascii_fold(text).lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    words = text.split()
    if not words:
        return None
    if words[-1] in _STREET_ABBREVIATIONS:
        words[-1] = _STREET_ABBREVIATIONS[words[-1]]
    elif words[-1].endswith("str") and len(words[-1]) > 3:
        words[-1] = words[-1][:-3] + "straat"
    street = "".join(words)
    return street if re.search(r"[a-z]", street) else None


@dataclass(frozen=True)
class DutchAddress:
    postcode: str | None
    house_number: int | None
    addition: str
    street: str | None
    city: str | None

    @property
    def key(self) -> str | None:
        """``1234AB|12|A``: postcode plus house number (and addition), the address identity.
        None unless both a full postcode and a house number are known."""
        if self.postcode is None or len(self.postcode) != 6 or self.house_number is None:
            return None
        return f"{self.postcode}|{self.house_number}|{self.addition}"


def normalise_address(
    street: Any = None, house_number: Any = None, postcode: Any = None, city: Any = None
) -> DutchAddress | None:
    """Normalise the parts of an address; None when no part is usable."""
    pc = normalise_postcode(postcode)
    hn = normalise_house_number(house_number)
    st = normalise_street(street)
    ct = normalise_name(city)
    if pc is None and hn is None and st is None and ct is None:
        return None
    return DutchAddress(
        postcode=pc,
        house_number=hn[0] if hn else None,
        addition=hn[1] if hn else "",
        street=st,
        city=ct,
    )
