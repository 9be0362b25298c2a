"""Benchmark of the regional monitor (issue 6) on PostgreSQL.

    uv run python bench/monitor.py            # load (once), measure, print a Markdown section
    uv run python bench/monitor.py --write    # ... and put it in docs/benchmarks.md
    uv run python bench/monitor.py --quick    # 100 instead of 1,000 requests for the RSS run
    uv run python bench/monitor.py --rebuild  # rebuild every region's victim records first

Loads 1,000,000 reports (each with one presumed victim) and 300,000 cases (each with a
follow-up action and a feedback term) over 2016-2025 into
``postgres://postgres@127.0.0.1:5432/zicht_bench_monitor`` with COPY, once (a second run
reuses them). Twente's municipalities get three times the weight of the others and a
linkage run that joins about one record in seven to an earlier one, so Twente holds about a
tenth of everything. The monitor's victim records are built where they are missing or out
of date, then VACUUM ANALYZE. Then, in one process with Django's test client (DEBUG off,
signed in as the Twente analyst): the dashboard's response time over repeated requests
(p50/p95) with the figures cache, without it and right after a new report, the process's
resident memory over 1,000 dashboard requests, the annual PDF and the time to rebuild
Twente's victim records.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from benchdoc import write_section  # noqa: E402

HEADING = "## Monitor (issue 6)"
# Another size or database (bench/backup.py builds a smaller one this way):
# BENCH_MONITOR_REPORTS=100000 BENCH_MONITOR_DB=zicht_bench_backup_100k ... --load-only
DB_NAME = os.environ.get("BENCH_MONITOR_DB", "zicht_bench_monitor")
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
N_REPORTS = int(os.environ.get("BENCH_MONITOR_REPORTS", 1_000_000))
N_CASES = N_REPORTS * 3 // 10
YEARS = range(2016, 2026)

sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["ZICHT_DEBUG"] = "0"  # no query log growing in memory
os.environ.setdefault("ZICHT_ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")


def ensure_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            c.execute(f'CREATE DATABASE "{DB_NAME}"')


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _copy(table: str, columns: list[str], lines) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for n, line in enumerate(lines, 1):
                buffer.write(line)
                buffer.write("\n")
                if n % 50_000 == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())


def load() -> dict:
    """Bulk-load the synthetic registrations unless they are there already."""
    import numpy as np
    from django.db import connection

    from zicht.demo.create import create_demo
    from zicht.intake.models import Report
    from zicht.organisations.models import Membership, Municipality, Organisation, Region

    create_demo(history=False)
    if Report.objects.count() >= N_REPORTS:
        return {"loaded_seconds": None}
    start = time.perf_counter()
    rng = np.random.default_rng(2026)
    twente = Region.objects.get(code="VR05")
    municipalities = list(Municipality.objects.values_list("pk", "region_id"))
    weights = np.array([3.0 if r == twente.pk else 1.0 for _pk, r in municipalities])
    weights /= weights.sum()
    user = Membership.objects.get(user__username="hub.twente").user
    twente_orgs = list(
        Organisation.objects.filter(
            region=twente, type__in=["police", "regional_hub", "veilig_thuis", "care"]
        ).values_list("pk", flat=True)
    )
    owner = twente_orgs[0]
    focal = Organisation.objects.filter(municipality__isnull=False).values_list("pk", flat=True)[0]

    # cases
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM casework_case")
        case_base = cursor.fetchone()[0]
    case_muni = rng.choice(len(municipalities), size=N_CASES, p=weights)
    first_day = np.datetime64(f"{YEARS[0]}-01-01T00:00")
    minutes = int(
        (np.datetime64(f"{YEARS[-1] + 1}-01-01T00:00") - first_day) / np.timedelta64(1, "m")
    )
    opened = first_day + rng.integers(0, minutes - 90 * 1440, size=N_CASES).astype("timedelta64[m]")
    to_hub = rng.integers(0, 10 * 1440, size=N_CASES).astype("timedelta64[m]")
    closed = rng.random(N_CASES) < 0.7
    statuses = np.where(closed, "closed", "follow_up")
    reasons = rng.choice(["referred_police", "victim_in_care", "referred_care", "no_indication"],
                         size=N_CASES)  # fmt: skip
    case_ids = case_base + 1 + np.arange(N_CASES)

    def ts(value) -> str:
        return f"{str(value).replace('T', ' ')}+00"

    def case_lines():
        for i in range(N_CASES):
            m_pk, r_pk = municipalities[case_muni[i]]
            o = opened[i]
            yield "\t".join(
                [
                    str(case_ids[i]), str(r_pk), str(m_pk), statuses[i], "f", "f", ts(o), "t",
                    ts(o + to_hub[i]), ts(o + np.timedelta64(60, "D")) if closed[i] else r"\N",
                    reasons[i] if closed[i] else "", ts(o),
                ]
            )  # fmt: skip

    _copy(
        "casework_case",
        ["id", "region_id", "municipality_id", "status", "is_acute", "has_safety_risk",
         "opened_at", "opened_by_hub", "reported_to_hub_at", "closed_at", "closure_reason",
         "updated_at"],
        case_lines(),
    )  # fmt: skip
    kinds = rng.choice(["police_report", "shelter", "care", "veilig_thuis", "riec"], size=N_CASES)

    def action_lines():
        for i in range(N_CASES):
            o = opened[i] + np.timedelta64(int(rng.integers(1, 30)), "D")
            yield "\t".join(
                [str(case_ids[i]), kinds[i], str(owner), str(o)[:10],
                 "done" if closed[i] else "open", "", "", ts(o), str(user.pk)]
            )  # fmt: skip

    _copy(
        "casework_followupaction",
        ["case_id", "kind", "owner_id", "due_on", "status", "instructions", "outcome",
         "created_at", "created_by_id"],
        action_lines(),
    )  # fmt: skip

    def feedback_lines():
        for i in range(N_CASES):
            due = opened[i] + np.timedelta64(14, "D")
            given = ts(due - np.timedelta64(3, "D")) if rng.random() < 0.9 else r"\N"
            yield "\t".join([str(case_ids[i]), str(focal), str(due)[:10], ts(opened[i]), given, ""])

    _copy(
        "casework_feedback",
        ["case_id", "to_organisation_id", "due_on", "requested_at", "given_at", "text"],
        feedback_lines(),
    )

    # reports: the first 300,000 open a case each, the rest join a random case
    case_of = np.concatenate([np.arange(N_CASES), rng.integers(0, N_CASES, N_REPORTS - N_CASES)])
    offset = rng.integers(0, 60 * 1440, size=N_REPORTS).astype("timedelta64[m]")
    offset[:N_CASES] = np.timedelta64(0, "m")
    forms = rng.choice(['["sexual"]', '["labour"]', '["criminal"]', '["sexual", "labour"]'],
                       p=[0.45, 0.35, 0.15, 0.05], size=N_REPORTS)  # fmt: skip
    sectors = rng.choice(['["window"]', '["agriculture"]', '["drug_production"]', "[]"],
                         size=N_REPORTS)  # fmt: skip
    sources = rng.choice(["police", "municipal", "care", "resident_anonymous"], size=N_REPORTS)
    org_pick = rng.integers(0, len(twente_orgs), size=N_REPORTS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM intake_report")
        report_base = cursor.fetchone()[0]
    report_ids = report_base + 1 + np.arange(N_REPORTS)

    def report_lines():
        for i in range(N_REPORTS):
            c = case_of[i]
            m_pk, r_pk = municipalities[case_muni[c]]
            org = str(twente_orgs[org_pick[i]]) if r_pk == twente.pk else r"\N"
            yield "\t".join(
                [str(report_ids[i]), str(uuid.UUID(int=int(report_ids[i]) + (1 << 64))),
                 str(case_ids[c]), ts(opened[c] + offset[i]), sources[i], org, "f", forms[i],
                 sectors[i], '["no_id_papers", "debt_bondage"]', "Benchmarkmelding.", str(m_pk),
                 "", "nl", "f"]
            )  # fmt: skip

    _copy(
        "intake_report",
        ["id", "submission_key", "case_id", "received_at", "source",
         "reporting_organisation_id", "is_acute", "exploitation_forms", "sectors", "indicators",
         "description", "municipality_id", "location", "language", "is_supplement"],
        report_lines(),
    )  # fmt: skip
    sexes = rng.choice(["female", "male", "unknown"], p=[0.75, 0.22, 0.03], size=N_REPORTS)
    nationalities = rng.choice(["NL", "PL", "RO", "BG", "NG", "UA", "MA", ""], size=N_REPORTS)
    births = np.datetime64("1960-01-01") + rng.integers(0, 50 * 365, N_REPORTS).astype(
        "timedelta64[D]"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM intake_involvedperson")
        person_base = cursor.fetchone()[0]
    person_ids = person_base + 1 + np.arange(N_REPORTS)

    def person_lines():
        for i in range(N_REPORTS):
            yield "\t".join(
                [str(person_ids[i]), str(report_ids[i]), "presumed_victim", "", "",
                 str(births[i]) if i % 4 else r"\N", sexes[i], nationalities[i], "", "", "", "",
                 "", "", "", "", ""]
            )  # fmt: skip

    _copy(
        "intake_involvedperson",
        ["id", "report_id", "role", "first_name", "last_name", "birth_date", "sex",
         "nationality", "phone", "street", "house_number", "postcode", "city", "description",
         "name_key", "phone_key", "address_key"],
        person_lines(),
    )  # fmt: skip

    # a linkage run for Twente: about one record in seven joins an earlier person
    from zicht.linkage.models import LinkageRun

    run = LinkageRun.objects.create(region=twente, threshold=0.9)
    in_twente = [
        i for i in range(N_REPORTS) if municipalities[case_muni[case_of[i]]][1] == twente.pk
    ]
    cluster = {}
    for n, i in enumerate(in_twente):
        earlier = in_twente[int(rng.integers(0, n))] if n and rng.random() < 0.15 else None
        cluster[i] = cluster[earlier] if earlier is not None else f"c{person_ids[i]}"

    _copy(
        "linkage_personcluster",
        ["run_id", "person_id", "cluster_id"],
        (f"{run.pk}\t{person_ids[i]}\t{cluster[i]}" for i in in_twente),
    )
    run.record_count = len(in_twente)
    run.cluster_count = len(set(cluster.values()))
    run.save()
    for table in TABLES:
        with connection.cursor() as cursor:
            sequence = f"pg_get_serial_sequence('{table}', 'id')"
            cursor.execute(f"SELECT setval({sequence}, (SELECT MAX(id) FROM {table}))")
    return {"loaded_seconds": time.perf_counter() - start}


TABLES = ("casework_case", "intake_report", "intake_involvedperson", "casework_followupaction",
          "casework_feedback", "linkage_personcluster")  # fmt: skip


def prepare(*, rebuild: bool = False) -> float | None:
    """Build the monitor's victim records and report months where they are missing or out of
    date (as the linkage run and ``manage.py refresh_victim_records`` do), then VACUUM
    ANALYZE: after a bulk load, what autovacuum would do in time, so that the covering
    indexes are read without visiting the tables. Returns the seconds taken, None if there
    was nothing to do."""
    from django.db import connection
    from django.db.models import Max

    from zicht.intake.models import InvolvedPerson, Report
    from zicht.monitor.models import VictimRecordCoverage
    from zicht.monitor.victim_records import latest_run, refresh_victim_records
    from zicht.organisations.models import Region

    last = InvolvedPerson.objects.aggregate(last=Max("pk"))["last"] or 0
    last_report = Report.objects.aggregate(last=Max("pk"))["last"] or 0
    start = time.perf_counter()
    stale = []
    for region in Region.objects.order_by("code"):
        coverage = VictimRecordCoverage.objects.filter(region=region).first()
        run = latest_run(region)
        if (
            rebuild
            or coverage is None
            or coverage.run_id != (run.pk if run else None)
            or coverage.through_person < last
            or coverage.through_report < last_report
        ):
            stale.append(region)
    for region in stale:
        refresh_victim_records(region)
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum IS NULL FROM pg_stat_user_tables"
                       " WHERE relname = 'intake_report'")  # fmt: skip
        never_vacuumed = cursor.fetchone()[0]
    if not stale and not never_vacuumed:
        return None
    with connection.cursor() as cursor:
        for table in (*TABLES, "monitor_victimrecord", "monitor_reportmonth"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - start


def signed_in_client():
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zicht.organisations.models import Membership

    membership = Membership.objects.get(user__username="analist.twente")
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=membership.user).persistent_id
    session.save()
    return client


PAGES = {
    "Twente, one year (2025)": "/monitor/?start=2025-01-01&end=2025-12-31",
    "Enschede, one year (2025)": "/monitor/?start=2025-01-01&end=2025-12-31&municipality=GM0153",
    "Twente, one quarter": "/monitor/?start=2025-04-01&end=2025-06-30",
    "Twente, ten years (2016-2025)": "/monitor/?start=2016-01-01&end=2025-12-31&trend=quarter",
}


COMPUTED = 30  # requests per page that compute every figure (p95: the second highest)


def timed(client, url: str, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(quick: bool) -> dict:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    from zicht.intake.models import Report
    from zicht.monitor.annual_report import render_annual_report
    from zicht.monitor.victim_records import refresh_victim_records
    from zicht.organisations.models import Region

    client = signed_in_client()
    results: dict = {"pages": {}, "cold": {}}
    settings.ZICHT_MONITOR_CACHE_SECONDS = 0  # every request computes every figure
    for name, url in PAGES.items():
        timed(client, url, 2)  # warm up: imports, PostgreSQL's buffers
        times = timed(client, url, COMPUTED)
        results["cold"][name] = (statistics.median(times), p95(times))
    settings.ZICHT_MONITOR_CACHE_SECONDS = 300
    cache.clear()
    for name, url in PAGES.items():
        timed(client, url, 1)  # computes and fills the cache (timed above, "no cache")
        times = timed(client, url, 50)
        results["pages"][name] = (statistics.median(times), p95(times))
    results["new_report"] = after_new_reports(client)
    n = 100 if quick else 1000
    urls = list(PAGES.values())
    timed(client, urls[0], 20)
    before = rss_mb()
    samples = []
    times = []
    for k in range(n):
        if k % 100 == 0:
            cache.clear()  # a new report arrives now and then: everything is computed anew
        times += timed(client, urls[k % len(urls)], 1)
        if k % max(1, n // 10) == 0:
            samples.append(rss_mb())
    results["rss"] = (before, rss_mb(), samples, n, statistics.median(times), p95(times))
    twente = Region.objects.get(code="VR05")
    render_annual_report(twente, 2024)  # warm-up: imports WeasyPrint and fonts
    start = time.perf_counter()
    pdf = render_annual_report(twente, 2025)
    results["pdf"] = (time.perf_counter() - start, len(pdf))
    results["reports_twente_2025"] = Report.objects.filter(
        municipality__region=twente, received_at__year=2025
    ).count()
    results["reports"] = Report.objects.count()
    start = time.perf_counter()
    refresh_victim_records(twente)  # what a linkage run of Twente now does as well
    results["refresh"] = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE monitor_victimrecord")
        cursor.execute("VACUUM ANALYZE monitor_reportmonth")
    results["load"] = os.getloadavg()[1]
    return results


def after_new_reports(client, repeats: int = 0) -> dict:
    """The first request after a new report, figures cache on: each time a report with a
    presumed victim is submitted (``submit_report``, as the portal and the intake form do)
    and dated into the measured period, which changes the cache key, so every request
    computes. Rolled back afterwards: the database keeps its million reports."""
    import datetime

    from django.db import transaction

    from zicht.intake.models import Report
    from zicht.intake.submission import PersonData, ReportData, submit_report
    from zicht.organisations.models import Municipality

    enschede = Municipality.objects.get(cbs_code="GM0153")
    in_period = datetime.datetime(2025, 6, 16, 10, tzinfo=datetime.UTC)
    results = {}
    with transaction.atomic():
        for name, url in PAGES.items():
            times = []
            for _ in range(repeats or COMPUTED):
                report, _new = submit_report(
                    submission_key=uuid.uuid4(),
                    data=ReportData(
                        source="police",
                        municipality=enschede,
                        description="Benchmarkmelding na de verversing.",
                        exploitation_forms=["labour"],
                        persons=[PersonData(role="presumed_victim", sex="male")],
                    ),
                    by=None,
                )
                Report.objects.filter(pk=report.pk).update(received_at=in_period)
                times += timed(client, url, 1)
            results[name] = (statistics.median(times), p95(times))
        transaction.set_rollback(True)
    return results


def markdown(loaded: dict, r: dict, quick: bool) -> str:
    from django.db import connection

    lines = [
        HEADING,
        "",
        "Command: `uv run python bench/monitor.py --write` (PostgreSQL"
        f" {connection.pg_version // 10000}, database `{DB_NAME}`; {platform.python_version()},"
        f" {os.cpu_count()} CPUs; measured in one process with Django's test client, DEBUG off,"
        " signed in as the Twente analyst, so the figures include sessions, MFA check and"
        " template rendering but not a network hop).",
        "",
        f"Data: {r['reports']:,} reports (one presumed victim each) and 300,000 cases (each with a"
        " follow-up action and a feedback term) over 2016-2025; Twente holds about a tenth, with"
        f" {r['reports_twente_2025']:,} reports in 2025 and a linkage run joining about one"
        " record in seven to an earlier person."
        + (
            f" Loaded with COPY in {loaded['loaded_seconds']:.0f} s."
            if loaded["loaded_seconds"]
            else ""
        ),
        "",
        "| dashboard page | cached p50 | cached p95 | no cache p50 | no cache p95 |"
        " after a new report p50 | after a new report p95 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (median, high) in r["pages"].items():
        cold_median, cold_high = r["cold"][name]
        new_median, new_high = r["new_report"][name]
        lines.append(
            f"| {name} | {median:.0f} | {high:.0f} | {cold_median:.0f} | {cold_high:.0f}"
            f" | {new_median:.0f} | {new_high:.0f} |"
        )
    lines += [
        "",
        "Milliseconds. Target: p95 under 300 ms. *Cached*: 50 requests per page with the figures"
        " cache on (`ZICHT_MONITOR_CACHE_SECONDS`, default 300 s; the key changes with every"
        " new report or linkage run), after one request that computed them. *No cache*:"
        f" {COMPUTED} requests per page that compute every figure (after two warm-up requests)."
        f" *After a new report*: {COMPUTED} requests per page, cache on, each right after a"
        " report with a"
        " presumed victim was submitted with `submit_report` and dated into 2025 (so each"
        " computes every figure, the new person read from the registrations, as the victim"
        " records were built before it; rolled back afterwards). Person figures come from the"
        " victim records (`zicht/monitor/victim_records.py`), the report figures of whole"
        " months from the report months (`zicht/monitor/report_months.py`), both rebuilt for"
        " every region"
        + (
            f" in {loaded['prepared_seconds']:.0f} s (with VACUUM ANALYZE) before this run"
            if loaded.get("prepared_seconds")
            else " by an earlier run"
        )
        + f"; rebuilding Twente's alone, as its linkage run now does, took {r['refresh']:.1f} s."
        " The memory run below mixes cached and computed requests.",
    ]
    before, after, samples, n, median, high = r["rss"]
    lines += [
        "",
        f"Memory: resident set {before:.0f} MB before and {after:.0f} MB after {n:,} requests"
        " rotating over the four pages, the cache emptied every 100 requests"
        f" (samples every {n // 10}: "
        + ", ".join(f"{s:.0f}" for s in samples)
        + f" MB); over those requests median {median:.0f} ms, p95 {high:.0f} ms.",
        "",
        f"Annual report (Twente, 2025, PDF of {r['pdf'][1] / 1024:.0f} kB): {r['pdf'][0]:.1f} s"
        " (target < 10 s), after one warm-up report that loads WeasyPrint and its fonts.",
    ]
    lines += [
        "",
        f"Load average (5 min) at the end of the run: {r['load']:.1f} on {os.cpu_count()} CPUs"
        " (other work on the machine inflates the uncached times most).",
    ]
    if quick:
        lines += ["", "(quick run: 100 requests for the memory figure)"]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--load-only", action="store_true", help="load the data and stop")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild every region's victim records first"
    )
    args = parser.parse_args()
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    loaded = load()
    loaded["prepared_seconds"] = prepare(rebuild=args.rebuild)
    print(f"loaded: {loaded}", flush=True)
    if args.load_only:
        return 0
    section = markdown(loaded, measure(args.quick), args.quick)
    print(section)
    if args.write:
        write_section(HEADING, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
