"""The monitor's victim records: every presumed victim of a region's reports, with the unique
person the region's latest linkage run puts them in, in one narrow table
(:class:`~zicht.monitor.models.VictimRecord`).

The person figures deduplicate a period's records by unique person. Read from the
registrations, that is a join of reports, involved persons and linkage clusters over every
record of the period (ten years of a region: about 110,000 rows, seconds). The victim
records hold the same facts as one range of one table. They are derived, never edited:

- :func:`refresh_victim_records` rebuilds a region's records; the linkage run calls it in
  its own transaction (the unique persons change), and ``manage.py refresh_victim_records``
  does it after a bulk load or on a schedule.
- Its :class:`~zicht.monitor.models.VictimRecordCoverage` says which records are complete:
  every presumed victim with an id up to ``through_person``, clustered by ``run``.
  :func:`period_records_sql` reads those from the victim records and every later person
  (reports since the refresh, however they were written) from the registrations, so a new
  report counts at once. When ``run`` is no longer the region's latest linkage run the
  records are ignored and everything is read from the registrations.

Reports and involved persons are not changed after they are written (there is no edit path);
one that is would need its region refreshed.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.vocabulary import PersonRole, Sex
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.monitor.codes import (
    EU_COUNTRIES,
    FORM_BITS,
    NATIONALITY_CODES,
    OTHER_SEX,
    SEX_CODES,
    UNKNOWN,
)
from zicht.monitor.models import VictimRecord, VictimRecordCoverage
from zicht.monitor.report_months import refresh_report_months
from zicht.monitor.sql import day, postgresql_only, seconds, utc_day
from zicht.organisations.models import Municipality, Region

COLUMNS = (
    "unique_person, alone, person_id, received_at, received_second, received_day, sex,"
    " nationality_group, birth_day, forms"
)

# What the person figures read: all in the covering indexes (0006), so that PostgreSQL reads
# a period's records from the index alone.
READ_COLUMNS = (
    "unique_person, alone, received_second, received_day, sex, nationality_group, birth_day, forms"
)


def latest_run(region: Region) -> LinkageRun | None:
    return LinkageRun.objects.filter(region=region).order_by("-created_at", "-pk").first()


def _json_list_holds(column: str, code: str) -> tuple[str, str]:
    """SQL (and its parameter) for "the JSON list in ``column`` holds ``code``", on the
    list's text: the same on PostgreSQL and SQLite (the codes are plain words)."""
    escaped = code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"CAST({column} AS TEXT) LIKE %s ESCAPE '\\'", f'%"{escaped}"%'


def _sex_sql(column: str) -> tuple[str, list]:
    cases = " ".join(f"WHEN {column} = %s THEN {code}" for code in SEX_CODES.values())
    sql = f"CASE {cases} WHEN {column} = %s THEN NULL ELSE {OTHER_SEX} END"
    return sql, [*SEX_CODES, Sex.UNKNOWN]


def _nationality_sql(column: str) -> tuple[str, list]:
    eu = sorted(EU_COUNTRIES)
    sql = (
        f"CASE WHEN {column} = '' THEN NULL"
        f" WHEN UPPER({column}) = %s THEN {NATIONALITY_CODES['dutch']}"
        f" WHEN UPPER({column}) IN ({', '.join(['%s'] * len(eu))})"
        f" THEN {NATIONALITY_CODES['eu']} ELSE {NATIONALITY_CODES['non_eu']} END"
    )
    return sql, ["NL", *eu]


def _forms_sql(column: str) -> tuple[str, list]:
    """SQL for the FORM_BITS of a report's exploitation forms (none named: unknown)."""
    terms, params = [], []
    for code, bit in FORM_BITS.items():
        condition, pattern = _json_list_holds(column, code)
        params.append(pattern)
        if code == UNKNOWN:
            condition = (
                f"({condition} OR {column} IS NULL OR CAST({column} AS TEXT) IN ('[]', 'null'))"
            )
        terms.append(f"CASE WHEN {condition} THEN {bit} ELSE 0 END")
    return "(" + " + ".join(terms) + ")", params


