"""How the monitor's victim records hold a person's attributes: as small integers, so that
the person figures are integer arithmetic in the database (victim_records.py,
figures/persons.py).

Fixed here rather than derived from the order of the choices, so that a new value gets a
new code instead of shifting the others; a change of meaning (a country joining the EU)
needs the records rebuilt (``manage.py refresh_victim_records``).
"""

from __future__ import annotations

from zicht.intake.vocabulary import Sex

#: The code of an unknown value (exploitation form, sector, nationality group, age band).
UNKNOWN = "unknown"

# EU member states (ISO 3166-1 alpha-2), the Netherlands excluded; Greece as GR (ISO),
# also accepting EL (the EU's own code).
EU_COUNTRIES = frozenset(
    ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE",
     "IT", "LV", "LT", "LU", "MT", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
)  # fmt: skip

# Exploitation forms of a report, as bits (a report naming none: unknown).
FORM_BITS = {
    "sexual": 1,
    "labour": 2,
    "criminal": 4,
    "organ_removal": 8,
    "other": 16,
    "unknown": 32,
}

# Sex; "unknown" is no code (NULL), a value outside these counts as OTHER_SEX.
SEX_CODES = {Sex.FEMALE.value: 1, Sex.MALE.value: 2, Sex.OTHER.value: 3}
OTHER_SEX = 7

# Nationality group; no nationality recorded is no code (NULL).
NATIONALITY_CODES = {"dutch": 0, "eu": 1, "non_eu": 2}
