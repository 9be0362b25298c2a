"""Registration numbers: licence plates, Chamber of Commerce (KvK) numbers, bank accounts
(IBAN), citizen service numbers (BSN) and identity documents."""

from __future__ import annotations

import re
from typing import Any

from zicht.matching.normalise.text import as_text, compact_upper

# Dutch licence-plate sidecodes (kentekens): L = letter, D = digit. 1-14 in RDW's numbering.
_SIDECODES: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (i + 1, re.compile(p))
    for i, p in enumerate(
        (
            r"[A-Z]{2}\d{2}\d{2}",  # 1  XX-99-99
            r"\d{2}\d{2}[A-Z]{2}",  # 2  99-99-XX
            r"\d{2}[A-Z]{2}\d{2}",  # 3  99-XX-99
            r"[A-Z]{2}\d{2}[A-Z]{2}",  # 4  XX-99-XX
            r"[A-Z]{2}[A-Z]{2}\d{2}",  # 5  XX-XX-99
            r"\d{2}[A-Z]{2}[A-Z]{2}",  # 6  99-XX-XX
            r"\d{2}[A-Z]{3}\d",  # 7  99-XXX-9
            r"\d[A-Z]{3}\d{2}",  # 8  9-XXX-99
            r"[A-Z]{2}\d{3}[A-Z]",  # 9  XX-999-X
            r"[A-Z]\d{3}[A-Z]{2}",  # 10 X-999-XX
            r"[A-Z]{3}\d{2}[A-Z]",  # 11 XXX-99-X
            r"[A-Z]\d{2}[A-Z]{3}",  # 12 X-99-XXX
            r"\d[A-Z]{2}\d{3}",  # 13 9-XX-999
            r"\d{3}[A-Z]{2}\d",  # 14 999-XX-9
        )
    )
)


def dutch_plate_sidecode(value: Any) -> int | None:
    """RDW sidecode (1-14) of a Dutch licence plate, or None when it fits none."""
    plate = compact_upper(value)
    if plate is None or len(plate) != 6:
        return None
    for code, pattern in _SIDECODES:
        if pattern.fullmatch(plate):
            return code
    return None


def normalise_licence_plate(value: Any) -> str | None:
    """Licence plate in capitals without dashes or spaces ("12-abc-3" → "12ABC3"). Dutch plates
    must fit a sidecode; foreign plates are accepted as 2-10 letters and digits with at
    least one digit."""
    plate = compact_upper(value)
    if plate is None or not re.fullmatch(r"[A-Z0-9]{2,10}", plate):
        return None
    if dutch_plate_sidecode(plate) is not None:
        return plate
    if not re.search(r"\d", plate):
        return None
    return plate


def normalise_kvk(value: Any) -> str | None:
    """Chamber of Commerce (KvK) number: exactly eight digits after removing spaces and dots."""
    text = as_text(value)
    if text is None:
        return None
    text = re.sub(r"[\s.\-]", "", text)
    if text.upper().startswith("KVK"):
        text = text[3:].lstrip(":")
    return text if re.fullmatch(r"\d{8}", text) else None


def normalise_iban(value: Any) -> str | None:
    """IBAN in capitals without spaces, only when the ISO 13616 mod-97 check passes."""
    text = compact_upper(value)
    if text is None:
        return None
    if text.startswith("IBAN"):
        text = text[4:]
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", text):
        return None
    if text.startswith("NL") and not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", text):
        return None
    rearranged = text[4:] + text[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return text if int(digits) % 97 == 1 else None


def normalise_bsn(value: Any) -> str | None:
    """Citizen service number (BSN): nine digits (eight get a leading zero) passing the
    eleven-test."""
    text = as_text(value)
    if text is None:
        return None
    text = re.sub(r"[\s.\-]", "", text)
    if not re.fullmatch(r"\d{8,9}", text):
        return None
    text = text.zfill(9)
    total = sum(int(d) * w for d, w in zip(text[:8], range(9, 1, -1), strict=True))
    total -= int(text[8])
    if total % 11 != 0 or text == "000000000":
        return None
    return text


def normalise_document_number(value: Any) -> str | None:
    """Passport, identity card or residence document number: capitals and digits only, 5-20
    characters with at least one digit. The letter O, which Dutch documents do not use, is
    read as the digit 0 in a Dutch-looking number (nine characters, two letters first)."""
    text = compact_upper(value)
    if text is None or not re.fullmatch(r"[A-Z0-9]{5,20}", text):
        return None
    if not re.search(r"\d", text):
        return None
    if len(text) == 9 and re.fullmatch(r"[A-Z]{2}[A-Z0-9]{6}\d", text):
        text = text[:2] + text[2:].replace("O", "0")
    return text
