"""Reading and validating capture-history data.

A capture-history table has one 0/1 column per list (register) and a ``count`` column: the
number of people seen on exactly that combination of lists. Individual records (one row per
person, with list membership and covariates) are aggregated into such tables, optionally per
stratum.

Every problem with the input raises :class:`InputError` with a one-line message meant for the
analyst who supplied the file; nothing here should surface as a traceback.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

COUNT_COLUMN = "count"
MAX_LISTS = 16


class InputError(ValueError):
    """The input cannot be used for estimation; the message says why, in one line."""


@dataclass(frozen=True)
class CaptureTable:
    """Counts of people per capture pattern.

    ``patterns`` holds the distinct observed patterns as rows of 0/1 (one column per list);
    ``counts`` the number of people with that pattern. Cells are addressed by a bit code:
    list ``i`` is in the pattern when bit ``i`` of the code is set, so the code ``0`` is the
    unobserved (dark) cell and codes ``1 .. 2**t - 1`` are the observable cells.
    """

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def observed(self) -> int:
        return round(float(self.counts.sum()))

    @property
    def codes(self) -> np.ndarray:
        """Bit code of each row of ``patterns``."""
        weights = 1 << np.arange(self.n_lists, dtype=np.int64)
        return (self.patterns.astype(np.int64) * weights).sum(axis=1)

    def cell_counts(self) -> np.ndarray:
        """Counts for all observable cells, indexed by ``code - 1`` (absent patterns are 0)."""
        full = np.zeros(2**self.n_lists - 1, dtype=float)
        np.add.at(full, self.codes - 1, self.counts.astype(float))
        return full

    def with_counts(self, counts: np.ndarray) -> CaptureTable:
        """The same patterns with other counts (used by the bootstrap and the jackknife)."""
        return CaptureTable(self.lists, self.patterns, np.asarray(counts, dtype=float))

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.patterns.astype(int), columns=list(self.lists))
        frame[COUNT_COLUMN] = self.counts
        return frame


def _check_list_columns(frame: pd.DataFrame, lists: Sequence[str]) -> np.ndarray:
    if len(lists) < 2:
        raise InputError(
            f"need at least two list columns besides '{COUNT_COLUMN}', found {len(lists)}"
        )
    if len(lists) > MAX_LISTS:
        raise InputError(f"at most {MAX_LISTS} lists are supported, found {len(lists)}")
    if len(set(lists)) != len(lists):
        raise InputError("list column names must be unique")
    values = []
    for name in lists:
        column = pd.to_numeric(frame[name], errors="coerce")
        bad = column.isna() | ~column.isin([0, 1])
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raw = frame[name].iloc[row]
            raise InputError(
                f"list column '{name}' must contain only 0 or 1; row {row + 2} has {raw!r}"
            )
        values.append(column.to_numpy(dtype=np.int8))
    return np.column_stack(values)


def table_from_frame(frame: pd.DataFrame, *, count_column: str = COUNT_COLUMN) -> CaptureTable:
    """Validate a data frame of 0/1 list columns plus a count column and build a table.

    Repeated patterns are added up; rows with count 0 are allowed (they carry no information).
    """
    frame = frame.rename(columns=lambda c: str(c).strip())
    if count_column not in frame.columns:
        raise InputError(f"missing '{count_column}' column (one 0/1 column per list + count)")
    if len(frame) == 0:
        raise InputError("the table has no rows")
    lists = [c for c in frame.columns if c != count_column]
    patterns = _check_list_columns(frame, lists)
    counts = pd.to_numeric(frame[count_column], errors="coerce")
    if counts.isna().any():
        row = int(np.flatnonzero(counts.isna().to_numpy())[0])
        raw = frame[count_column].iloc[row]
        raise InputError(f"'{count_column}' must be a number; row {row + 2} has {raw!r}")
    counts_array = counts.to_numpy(dtype=float)
    if not np.all(np.isfinite(counts_array)):
        raise InputError(f"'{count_column}' must be finite")
    if (counts_array < 0).any():
        row = int(np.flatnonzero(counts_array < 0)[0])
        raise InputError(f"counts must not be negative; row {row + 2} has {counts_array[row]:g}")
    if not np.allclose(counts_array, np.round(counts_array)):
        raise InputError(f"'{count_column}' must hold whole numbers of people")
    empty = patterns.sum(axis=1) == 0
    if empty.any():
        row = int(np.flatnonzero(empty)[0])
        raise InputError(
            f"row {row + 2} is on no list at all; the unobserved pattern cannot be counted"
        )
    if counts_array.sum() <= 0:
        raise InputError("the table holds no observed people (all counts are 0)")
    # add up repeated patterns, keep first-seen order
    weights = 1 << np.arange(len(lists), dtype=np.int64)
    codes = (patterns.astype(np.int64) * weights).sum(axis=1)
    unique_codes, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    summed = np.zeros(len(unique_codes))
    np.add.at(summed, inverse, np.round(counts_array))
    order = np.argsort(first)
    return CaptureTable(
        lists=tuple(lists),
        patterns=patterns[first[order]],
        counts=summed[order],
    )


def _read_csv(source: str | Path | io.TextIOBase) -> pd.DataFrame:
    try:
        if isinstance(source, str | Path):
            text = Path(source).read_text(encoding="utf-8-sig")
        else:
            text = source.read()
    except FileNotFoundError as error:
        raise InputError(f"file not found: {error.filename}") from error
    except IsADirectoryError as error:
        raise InputError(f"not a file: {error.filename}") from error
    except UnicodeDecodeError as error:
        raise InputError("the file is not UTF-8 text") from error
    if not text.strip():
        raise InputError("the file is empty")
    first_line = text.lstrip().splitlines()[0]
    separator = max([",", ";", "\t"], key=first_line.count)
    try:
        return pd.read_csv(io.StringIO(text), sep=separator, dtype=str, skipinitialspace=True)
    except (pd.errors.ParserError, csv.Error, ValueError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        raise InputError(f"cannot read the file as CSV: {message}") from error


def read_table(source: str | Path | io.TextIOBase) -> CaptureTable:
    """Read a capture-history table from a CSV file (comma, semicolon or tab separated)."""
    return table_from_frame(_read_csv(source))


def read_records(source: str | Path | io.TextIOBase) -> pd.DataFrame:
    """Read individual records (one row per person) without interpreting them yet."""
    return _read_csv(source)


def table_from_records(records: pd.DataFrame, *, lists: Sequence[str]) -> CaptureTable:
    """Aggregate individual records (one row per person) into a capture-history table.

    People on no list at all cannot be in a register extract, so such a row is an error.
    """
    missing = [name for name in lists if name not in records.columns]
    if missing:
        raise InputError(f"list column(s) not found in the records: {', '.join(missing)}")
    if len(records) == 0:
        raise InputError("there are no records")
    frame = records[list(lists)].copy()
    frame[COUNT_COLUMN] = 1
    return table_from_frame(frame)


def strata_from_records(
    records: pd.DataFrame, *, lists: Sequence[str], by: Sequence[str]
) -> dict[tuple[str, ...], CaptureTable]:
    """One capture-history table per combination of the covariates in ``by``.

    Strata are keyed by the covariate values as strings, in sorted order.
    """
    missing = [name for name in by if name not in records.columns]
    if missing:
        raise InputError(f"covariate column(s) not found in the records: {', '.join(missing)}")
    overlap = set(by) & set(lists)
    if overlap:
        raise InputError(f"a column cannot be both a list and a covariate: {sorted(overlap)}")
    keys = records[list(by)].astype(str).fillna("")
    tables: dict[tuple[str, ...], CaptureTable] = {}
    for key, index in sorted(keys.groupby(list(by)).groups.items(), key=lambda kv: kv[0]):
        key_tuple = key if isinstance(key, tuple) else (key,)
        tables[tuple(str(k) for k in key_tuple)] = table_from_records(
            records.loc[index], lists=lists
        )
    return tables
