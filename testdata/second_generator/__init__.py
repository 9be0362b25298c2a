"""A second generator of synthetic Dutch person registrations, written independently of
:mod:`testdata.synthetic_persons` so that the linkage can be validated on data it was not
tuned on (docs/linkage.md, "Validation across generators").

Its own name sources and frequencies (Dutch, Turkish, Moroccan, Polish, Romanian, Ukrainian,
Nigerian and Eritrean names, each with its own spelling variation), error processes
(keyboard slips, scanner confusions, Dutch-ear respellings, five transliteration systems for
Cyrillic), partial dates of several kinds (year, month and year, 00-00, XX-XX, the age given
as a year, 1 January for an unknown date, two-digit years, American order), households
(couples with married names, children, twins, a son named after his father), adult siblings,
migrant workers at an agency's address, persons in shelters and reception centres, moves and
new phone numbers, and seven organisations each with their own habits.

    generate(n_records, seed) -> pandas.DataFrame   # the CLI's columns plus person_id
    python -m testdata.second_generator N --seed S --out FILE.csv
"""

from __future__ import annotations

import pandas as pd

from testdata.second_generator.population import Population
from testdata.second_generator.registrations import COLUMNS, registrations

__all__ = ["COLUMNS", "generate"]


def generate(n_records: int, seed: int = 0) -> pd.DataFrame:
    """``n_records`` registrations (exactly) of synthetic persons; ``person_id`` is the truth.
    Empty fields are None. The same seed gives the same records."""
    population = Population(seed)
    population.build(n_records)
    rows = registrations(population)[:n_records]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.replace("", None)
