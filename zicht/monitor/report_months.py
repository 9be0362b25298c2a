"""The monitor's report months: a region's reports counted per municipality, calendar month
(Europe/Amsterdam) and value of each reported attribute (:class:`~zicht.monitor.models.
ReportMonth`), so that the report figures of a long period add up a few thousand rows
instead of reading every report.

Derived like the victim records (victim_records.py) and rebuilt with them:
:func:`refresh_report_months` counts the region's reports with an id up to a mark, kept in
``VictimRecordCoverage.through_report``. The report figures (figures/reports.py,
``report_tally``) use them only for a period of whole months, and add every report after the
mark read from the registrations, so a new report counts at once. Reports are not changed
after they are written; a municipality moved to another region needs both regions refreshed.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from zicht.intake.models import Report
from zicht.monitor.models import ReportMonth
from zicht.organisations.models import Municipality, Region

# dimension -> the column of the reports it counts (as the report figures group it)
DIMENSIONS = {
    "source": "source",
    "forms": "CAST(forms AS TEXT)",
    "sectors": "CAST(sectors AS TEXT)",
}


#: The columns of :func:`period_sql`'s rows, to name them in an outer query.
PERIOD_COLUMNS = "municipality_id, source, forms, sectors, year, month"


def period_sql(reports: QuerySet[Report], tz: ZoneInfo) -> tuple[str, tuple]:
    """SQL and parameters for the reports' attributes with their calendar year and month in
    ``tz`` (:data:`PERIOD_COLUMNS`): what the report figures and the report months group, so
    that both count a report in the same month."""
    period = (
        reports.annotate(
            year=ExtractYear("received_at", tzinfo=tz),
            month=ExtractMonth("received_at", tzinfo=tz),
        )
        .values_list("municipality_id", "source", "exploitation_forms", "sectors", "year", "month")
        .order_by()
    )
    return period.query.sql_with_params()


def refresh_report_months(region: Region, places: list[int], through_report: int) -> None:
    """Rebuild the region's report months from its reports (in the municipalities
    ``places``) with an id up to ``through_report``. Runs in the caller's transaction."""
    ReportMonth.objects.filter(region=region).delete()
    if not places or not through_report:
        return
    inner, inner_params = period_sql(
        Report.objects.filter(municipality_id__in=places, pk__lte=through_report),
        ZoneInfo(settings.TIME_ZONE),
    )
    columns = PERIOD_COLUMNS
    month = "CAST(year AS INTEGER) * 100 + CAST(month AS INTEGER)"
    selects, params = [], [*inner_params]
    for dimension, column in DIMENSIONS.items():
        selects.append(
            f"SELECT %s, municipality_id, {month}, %s, {column}, COUNT(*) FROM period"  # noqa: S608
            f" GROUP BY municipality_id, year, month, {column}"
        )
        params += [region.pk, dimension]
    table = ReportMonth._meta.db_table
    target = f"{table} (region_id, municipality_id, month, dimension, value, reports)"
    sql = f"WITH period ({columns}) AS ({inner}) INSERT INTO {target} {' UNION ALL '.join(selects)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # the inner query is Django's, with its parameters


def month_rows(
    region: Region, municipality: Municipality | None, first: int, last: int
) -> list[tuple[str, str | None, int]]:
    """The report months from ``first`` to ``last`` (YYYYMM, inclusive) of the region or one
    municipality, added up as the report figures count them: (kind, value, reports) with
    kind "source", "forms", "sectors", "municipality" (value: its id) or "month" (YYYYMM)."""
    if municipality is not None:
        place, place_params = "municipality_id = %s", [municipality.pk]
    else:
        place, place_params = "region_id = %s", [region.pk]
    where = f"{place} AND month >= %s AND month <= %s"
    table = ReportMonth._meta.db_table
    sql = f"""
        SELECT dimension, value, SUM(reports) FROM {table} WHERE {where}
            GROUP BY dimension, value
        UNION ALL SELECT 'municipality', CAST(municipality_id AS TEXT), SUM(reports)
            FROM {table} WHERE {where} AND dimension = 'source' GROUP BY municipality_id
        UNION ALL SELECT 'month', CAST(month AS TEXT), SUM(reports)
            FROM {table} WHERE {where} AND dimension = 'source' GROUP BY month
    """  # noqa: S608 - values are parameters
    params = [*place_params, first, last] * 3
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(kind, value, int(n)) for kind, value, n in cursor.fetchall()]
