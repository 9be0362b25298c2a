"""Normalisation of identifiers before linkage and pseudonymisation.

Every public ``normalise_*`` function accepts anything (``None``, numbers, junk strings) and
returns ``None`` when it cannot make a valid value out of it; none of them raises. The rules are
described in docs/linkage.md. One module per kind of identifier: ``names``, ``dates``,
``contact`` (phones, e-mail), ``addresses``, ``registration_numbers`` (licence plates, KvK,
IBAN, BSN, documents) and ``sex_and_nationality``; this package exports their public names.
"""

from __future__ import annotations

from zicht.matching.normalise.addresses import (
    DutchAddress,
    normalise_address,
    normalise_house_number,
    normalise_postcode,
    normalise_street,
)
from zicht.matching.normalise.contact import normalise_email, normalise_phone
from zicht.matching.normalise.dates import BirthDate, normalise_birth_date
from zicht.matching.normalise.names import (
    PARTICLES,
    Surname,
    name_key,
    name_tokens,
    normalise_first_name,
    normalise_name,
    normalise_surname,
    phonetic_key,
    surname_in_first_name,
)
from zicht.matching.normalise.registration_numbers import (
    dutch_plate_sidecode,
    normalise_bsn,
    normalise_document_number,
    normalise_iban,
    normalise_kvk,
    normalise_licence_plate,
)
from zicht.matching.normalise.sex_and_nationality import normalise_nationality, normalise_sex

__all__ = [
    "PARTICLES",
    "BirthDate",
    "DutchAddress",
    "Surname",
    "dutch_plate_sidecode",
    "name_key",
    "name_tokens",
    "normalise_address",
    "normalise_birth_date",
    "normalise_bsn",
    "normalise_document_number",
    "normalise_email",
    "normalise_first_name",
    "normalise_house_number",
    "normalise_iban",
    "normalise_kvk",
    "normalise_licence_plate",
    "normalise_name",
    "normalise_nationality",
    "normalise_phone",
    "normalise_postcode",
    "normalise_sex",
    "normalise_street",
    "normalise_surname",
    "phonetic_key",
    "surname_in_first_name",
]
