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
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
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
        import pandas as pd

        frame = pd.DataFrame(self.patterns.astype(int), columns=list(self.lists))
        frame[COUNT_COLUMN] = self.counts
        return frame


def _number(raw: object) -> float:
    try:
        return float(str(raw).strip())
    except ValueError:
        return float("nan")


def _check_list_columns(header: Sequence[str], columns: Sequence[Sequence[object]]) -> np.ndarray:
    if len(header) < 2:
        raise InputError(
            f"need at least two list columns besides '{COUNT_COLUMN}', found {len(header)}"
        )
    if len(header) > MAX_LISTS:
        raise InputError(f"at most {MAX_LISTS} lists are supported, found {len(header)}")
    if len(set(header)) != len(header):
        raise InputError("list column names must be unique")
    values = []
    for name, raw in zip(header, columns, strict=True):
        column = np.array([_number(v) for v in raw])
        bad = ~np.isin(column, [0.0, 1.0])
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise InputError(
                f"list column '{name}' must contain only 0 or 1; row {row + 2} has {raw[row]!r}"
            )
        values.append(column.astype(np.int8))
    return np.column_stack(values)


def table_from_columns(
    header: Sequence[str], rows: Sequence[Sequence[object]], *, count_column: str = COUNT_COLUMN
) -> CaptureTable:
    """Validate rows of 0/1 list values plus a count column and build a table.

    Repeated patterns are added up; rows with count 0 are allowed (they carry no information).
    """
    header = [str(c).strip() for c in header]
    if count_column not in header:
        raise InputError(f"missing '{count_column}' column (one 0/1 column per list + count)")
    if len(rows) == 0:
        raise InputError("the table has no rows")
    for number, row in enumerate(rows):
        if len(row) != len(header):
            raise InputError(
                f"row {number + 2} has {len(row)} fields where the header has {len(header)}"
            )
    position = header.index(count_column)
    lists = [c for i, c in enumerate(header) if i != position]
    list_columns = [[row[i] for row in rows] for i in range(len(header)) if i != position]
    patterns = _check_list_columns(lists, list_columns)
    raw_counts = [row[position] for row in rows]
    counts_array = np.array([_number(v) for v in raw_counts])
    if np.isnan(counts_array).any():
        bad_row = int(np.flatnonzero(np.isnan(counts_array))[0])
        raise InputError(
            f"'{count_column}' must be a number; row {bad_row + 2} has {raw_counts[bad_row]!r}"
        )
    if not np.all(np.isfinite(counts_array)):
        raise InputError(f"'{count_column}' must be finite")
    if (counts_array < 0).any():
        bad_row = int(np.flatnonzero(counts_array < 0)[0])
        raise InputError(
            f"counts must not be negative; row {bad_row + 2} has {counts_array[bad_row]:g}"
        )
    if not np.allclose(counts_array, np.round(counts_array)):
        raise InputError(f"'{count_column}' must hold whole numbers of people")
    empty = patterns.sum(axis=1) == 0
    if empty.any():
        bad_row = int(np.flatnonzero(empty)[0])
        raise InputError(
            f"row {bad_row + 2} is on no list at all; the unobserved pattern cannot be counted"
        )
    if counts_array.sum() <= 0:
        raise InputError("the table holds no observed people (all counts are 0)")
    lists_with_cases = int(((patterns * counts_array[:, None]).sum(axis=0) > 0).sum())
    if lists_with_cases < 2:
        raise InputError(
            f"only {lists_with_cases} list has any cases; estimation needs at least two lists"
            " with cases"
        )
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


def table_from_frame(frame: pd.DataFrame, *, count_column: str = COUNT_COLUMN) -> CaptureTable:
    """The same as :func:`table_from_columns` for a pandas data frame."""
    return table_from_columns(
        [str(c) for c in frame.columns], frame.to_numpy().tolist(), count_column=count_column
    )


def _read_rows(source: str | Path | io.TextIOBase) -> tuple[list[str], list[list[str]]]:
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
        rows = [
            [field.strip() for field in row]
            for row in csv.reader(io.StringIO(text.strip()), delimiter=separator)
            if any(field.strip() for field in row)
        ]
    except csv.Error as error:
        raise InputError(f"cannot read the file as CSV: {error}") from error
    if not rows:  # only empty fields, e.g. a header of ""
        raise InputError("the file has no header and no rows")
    return rows[0], rows[1:]


def read_table(source: str | Path | io.TextIOBase) -> CaptureTable:
    """Read a capture-history table from a CSV file (comma, semicolon or tab separated)."""
    header, rows = _read_rows(source)
    return table_from_columns(header, rows)


def read_records(source: str | Path | io.TextIOBase) -> pd.DataFrame:
    """Read individual records (one row per person) without interpreting them yet."""
    import pandas as pd

    header, rows = _read_rows(source)
    for number, row in enumerate(rows):
        if len(row) != len(header):
            raise InputError(
                f"row {number + 2} has {len(row)} fields where the header has {len(header)}"
            )
    return pd.DataFrame(rows, columns=header)


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
