"""What the monitor's own SQL needs to run on both databases: PostgreSQL (production, CI) and
SQLite (the local demo). Every difference between the two is chosen here, through
:func:`per_vendor`, so a reader checking that both count the same finds every switch in one
module; the statements themselves stay with their subject (figures/, victim_records.py).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection


def per_vendor[T](*, postgresql: T, sqlite: T) -> T:
    """``postgresql`` on PostgreSQL, ``sqlite`` on any other database (SQLite)."""
    return postgresql if connection.vendor == "postgresql" else sqlite


def postgresql_only(*statements: str) -> None:
    """Run statements that only PostgreSQL needs (a table lock, planner settings for the
    transaction); SQLite, with one writer at a time and its own planner, skips them."""
    with connection.cursor() as cursor:
        for statement in per_vendor(postgresql=statements, sqlite=()):
            cursor.execute(statement)


def fetch_all(sql: str, params) -> list[tuple[Any, ...]]:
    """Every row of a statement written for both databases."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def day(column: str) -> str:
    """SQL for a date or a UTC timestamp as the integer YYYYMMDD."""
    return per_vendor(
        postgresql=f"CAST(to_char({column}, 'YYYYMMDD') AS INTEGER)",
        sqlite=f"CAST(strftime('%%Y%%m%%d', {column}) AS INTEGER)",  # SQLite keeps both as text
    )


def utc_day(column: str) -> str:
    """SQL for a timestamp's day in UTC as the integer YYYYMMDD."""
    return day(per_vendor(postgresql=f"{column} AT TIME ZONE 'UTC'", sqlite=column))


def seconds(column: str) -> str:
    """SQL for a timestamp as whole seconds since 1970."""
    return per_vendor(
        postgresql=f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS BIGINT)",
        sqlite=f"CAST(strftime('%%s', {column}) AS INTEGER)",
    )


def zero_duration() -> str:
    """SQL for a duration of nothing, to compare a difference of timestamps with."""
    return per_vendor(postgresql="INTERVAL '0 seconds'", sqlite="0")


def as_timedelta(value) -> datetime.timedelta:
    """A duration as the database returns it: PostgreSQL a timedelta, SQLite microseconds."""
    if isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(microseconds=int(value))


def moment(value: datetime.datetime) -> Any:
    """A moment as a parameter of hand-written SQL, stored the way Django stores a
    DateTimeField (PostgreSQL: the aware datetime; SQLite: text in UTC)."""
    return connection.ops.adapt_datetimefield_value(value)


def months_later(column: str, months: int) -> str:
    """SQL for a timestamp ``months`` calendar months later (31 January + 1 month is the
    end of February on PostgreSQL, 2 or 3 March on SQLite: a day that does not matter for a
    count over twelve months)."""
    return per_vendor(
        postgresql=f"({column} + INTERVAL '{int(months)} months')",
        # SQLite's datetime() drops the fraction of a second; keep it, so a moment is
        # compared with a moment of the same text form.
        sqlite=f"(strftime('%%Y-%%m-%%d %%H:%%M:%%f', {column}, '+{int(months)} months'))",
    )
