"""The record features the model compares: normalised and composed values (name keys,
phonetic codes, the parts of a date of birth, the address key) made from the CLI's input columns.

The batch frame (:func:`features`) and the known-check's record features
(:func:`zicht.matching.scoring.record_features`) are built from the same functions here, so a
pair scores the same in both. Large inputs are normalised in worker processes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

import pandas as pd

from zicht.matching import normalise as n

logger = logging.getLogger(__name__)

#: Input columns the CLI understands (``record_id`` is required).
INPUT_COLUMNS = (
    "record_id",
    "source",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "nationality",
    "phone",
    "street",
    "house_number",
    "postcode",
    "city",
    "email",
    "id_number",
)

#: Feature columns made by :func:`features`, all strings or None.
FEATURE_COLUMNS = (
    "unique_id",
    "source",
    "fn1",
    "fn_key",
    "fn_ph",
    "ln",
    "ln_key",
    "ln_ph",
    "name_tok",
    "dob",
    "dob_swap",
    "dob_y",
    "dob_ym",
    "sex",
    "nat",
    "phone",
    "pc",
    "hn",
    "addr",
    "street",
    "city",
    "email",
    "id_no",
)


def first_name_features(value: Any) -> tuple[str | None, str | None, str | None]:
    name = n.normalise_first_name(value)
    if name is None:
        return None, None, None
    first = name.split()[0]
    # a surname in the first-name field (first and last name swapped): "de Broek", "van der
    # Berg" give the surname core, as the surname field would, not the particle
    surname = n.surname_in_first_name(value)
    if surname is not None:
        first = surname.core.replace(" ", "")
    key = n.name_key(first)
    return first, key.replace(" ", "") if key else None, n.phonetic_key(first)


def surname_features(value: Any) -> tuple[str | None, str | None, str | None]:
    surname = n.normalise_surname(value)
    if surname is None:
        return None, None, None
    core = surname.core.replace(" ", "")
    key = n.name_key(surname.core)
    return core, key.replace(" ", "") if key else None, n.phonetic_key(surname.core)


def dob_features(value: Any) -> tuple[str | None, str | None, str | None, str | None]:
    date = n.normalise_birth_date(value)
    if date is None:
        return None, None, None, None
    swapped = date.swapped()
    full = date.iso if date.is_full else None
    ym = f"{date.year:04d}-{date.month:02d}" if date.month else None
    return full, swapped.iso if swapped else None, f"{date.year:04d}", ym


def phone_feature(value: Any) -> str | None:
    return n.normalise_phone(value, possible=True)


#: Inputs with at least this many records normalise their distinct values in worker processes
#: (one per core), each column with at least ``_PARALLEL_MIN_DISTINCT`` distinct values.
_PARALLEL_MIN_RECORDS = 200_000
_PARALLEL_MIN_DISTINCT = 20_000


class _Workers:
    """Worker processes for normalising; if they cannot start (a program read from stdin,
    for example) everything is done in this process."""

    def __init__(self, pool: Executor) -> None:
        self.pool: Executor | None = pool

    def map(self, func: Callable[[Any], Any], values: list[Any]) -> list[Any] | None:
        if self.pool is None:
            return None
        chunk = max(1, len(values) // (8 * (os.cpu_count() or 1)))
        try:
            return list(self.pool.map(func, values, chunksize=chunk))
        except BrokenExecutor as exc:
            logger.warning("normalising in one process: %s", exc)
            self.pool = None
            return None


def _cached(
    func: Callable[[Any], Any], values: pd.Series, workers: _Workers | None = None
) -> list[Any]:
    """Apply ``func`` once per distinct value (names and dates repeat a lot), in worker
    processes if there are many distinct values."""
    keys = [
        None if value is None or (isinstance(value, float) and value != value) else value
        for value in values.tolist()
    ]
    distinct = list(dict.fromkeys(keys))
    results = None
    if workers is not None and len(distinct) >= _PARALLEL_MIN_DISTINCT:
        results = workers.map(func, distinct)
    if results is None:
        results = [func(key) for key in distinct]
    cache = dict(zip(distinct, results, strict=True))
    return [cache[key] for key in keys]


@contextmanager
def _worker_pool(n_records: int) -> Iterator[_Workers | None]:
    cores = os.cpu_count() or 1
    if n_records < _PARALLEL_MIN_RECORDS or cores < 2:
        yield None
        return
    # not forked from this process: the caller may hold threads (DuckDB, Spark's gateway)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(cores, mp_context=context) as pool:
        yield _Workers(pool)


def name_token(fn_key: str | None, ln_key: str | None) -> str | None:
    """Both name keys in sorted order: the same for swapped first and last names."""
    keys = {key for key in (fn_key, ln_key) if key is not None}
    return " ".join(sorted(keys)) if (fn_key or ln_key) else None


def house_feature(house: tuple | None) -> str | None:
    """A normalised (number, addition) as one text."""
    return f"{house[0]}{house[1]}" if house else None


def address_feature(pc: str | None, hn: str | None) -> str | None:
    """Full postcode and house number: the address as a key."""
    return f"{pc}|{hn}" if pc and len(pc) == 6 and hn else None


def city_feature(value: Any) -> str | None:
    return (n.normalise_name(value) or "").replace(" ", "") or None


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name].astype(object).where(df[name].notna(), None)
    return pd.Series([None] * len(df), index=df.index, dtype=object)


def features(df: pd.DataFrame) -> pd.DataFrame:
    """Normalised feature frame (:data:`FEATURE_COLUMNS`) from an input frame with the CLI's
    columns. Missing input columns give all-None features. The columns are built as lists
    and framed once (inserting them one by one copies the frame each time)."""
    with _worker_pool(len(df)) as pool:
        out = _features(df, pool)
    return pd.DataFrame(out, dtype=object)


def _features(df: pd.DataFrame, pool: _Workers | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "unique_id": df["record_id"].astype(str).tolist(),
        "source": [None if v is None else str(v).strip() for v in _column(df, "source")],
    }
    first = _cached(first_name_features, _column(df, "first_name"), pool)
    out["fn1"] = [f[0] for f in first]
    out["fn_key"] = [f[1] for f in first]
    out["fn_ph"] = [f[2] for f in first]
    last = _cached(surname_features, _column(df, "last_name"), pool)
    out["ln"] = [f[0] for f in last]
    out["ln_key"] = [f[1] for f in last]
    out["ln_ph"] = [f[2] for f in last]
    out["name_tok"] = [name_token(a, b) for a, b in zip(out["fn_key"], out["ln_key"], strict=True)]

    dob = _cached(dob_features, _column(df, "birth_date"), pool)
    out["dob"] = [d[0] for d in dob]
    out["dob_swap"] = [d[1] for d in dob]
    out["dob_y"] = [d[2] for d in dob]
    out["dob_ym"] = [d[3] for d in dob]

    out["sex"] = _cached(n.normalise_sex, _column(df, "sex"), pool)
    out["nat"] = _cached(n.normalise_nationality, _column(df, "nationality"), pool)
    out["phone"] = _cached(phone_feature, _column(df, "phone"), pool)
    out["pc"] = _cached(n.normalise_postcode, _column(df, "postcode"), pool)
    house = _cached(n.normalise_house_number, _column(df, "house_number"), pool)
    out["hn"] = [house_feature(h) for h in house]
    out["addr"] = [address_feature(pc, hn) for pc, hn in zip(out["pc"], out["hn"], strict=True)]
    out["street"] = _cached(n.normalise_street, _column(df, "street"), pool)
    out["city"] = _cached(city_feature, _column(df, "city"))
    out["email"] = _cached(n.normalise_email, _column(df, "email"), pool)
    out["id_no"] = _cached(n.normalise_document_number, _column(df, "id_number"), pool)
    return out


def present_features(feats: pd.DataFrame) -> set[str]:
    """Feature columns that hold at least one value."""
    return {c for c in feats.columns if feats[c].notna().any()}