def _registered_sql(
    run: LinkageRun | None,
    places: list[int],
    *,
    after_person: int = 0,
    through_person: int | None = None,
    start_at: datetime.datetime | None = None,
    end_before: datetime.datetime | None = None,
) -> tuple[str, list]:
    """The columns of victim records, read from the registrations: presumed victims of
    reports in ``places`` (municipality ids), optionally only persons with an id in
    (``after_person``, ``through_person``] and reports in [``start_at``, ``end_before``)."""
    sex, sex_params = _sex_sql("ip.sex")
    nationality, nationality_params = _nationality_sql("ip.nationality")
    forms, forms_params = _forms_sql("r.exploitation_forms")
    params = [*sex_params, *nationality_params, *forms_params]
    if run is not None:
        unique_person = "COALESCE(pc.cluster_id, 'p' || CAST(ip.id AS TEXT))"
        alone = "(pc.cluster_id IS NULL)"  # or one of several records: the refresh counts
        join = (
            f"LEFT JOIN {PersonCluster._meta.db_table} pc"
            " ON pc.run_id = %s AND pc.person_id = ip.id"
        )
        params.append(run.pk)
    else:
        unique_person, alone, join = "'p' || CAST(ip.id AS TEXT)", "TRUE", ""
    # The municipalities as a list of ids, not a join: PostgreSQL then expects the right
    # number of rows and plans a long period accordingly.
    where = [
        "ip.role = %s",
        f"r.municipality_id IN ({', '.join(['%s'] * len(places))})" if places else "1 = 0",
        "ip.id > %s",
    ]
    params += [PersonRole.PRESUMED_VICTIM, *places, after_person]
    adapt = connection.ops.adapt_datetimefield_value
    if through_person is not None:
        where.append("ip.id <= %s")
        params.append(through_person)
    if start_at is not None:
        where.append("r.received_at >= %s")
        params.append(adapt(start_at))
    if end_before is not None:
        where.append("r.received_at < %s")
        params.append(adapt(end_before))
    sql = f"""
        SELECT {unique_person} AS unique_person, {alone} AS alone, ip.id AS person_id,
               r.received_at AS received_at, {seconds("r.received_at")} AS received_second,
               {utc_day("r.received_at")} AS received_day, {sex} AS sex,
               {nationality} AS nationality_group, {day("ip.birth_date")} AS birth_day,
               {forms} AS forms, r.municipality_id AS municipality_id
        FROM {InvolvedPerson._meta.db_table} ip
        JOIN {Report._meta.db_table} r ON r.id = ip.report_id
        {join}
        WHERE {" AND ".join(where)}
    """  # noqa: S608 - values are parameters; names are the models' own
    return sql, params


def region_places(region: Region) -> list[int]:
    return list(Municipality.objects.filter(region=region).values_list("pk", flat=True))


@transaction.atomic
def refresh_victim_records(region: Region) -> VictimRecordCoverage:
    """Rebuild the region's victim records from its registrations and its latest linkage
    run, and its report months (report_months.py). On PostgreSQL new reports and involved
    persons wait until it is done (a SHARE lock), so that no report or person with a lower
    id can still appear once ``through_report`` and ``through_person`` are set."""
    coverage, _new = VictimRecordCoverage.objects.select_for_update().get_or_create(region=region)
    # reports first: a new report is written before its persons
    tables = f"{Report._meta.db_table}, {InvolvedPerson._meta.db_table}"
    postgresql_only(f"LOCK TABLE {tables} IN SHARE MODE")
    through = InvolvedPerson.objects.aggregate(last=Max("pk"))["last"] or 0
    through_report = Report.objects.aggregate(last=Max("pk"))["last"] or 0
    run = latest_run(region)
    places = region_places(region)
    refresh_report_months(region, places, through_report)
    VictimRecord.objects.filter(region=region).delete()
    select, params = _registered_sql(run, places, through_person=through)
    # "alone": the unique person has no other record in the region.
    alone = "COUNT(*) OVER (PARTITION BY unique_person) = 1"
    values = COLUMNS.replace(" alone,", f" {alone},")
    target = f"{VictimRecord._meta.db_table} ({COLUMNS}, municipality_id, region_id)"
    insert = f"INSERT INTO {target} SELECT {values}, municipality_id, %s FROM ({select}) r"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(insert, [region.pk, *params])
    coverage.run = run
    coverage.through_person = through
    coverage.through_report = through_report
    coverage.refreshed_at = timezone.now()
    coverage.save(update_fields=["run", "through_person", "through_report", "refreshed_at"])
    return coverage


def period_records_sql(
    region: Region,
    municipality: Municipality | None,
    start_at: datetime.datetime,
    end_before: datetime.datetime,
) -> tuple[str, list]:
    """SQL for the period's presumed-victim records, with the columns of VictimRecord in
    READ_COLUMNS: from the victim records as far as they are complete, the rest from the
    registrations (where ``alone`` means only "outside the linkage run")."""
    run = latest_run(region)
    coverage = VictimRecordCoverage.objects.filter(region=region).first()
    places = [municipality.pk] if municipality is not None else region_places(region)
    usable = coverage is not None and coverage.run_id == (run.pk if run else None)
    after = coverage.through_person if usable and coverage is not None else 0
    columns = READ_COLUMNS
    registered, params = _registered_sql(
        run, places, after_person=after, start_at=start_at, end_before=end_before
    )
    registered = f"SELECT {columns} FROM ({registered}) registered"  # noqa: S608
    if not usable:
        return registered, params
    adapt = connection.ops.adapt_datetimefield_value
    if municipality is not None:
        place, place_params = "municipality_id = %s", [municipality.pk]
    else:
        place, place_params = "region_id = %s", [region.pk]
    recorded = (
        f"SELECT {columns} FROM {VictimRecord._meta.db_table}"  # noqa: S608
        f" WHERE {place} AND received_at >= %s AND received_at < %s"
    )
    return (
        f"{recorded} UNION ALL {registered}",
        [*place_params, adapt(start_at), adapt(end_before), *params],
    )
