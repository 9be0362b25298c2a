"""The linkage model: features, comparisons and blocking rules, in one place.

Each comparison level is written once as a portable SQL condition (it runs unchanged on DuckDB
and on Spark) and once as the same rule in Python, so that a pair of records can be scored
outside a database with the trained weights (:func:`zicht.linkage.scoring.score_pair`). A test
checks that the two agree on every scored pair.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import jellyfish
import pandas as pd

from zicht.linkage import normalise as n

Row = Mapping[str, Any]

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


# --------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------


def _first_name_features(value: Any) -> tuple[str | None, str | None, str | None]:
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


def _surname_features(value: Any) -> tuple[str | None, str | None, str | None]:
    surname = n.normalise_surname(value)
    if surname is None:
        return None, None, None
    core = surname.core.replace(" ", "")
    key = n.name_key(surname.core)
    return core, key.replace(" ", "") if key else None, n.phonetic_key(surname.core)


def _dob_features(value: Any) -> tuple[str | None, str | None, str | None, str | None]:
    date = n.normalise_birth_date(value)
    if date is None:
        return None, None, None, None
    swapped = date.swapped()
    full = date.iso if date.is_full else None
    ym = f"{date.year:04d}-{date.month:02d}" if date.month else None
    return full, swapped.iso if swapped else None, f"{date.year:04d}", ym


def _phone_feature(value: Any) -> str | None:
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
    first = _cached(_first_name_features, _column(df, "first_name"), pool)
    out["fn1"] = [f[0] for f in first]
    out["fn_key"] = [f[1] for f in first]
    out["fn_ph"] = [f[2] for f in first]
    last = _cached(_surname_features, _column(df, "last_name"), pool)
    out["ln"] = [f[0] for f in last]
    out["ln_key"] = [f[1] for f in last]
    out["ln_ph"] = [f[2] for f in last]
    out["name_tok"] = [name_token(a, b) for a, b in zip(out["fn_key"], out["ln_key"], strict=True)]

    dob = _cached(_dob_features, _column(df, "birth_date"), pool)
    out["dob"] = [d[0] for d in dob]
    out["dob_swap"] = [d[1] for d in dob]
    out["dob_y"] = [d[2] for d in dob]
    out["dob_ym"] = [d[3] for d in dob]

    out["sex"] = _cached(n.normalise_sex, _column(df, "sex"), pool)
    out["nat"] = _cached(n.normalise_nationality, _column(df, "nationality"), pool)
    out["phone"] = _cached(_phone_feature, _column(df, "phone"), pool)
    out["pc"] = _cached(n.normalise_postcode, _column(df, "postcode"), pool)
    house = _cached(n.normalise_house_number, _column(df, "house_number"), pool)
    out["hn"] = [house_feature(h) for h in house]
    out["addr"] = [address_feature(pc, hn) for pc, hn in zip(out["pc"], out["hn"], strict=True)]
    out["street"] = _cached(n.normalise_street, _column(df, "street"), pool)
    out["city"] = _cached(city_feature, _column(df, "city"))
    out["email"] = _cached(n.normalise_email, _column(df, "email"), pool)
    out["id_no"] = _cached(n.normalise_document_number, _column(df, "id_number"), pool)
    return out


# --------------------------------------------------------------------------------------------
# Comparisons: SQL for Splink and the same rule in Python
# --------------------------------------------------------------------------------------------


def _lev(a: str | None, b: str | None) -> int:
    if a is None or b is None:
        return 1_000_000
    return jellyfish.levenshtein_distance(a, b)


def _eq(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a == b


@dataclass(frozen=True)
class Level:
    label: str
    sql: str
    test: Callable[[Row, Row], bool]
    is_null: bool = False
    tf_column: str | None = None  # term-frequency adjustment: rare values weigh more


@dataclass(frozen=True)
class ComparisonSpec:
    name: str
    needs: tuple[str, ...]  # feature columns that must be present for this comparison
    levels: tuple[Level, ...]
    description: str


def _else() -> Level:
    return Level("all other", "ELSE", lambda a, b: True)


def _null(*cols: str) -> Level:
    sql = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)
    return Level(
        "null",
        sql,
        lambda a, b: any(a.get(c) is None or b.get(c) is None for c in cols),
        is_null=True,
    )


def _both_fuzzy(k: int) -> Level:
    straight = f"levenshtein(fn_key_l, fn_key_r) <= {k} AND levenshtein(ln_key_l, ln_key_r) <= {k}"
    crossed = f"levenshtein(fn_key_l, ln_key_r) <= {k} AND levenshtein(ln_key_l, fn_key_r) <= {k}"

    def test(a: Row, b: Row) -> bool:
        return (_lev(a["fn_key"], b["fn_key"]) <= k and _lev(a["ln_key"], b["ln_key"]) <= k) or (
            _lev(a["fn_key"], b["ln_key"]) <= k and _lev(a["ln_key"], b["fn_key"]) <= k
        )

    return Level(
        f"both names within {k} edit(s), either order", f"({straight}) OR ({crossed})", test
    )


NAME = ComparisonSpec(
    name="name",
    needs=("fn_key", "ln_key"),
    description="first name and surname core, tolerant of particles, transliteration, order",
    levels=(
        _null("fn_key", "ln_key"),
        Level(
            "exact first name and surname",
            "fn1_l = fn1_r AND ln_l = ln_r",
            lambda a, b: _eq(a["fn1"], b["fn1"]) and _eq(a["ln"], b["ln"]),
        ),
        Level(
            "same transliteration keys",
            "fn_key_l = fn_key_r AND ln_key_l = ln_key_r",
            lambda a, b: _eq(a["fn_key"], b["fn_key"]) and _eq(a["ln_key"], b["ln_key"]),
        ),
        Level(
            "first name and surname swapped",
            "fn_key_l = ln_key_r AND ln_key_l = fn_key_r",
            lambda a, b: _eq(a["fn_key"], b["ln_key"]) and _eq(a["ln_key"], b["fn_key"]),
        ),
        _both_fuzzy(1),
        Level(
            "same phonetic codes",
            "fn_ph_l = fn_ph_r AND ln_ph_l = ln_ph_r",
            lambda a, b: _eq(a["fn_ph"], b["fn_ph"]) and _eq(a["ln_ph"], b["ln_ph"]),
        ),
        _both_fuzzy(2),
        Level(
            "same surname, other first name",
            "ln_key_l = ln_key_r",
            lambda a, b: _eq(a["ln_key"], b["ln_key"]),
        ),
        Level(
            "same first name, other surname",
            "fn_key_l = fn_key_r",
            lambda a, b: _eq(a["fn_key"], b["fn_key"]),
        ),
        _else(),
    ),
)

DOB = ComparisonSpec(
    name="birth_date",
    needs=("dob_y",),
    description="date of birth, tolerant of day/month swaps, partial dates and one-digit typos",
    levels=(
        _null("dob_y"),
        Level("exact date", "dob_l = dob_r", lambda a, b: _eq(a["dob"], b["dob"])),
        Level(
            "day and month swapped",
            "dob_l = dob_swap_r",
            lambda a, b: _eq(a["dob"], b["dob_swap"]),
        ),
        Level(
            "partial date agrees",
            "(dob_l IS NULL OR dob_r IS NULL) AND dob_y_l = dob_y_r "
            "AND (dob_ym_l IS NULL OR dob_ym_r IS NULL OR dob_ym_l = dob_ym_r)",
            lambda a, b: (
                (a["dob"] is None or b["dob"] is None)
                and _eq(a["dob_y"], b["dob_y"])
                and (a["dob_ym"] is None or b["dob_ym"] is None or a["dob_ym"] == b["dob_ym"])
            ),
        ),
        Level(
            "one digit differs",
            "levenshtein(dob_l, dob_r) <= 1",
            lambda a, b: _lev(a["dob"], b["dob"]) <= 1,
        ),
        Level(
            "same year",
            "dob_y_l = dob_y_r",
            lambda a, b: _eq(a["dob_y"], b["dob_y"]),
        ),
        _else(),
    ),
)


def _fuzzy(col: str, k: int) -> Level:
    return Level(
        f"within {k} edit(s)",
        f"levenshtein({col}_l, {col}_r) <= {k}",
        lambda a, b: _lev(a[col], b[col]) <= k,
    )


def _exact(name: str, col: str, description: str, fuzzy: int = 0) -> ComparisonSpec:
    levels = [
        _null(col),
        Level("exact", f"{col}_l = {col}_r", lambda a, b: _eq(a[col], b[col])),
    ]
    levels.extend(_fuzzy(col, k) for k in range(1, fuzzy + 1))
    levels.append(_else())
    return ComparisonSpec(name, (col,), tuple(levels), description)


ADDRESS = ComparisonSpec(
    name="address",
    needs=("city",),
    description="postcode + house number; street + house number; postcode; city",
    levels=(
        Level(
            "null",
            "(addr_l IS NULL OR addr_r IS NULL) AND (hn_l IS NULL OR hn_r IS NULL "
            "OR street_l IS NULL OR street_r IS NULL) AND (pc_l IS NULL OR pc_r IS NULL) "
            "AND (city_l IS NULL OR city_r IS NULL)",
            lambda a, b: (
                (a["addr"] is None or b["addr"] is None)
                and (
                    a["hn"] is None or b["hn"] is None or a["street"] is None or b["street"] is None
                )
                and (a["pc"] is None or b["pc"] is None)
                and (a["city"] is None or b["city"] is None)
            ),
            is_null=True,
        ),
        Level(
            "same postcode and house number",
            "addr_l = addr_r",
            lambda a, b: _eq(a["addr"], b["addr"]),
        ),
        Level(
            "same street and house number",
            "street_l = street_r AND hn_l = hn_r",
            lambda a, b: _eq(a["street"], b["street"]) and _eq(a["hn"], b["hn"]),
        ),
        Level(
            "street within 2 edits and same house number",
            "levenshtein(street_l, street_r) <= 2 AND hn_l = hn_r",
            lambda a, b: _lev(a["street"], b["street"]) <= 2 and _eq(a["hn"], b["hn"]),
        ),
        Level("same postcode", "pc_l = pc_r", lambda a, b: _eq(a["pc"], b["pc"])),
        Level("same city", "city_l = city_r", lambda a, b: _eq(a["city"], b["city"])),
        _else(),
    ),
)

_GUARD_NAME_SQL = (
    "fn_key_l IS NOT NULL AND fn_key_r IS NOT NULL AND ln_key_l IS NOT NULL "
    "AND ln_key_r IS NOT NULL "
    "AND levenshtein(fn_key_l, fn_key_r) > 2 AND levenshtein(fn_key_l, ln_key_r) > 2 "
    "AND levenshtein(ln_key_l, fn_key_r) > 2 AND COALESCE(fn_ph_l <> fn_ph_r, TRUE) "
    "AND COALESCE(id_no_l <> id_no_r, TRUE)"
)
_GUARD_SQL = (
    f"{_GUARD_NAME_SQL} "
    "AND dob_y_l IS NOT NULL AND dob_y_r IS NOT NULL AND ("
    "(dob_l IS NOT NULL AND dob_r IS NOT NULL AND dob_l <> dob_r "
    "AND COALESCE(dob_l <> dob_swap_r, TRUE) AND levenshtein(dob_l, dob_r) > 1) "
    "OR (dob_y_l <> dob_y_r AND (dob_l IS NULL OR dob_r IS NULL)))"
)
_GUARD_NO_DATE_SQL = f"{_GUARD_NAME_SQL} AND (dob_l IS NULL OR dob_r IS NULL)"


def _other_first_name(a: Row, b: Row) -> bool:
    if None in (a["fn_key"], b["fn_key"], a["ln_key"], b["ln_key"]):
        return False
    return not (
        _lev(a["fn_key"], b["fn_key"]) <= 2
        or _lev(a["fn_key"], b["ln_key"]) <= 2
        or _lev(a["ln_key"], b["fn_key"]) <= 2
        or _eq(a["fn_ph"], b["fn_ph"])
        or _eq(a["id_no"], b["id_no"])
    )


def _guard_test(a: Row, b: Row) -> bool:
    if not _other_first_name(a, b) or a["dob_y"] is None or b["dob_y"] is None:
        return False
    if a["dob"] is not None and b["dob"] is not None:
        return a["dob"] != b["dob"] and a["dob"] != b["dob_swap"] and _lev(a["dob"], b["dob"]) > 1
    return a["dob_y"] != b["dob_y"]


def _guard_no_date_test(a: Row, b: Row) -> bool:
    return _other_first_name(a, b) and (a["dob"] is None or b["dob"] is None)


#: m and u of the guard levels are fixed, not trained: an analyst can read them in the model.
GUARD_M, GUARD_U = 1e-4, 0.5
#: The same when a date of birth is missing or only a year (household members who share a
#: phone or an address, one registered without a date).
GUARD_NO_DATE_M, GUARD_NO_DATE_U = 1e-4, 0.5

GUARD_NO_DATE_LABEL = "other first name, a date of birth missing or partial"

GUARD = ComparisonSpec(
    name="different_person_guard",
    needs=("fn_key", "ln_key", "dob_y"),
    description=(
        "household members and namesakes: another first name and another (or no) date of "
        "birth mean another person, whatever phone or address the records share (not an "
        "identity number: that is personal)"
    ),
    levels=(
        Level("other first name and other date of birth", _GUARD_SQL, _guard_test),
        Level(
            GUARD_NO_DATE_LABEL,
            _GUARD_NO_DATE_SQL,
            _guard_no_date_test,
        ),
        _else(),
    ),
)

#: Fixed (m, u) of each guard level but the last ("all other": 1, 1).
GUARD_PROBABILITIES: dict[str, tuple[float, float]] = {
    GUARD.levels[0].label: (GUARD_M, GUARD_U),
    GUARD_NO_DATE_LABEL: (GUARD_NO_DATE_M, GUARD_NO_DATE_U),
}

ALL_COMPARISONS: tuple[ComparisonSpec, ...] = (
    NAME,
    DOB,
    _exact("phone", "phone", "E.164 phone number"),
    ADDRESS,
    _exact("email", "email", "e-mail address"),
    _exact("id_number", "id_no", "document or other identity number", fuzzy=2),
    _exact("sex", "sex", "sex"),
    _exact("nationality", "nat", "nationality"),
    GUARD,
)


def present_features(feats: pd.DataFrame) -> set[str]:
    """Feature columns that hold at least one value."""
    return {c for c in feats.columns if feats[c].notna().any()}


def comparisons_for(present: Iterable[str]) -> list[ComparisonSpec]:
    have = set(present)
    return [c for c in ALL_COMPARISONS if all(col in have for col in c.needs)]


# Blocking rules: (SQL, columns it needs). Together they must find nearly every pair that the
# model links. There are two kinds.
#
# BLOCKING_RULES are always used. Names block only together with part of the date of birth:
# the year (typo in the day or month, swapped day and month, partial date) or the day and month
# (typo in the year); identifiers and addresses block on their own. The number of pairs they
# make grows about linearly with the number of records.
#
# BROAD_BLOCKING_RULES block on (similar) names alone. The number of pairs they make grows with
# the square of the number of records (a first name and a birth year shared by a hundred
# records in a million make 5,000 pairs; 32 million in all for that rule), while the pairs
# they add become unlinkable as the data grow: two records that share only a name and a
# nationality can reach the threshold among 10,000 records, not among a million, where the
# prior probability of a match is a hundred times smaller. :mod:`zicht.linkage.batch` uses a
# broad rule only while the pairs it makes stay within a budget (``_BROAD_RULE_BUDGET``).
_DAY_MONTH = "substr(l.dob, 6, 5) = substr(r.dob, 6, 5)"
BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # identifiers and address
    ("l.phone = r.phone", ("phone",)),
    ("l.email = r.email", ("email",)),
    ("l.id_no = r.id_no", ("id_no",)),
    ("l.pc = r.pc AND l.hn = r.hn", ("pc", "hn")),
    ("l.pc = r.pc AND l.street = r.street", ("pc", "street")),
    ("l.ln_key = r.ln_key AND l.pc = r.pc", ("ln_key", "pc")),
    ("l.dob = r.dob AND l.pc = r.pc", ("dob", "pc")),
    # same names (either order) and part of the date of birth, or the nationality
    ("l.name_tok = r.name_tok AND l.dob_y = r.dob_y", ("name_tok", "dob_y")),
    (f"l.name_tok = r.name_tok AND {_DAY_MONTH}", ("name_tok", "dob")),
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key AND l.nat = r.nat", ("fn_key", "ln_key", "nat")),
    # same date of birth and a similar name
    (
        "l.dob = r.dob AND substr(l.name_tok, 1, 1) = substr(r.name_tok, 1, 1)",
        ("dob", "name_tok"),
    ),
    ("l.fn_key = r.fn_key AND l.dob = r.dob", ("fn_key", "dob")),
    # phonetic names (transliterations), also swapped, and part of the date of birth
    ("l.fn_ph = r.fn_ph AND l.ln_ph = r.ln_ph AND l.dob_y = r.dob_y", ("fn_ph", "ln_ph", "dob_y")),
    (f"l.fn_ph = r.fn_ph AND l.ln_ph = r.ln_ph AND {_DAY_MONTH}", ("fn_ph", "ln_ph", "dob")),
    (
        "l.ln_key = r.ln_key AND l.fn_ph = r.fn_ph AND l.dob_y = r.dob_y",
        ("ln_key", "fn_ph", "dob_y"),
    ),
    (
        "l.fn_key = r.ln_key AND l.ln_ph = r.fn_ph AND l.dob_y = r.dob_y",
        ("fn_key", "ln_key", "fn_ph", "ln_ph", "dob_y"),
    ),
    (
        "l.ln_key = r.fn_key AND l.fn_ph = r.ln_ph AND l.dob_y = r.dob_y",
        ("fn_key", "ln_key", "fn_ph", "ln_ph", "dob_y"),
    ),
    # one name the same, a typo in the other (its start or its end agrees), and the year
    (
        "l.fn_key = r.fn_key AND l.dob_y = r.dob_y "
        "AND substr(l.ln_key, 1, 1) = substr(r.ln_key, 1, 1)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    (
        "l.fn_key = r.fn_key AND l.dob_y = r.dob_y AND substr(l.ln_key, -3) = substr(r.ln_key, -3)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    (
        "l.ln_key = r.ln_key AND l.dob_y = r.dob_y "
        "AND substr(l.fn_key, 1, 1) = substr(r.fn_key, 1, 1)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    (
        "l.ln_key = r.ln_key AND l.dob_y = r.dob_y AND substr(l.fn_key, -2) = substr(r.fn_key, -2)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    # one name the same, the other's start agrees, and day and month (typo in the year)
    (
        f"l.fn_key = r.fn_key AND substr(l.ln_key, 1, 3) = substr(r.ln_key, 1, 3) AND {_DAY_MONTH}",
        ("fn_key", "ln_key", "dob"),
    ),
    (
        f"l.ln_key = r.ln_key AND substr(l.fn_key, 1, 2) = substr(r.fn_key, 1, 2) AND {_DAY_MONTH}",
        ("fn_key", "ln_key", "dob"),
    ),
)

#: Rules on (similar) names alone or with the year only, in the order they are admitted.
BROAD_BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key", ("fn_key", "ln_key")),
    ("l.name_tok = r.name_tok", ("name_tok",)),
    ("l.fn_key = r.ln_key AND l.ln_ph = r.fn_ph", ("fn_key", "ln_key", "fn_ph", "ln_ph")),
    ("l.ln_key = r.fn_key AND l.fn_ph = r.ln_ph", ("fn_key", "ln_key", "fn_ph", "ln_ph")),
    ("l.ln_key = r.ln_key AND l.dob_y = r.dob_y", ("ln_key", "dob_y")),
    ("l.ln_key = r.ln_key AND l.fn_ph = r.fn_ph", ("ln_key", "fn_ph")),
    ("l.fn_key = r.fn_key AND l.ln_ph = r.ln_ph", ("fn_key", "ln_ph")),
    ("l.fn_ph = r.fn_ph AND l.ln_ph = r.ln_ph", ("fn_ph", "ln_ph")),
    (
        "l.ln_key = r.ln_key AND substr(l.fn_key, 1, 2) = substr(r.fn_key, 1, 2)",
        ("fn_key", "ln_key"),
    ),
    ("l.fn_key = r.fn_key AND l.dob_y = r.dob_y", ("fn_key", "dob_y")),
    (
        "l.fn_key = r.fn_key AND substr(l.ln_key, 1, 3) = substr(r.ln_key, 1, 3)",
        ("fn_key", "ln_key"),
    ),
)

#: EM training sessions: each blocks on some columns and so trains the other comparisons.
EM_BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("l.dob = r.dob", ("dob",)),
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key", ("fn_key", "ln_key")),
    ("l.phone = r.phone", ("phone",)),
    ("l.id_no = r.id_no", ("id_no",)),
)

#: Rules that admit very few false matches, used to estimate how often two records match.
DETERMINISTIC_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key AND l.dob = r.dob", ("fn_key", "ln_key", "dob")),
    ("l.id_no = r.id_no AND l.dob_y = r.dob_y", ("id_no", "dob_y")),
    ("l.phone = r.phone AND l.fn_key = r.fn_key", ("phone", "fn_key")),
)


def rules_for(rules: Iterable[tuple[str, tuple[str, ...]]], present: Iterable[str]) -> list[str]:
    have = set(present)
    return [sql for sql, needs in rules if all(col in have for col in needs)]
