"""Shared fixtures: the reference tables and the published values copied from their sources."""

import json
from pathlib import Path

import pytest

from zicht.estimation.data import CaptureTable, read_table

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DATA / "expected.json").read_text())


@pytest.fixture(scope="session")
def table():
    cache: dict[str, CaptureTable] = {}

    def load(name: str) -> CaptureTable:
        if name not in cache:
            cache[name] = read_table(DATA / name)
        return cache[name]

    return load
